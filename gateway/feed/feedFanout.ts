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
 * console, leaving out what a console already got in its backlog. Only what the log has made
 * durable (`durableSeq`) goes out; the rest waits for the log's next sync to call `flush`.
 */
export class FeedFanout {
  readonly clients = new Map<string, FeedClient>();
  private unsent: WireEnvelope[] = [];
  private flushScheduled = false;

  constructor(
    private readonly observe: (entries: WireEnvelope[]) => void,
    private readonly durableSeq: () => number = () => Infinity,
  ) {}

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
    if (this.unsent.length === 0) return;
    const durable = this.durableSeq();
    let ready = this.unsent.length;
    while (ready > 0 && this.unsent[ready - 1]!.seq > durable) ready--;
    if (ready === 0) return;
    const batch = ready === this.unsent.length ? this.unsent : this.unsent.slice(0, ready);
    this.unsent = ready === this.unsent.length ? [] : this.unsent.slice(ready);
    for (const client of this.clients.values()) {
      const out = batch.filter((e) => e.seq > client.sentUpTo);
      if (out.length === 0) continue;
      for (const frame of feedFrames(out)) client.socket.emit(GatewayEvents.feed, frame);
      client.sentUpTo = out[out.length - 1]!.seq;
    }
  }
}
