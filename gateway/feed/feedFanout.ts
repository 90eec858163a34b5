import type { Socket } from 'socket.io';
import { GatewayEvents } from '../../shared/protocol/feed';
import { feedFrames } from './feedFrames';
import type { WireEnvelope } from './feedLog';

export interface FeedClient {
  socket: Socket;
  consoleId: string;
  /** Highest seq already emitted to this socket, so live flushes never repeat the backlog. */
  sentUpTo: number;
}

/**
 * The consoles connected to this gateway and what each has been sent. Envelopes are published
 * in seq order; everything published in one event-loop turn goes out as one feed batch per
 * console, leaving out what a console already got in its backlog.
 */
export class FeedFanout {
  readonly clients = new Map<string, FeedClient>();
  private unsent: WireEnvelope[] = [];
  private flushScheduled = false;

  constructor(private readonly observe: (entries: WireEnvelope[]) => void) {}

  publish(entries: WireEnvelope[]): void {
    if (entries.length === 0) return;
    this.observe(entries);
    this.unsent.push(...entries);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.flushScheduled = false;
    const batch = this.unsent;
    this.unsent = [];
    if (batch.length === 0) return;
    for (const client of this.clients.values()) {
      const out = batch.filter((e) => e.seq > client.sentUpTo);
      if (out.length === 0) continue;
      for (const frame of feedFrames(out)) client.socket.emit(GatewayEvents.feed, frame);
      client.sentUpTo = out[out.length - 1]!.seq;
    }
  }
}
