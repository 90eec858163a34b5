import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayFeed } from './gatewayFeed';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { FEED_FRAME_LIMIT_BYTES, GatewayEvents } from '../../../shared/protocol/feed';
import type { FeedStatus } from '../../../shared/contract/api';
import { tempDir } from '../../../tests/unit/fixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('gateway feed: a frame over the console’s limit', () => {
  it('is reported with the reason, not as a bare transport error, and the console keeps running', async () => {
    // An unbounded (old) gateway: the whole backlog in one frame, past the console's limit.
    const httpServer = http.createServer();
    const io = new Server(httpServer, { serveClient: false });
    io.on('connection', (socket) => {
      socket.emit(GatewayEvents.feed, [
        {
          seq: 1,
          type: 'alert',
          sentAt: new Date().toISOString(),
          payload: { filler: 'x'.repeat(FEED_FRAME_LIMIT_BYTES) },
        },
      ]);
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => io.close(() => resolve())));

    const tmp = tempDir();
    const repository = new ConsoleRepository(openDatabase(tmp.dir));
    cleanup.push(() => (repository.close(), tmp.cleanup()));
    const statuses: FeedStatus[] = [];
    const feed = new GatewayFeed({
      url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`,
      token: 't',
      consoleId: 'limit-test',
      repository,
      knownCameras: new Set(),
      onCommitted: () => {},
      onStatus: (s) => statuses.push(s),
    });
    feed.start();
    cleanup.push(() => feed.stop());
    await waitFor(() => statuses.some((s) => s.state === 'disconnected'), 'the disconnect');
    const reported = statuses.find((s) => s.state === 'disconnected')!;
    expect(reported.error).toBe(
      `transport error: the gateway sent a feed frame over this console's limit of ${FEED_FRAME_LIMIT_BYTES} bytes; the gateway must bound its frames (update it)`,
    );
    expect(repository.lastSeq()).toBe(0);
  });
});
