/**
 * Debug path for the alert-to-screen benchmark (bench/alertToScreen.ts): with
 * DISPATCH_LATENCY_TRACE=<file> set, the host appends one JSON line per new alert with the epoch
 * milliseconds of each stage it owns — gateway send (the envelope's sentAt), received on the
 * feed socket, committed to SQLite, pushed to the renderers. Without the variable it does nothing.
 * Measurement only: nothing reads these times back into the console.
 */
import { appendFileSync } from 'node:fs';

export interface AlertStageTimes {
  id: string;
  sentAt: number;
  received: number;
  /** The batching window closed: decoding and the transaction start. */
  flushed: number;
  committed: number;
  pushed: number;
}

export class LatencyTrace {
  private readonly received = new Map<string, { sentAt: number; at: number }>();

  constructor(private readonly file: string) {}

  /** The trace named by DISPATCH_LATENCY_TRACE, or null (the normal case). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): LatencyTrace | null {
    const file = env['DISPATCH_LATENCY_TRACE'];
    return file ? new LatencyTrace(file) : null;
  }

  /** Feed messages as they arrive on the socket (before validation: only alert ids are read). */
  noteReceived(messages: readonly unknown[], at: number): void {
    for (const m of messages) {
      const e = m as { type?: unknown; sentAt?: unknown; payload?: { id?: unknown } };
      if (e?.type === 'alert' && typeof e.payload?.id === 'string' && typeof e.sentAt === 'string')
        this.received.set(e.payload.id, { sentAt: Date.parse(e.sentAt), at });
    }
  }

  /** The alerts of one flush: started at `flushed`, committed at `committed`, handed to the renderers' push by now. */
  noteFlushed(alertIds: readonly string[], flushed: number, committed: number): void {
    const pushed = Date.now();
    const lines: string[] = [];
    for (const id of alertIds) {
      const r = this.received.get(id);
      if (!r) continue;
      this.received.delete(id);
      lines.push(
        JSON.stringify({
          id,
          sentAt: r.sentAt,
          received: r.at,
          flushed,
          committed,
          pushed,
        } satisfies AlertStageTimes),
      );
    }
    if (lines.length) appendFileSync(this.file, lines.join('\n') + '\n');
  }
}
