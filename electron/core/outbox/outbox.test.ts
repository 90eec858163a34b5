import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { tempDir } from '../../../tests/unit/fixtures';
import type { CommandAck, ConsoleCommand } from '../../../shared/protocol/feed';
import { CommandOutbox } from './commandOutbox';
import { OutboxDispatcher, type OutboxEvent, type SendCommand } from './outboxDispatcher';

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = (c: ConsoleCommand): CommandAck => ({ commandId: c.commandId, ok: true });
const status = (unitId: string, s = 'on_scene') => ({
  kind: 'unit.status' as const,
  payload: { unitId, status: s },
});

/** A fake gateway link: records every send, answers through `answer`, counts concurrency. */
function fakeLink(answer: (c: ConsoleCommand, attempt: number) => Promise<unknown> | unknown = ok) {
  const sent: ConsoleCommand[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: SendCommand = async (c) => {
    sent.push(c);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await answer(c, sent.filter((s) => s.commandId === c.commandId).length);
    } finally {
      inFlight--;
    }
  };
  return { send, sent, ids: () => sent.map((c) => c.commandId), maxInFlight: () => maxInFlight };
}

describe('command outbox', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let outbox: CommandOutbox;
  const dispatchers: OutboxDispatcher[] = [];
  const events: OutboxEvent[] = [];
  const dispatcher = (send: SendCommand, options: ConstructorParameters<typeof OutboxDispatcher>[2] = {}) => {
    const d = new OutboxDispatcher(outbox, send, {
      ackTimeoutMs: 100,
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      onEvent: (e) => events.push(e),
      ...options,
    });
    dispatchers.push(d);
    return d;
  };
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    outbox = new CommandOutbox(db);
    events.length = 0;
  });
  afterEach(async () => {
    for (const d of dispatchers.splice(0)) await d.stop();
    db.close();
    tmp.cleanup();
  });

  it('stores commands with fresh UUIDs and refuses what the protocol would refuse', () => {
    const a = outbox.enqueue(status('U1'));
    expect(a).toMatchObject({
      seq: 1,
      kind: 'unit.status',
      payload: { unitId: 'U1', status: 'on_scene' },
      state: 'pending',
      attempts: 0,
      lastError: null,
      ackAt: null,
    });
    expect(a.commandId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox.enqueue(status('U2')).commandId).not.toBe(a.commandId);
    expect(() => outbox.enqueue({ kind: 'unit.teleport' as never, payload: {} })).toThrow();
    expect(() => outbox.enqueue({ ...status('U1'), commandId: 'short' })).toThrow();
    expect(() => outbox.enqueue({ ...status('U1'), commandId: a.commandId })).toThrow(/UNIQUE/);
    expect(outbox.counts()).toEqual({ pending: 2, sent: 0, acked: 0, failed: 0 });
  });

  it('rolls back with the transaction that enqueued it', () => {
    expect(() =>
      db.transaction(() => {
        outbox.enqueue(status('U1'));
        throw new Error('dispatch refused');
      })(),
    ).toThrow('dispatch refused');
    expect(outbox.nextDeliverable()).toBeNull();
  });

  it('delivers in order only while connected, and marks acks', async () => {
    const link = fakeLink();
    const d = dispatcher(link.send);
    const ids = [outbox.enqueue(status('U1')), outbox.enqueue(status('U2'))].map((e) => e.commandId);
    d.start();
    await pause(30);
    expect(link.sent).toEqual([]);
    d.setConnected(true);
    await waitFor(() => outbox.counts().acked === 2, 'two acks');
    expect(link.ids()).toEqual(ids);
    expect(link.maxInFlight()).toBe(1);
    expect(outbox.get(ids[0]!)).toMatchObject({ state: 'acked', attempts: 1, lastError: null });
    expect(outbox.get(ids[0]!)!.ackAt).not.toBeNull();
    const third = outbox.enqueue(status('U3')).commandId;
    d.kick();
    await waitFor(() => outbox.get(third)!.state === 'acked', 'the kicked command');
    expect(events.map((e) => e.type)).toEqual(['acked', 'acked', 'acked']);
  });

  it('retries a timed-out command under the same id before anything behind it', async () => {
    const link = fakeLink((c, attempt) =>
      attempt < 3 && c.payload.unitId === 'U1' ? new Promise(() => undefined) : ok(c),
    );
    const first = outbox.enqueue(status('U1')).commandId;
    const second = outbox.enqueue(status('U2')).commandId;
    const d = dispatcher(link.send, { ackTimeoutMs: 30 });
    d.start();
    d.setConnected(true);
    await waitFor(() => outbox.counts().acked === 2, 'both acked');
    expect(link.ids()).toEqual([first, first, first, second]);
    expect(outbox.get(first)).toMatchObject({ state: 'acked', attempts: 3, lastError: null });
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.error)).toEqual([
      'no ack within 30 ms',
      'no ack within 30 ms',
    ]);
  });

  it('marks refused and malformed acks failed and moves on; gives up after maxAttempts when asked', async () => {
    const link = fakeLink((c) => {
      if (c.payload.unitId === 'U9') return { commandId: c.commandId, ok: false, error: 'unknown unit U9' };
      if (c.payload.unitId === 'U8') return { commandId: 'someone-else', ok: true };
      if (c.payload.unitId === 'U7') throw new Error('socket closed');
      return ok(c);
    });
    const refused = outbox.enqueue(status('U9')).commandId;
    const foreign = outbox.enqueue(status('U8')).commandId;
    const hopeless = outbox.enqueue(status('U7')).commandId;
    const fine = outbox.enqueue(status('U1')).commandId;
    const d = dispatcher(link.send, { maxAttempts: 2 });
    d.start();
    d.setConnected(true);
    await waitFor(() => outbox.get(fine)!.state === 'acked', 'the last command');
    expect(outbox.get(refused)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'unknown unit U9' });
    expect(outbox.get(foreign)).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^malformed ack/),
    });
    expect(outbox.get(hopeless)).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'no answer after 2 attempts: socket closed',
    });
    expect(link.ids()).toEqual([refused, foreign, hopeless, hopeless, fine]);
  });

  it('stops sending on disconnect and resends the same command on reconnect, never two at once', async () => {
    let connected = true;
    // The second command's first send hangs until the test has pulled the plug.
    let releaseSecond: () => void = () => undefined;
    const secondHeld = new Promise<void>((r) => (releaseSecond = r));
    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const tracked = new OutboxDispatcher(
      outbox,
      async (c) => {
        sent.push(c.commandId);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (sent.length === 2) await secondHeld;
          await pause(2);
          if (!connected) throw new Error('disconnected');
          return ok(c);
        } finally {
          inFlight--;
        }
      },
      { ackTimeoutMs: 1000, retryDelayMs: 1 },
    );
    dispatchers.push(tracked);
    const ids = Array.from({ length: 5 }, (_, i) => outbox.enqueue(status(`U${i}`)).commandId);
    tracked.start();
    tracked.setConnected(true);
    await waitFor(() => sent.length === 2, 'two sends');
    connected = false;
    tracked.setConnected(false);
    releaseSecond();
    await pause(40);
    const whileDown = sent.length;
    expect(whileDown).toBe(2); // the in-flight one failed and was not retried while down
    for (let i = 0; i < 5; i++) {
      // Flapping and kicking must not start a second delivery loop.
      tracked.setConnected(true);
      tracked.kick();
      tracked.setConnected(false);
    }
    connected = true;
    tracked.setConnected(true);
    await waitFor(() => outbox.counts().acked === 5, 'all acked');
    expect(maxInFlight).toBe(1);
    expect(sent.slice(0, 3)).toEqual([ids[0], ids[1], ids[1]]);
    expect([...new Set(sent)]).toEqual(ids);
    expect(outbox.get(ids[1]!)!.attempts).toBeGreaterThanOrEqual(2);
  });

  it('re-sends unacknowledged commands after a restart, under the same id', async () => {
    const first = outbox.enqueue(status('U1')).commandId;
    const second = outbox.enqueue(status('U2')).commandId;
    outbox.markAttempt(first); // sent just before the crash, ack never recorded
    db.close();
    db = openDatabase(tmp.dir);
    outbox = new CommandOutbox(db);
    expect(outbox.nextDeliverable()).toMatchObject({ commandId: first, state: 'sent', attempts: 1 });
    const link = fakeLink((c) => ({ ...ok(c), duplicate: c.commandId === first }));
    const d = dispatcher(link.send);
    d.start();
    d.setConnected(true);
    await waitFor(() => outbox.counts().acked === 2, 'both acked after restart');
    expect(link.ids()).toEqual([first, second]);
    expect(outbox.get(first)!.attempts).toBe(2);
    expect(events[0]).toMatchObject({ type: 'acked', ack: { duplicate: true } });
  });

  it('allows one running dispatcher per database, and stop waits for the command in flight', async () => {
    let release: (v: CommandAck) => void = () => undefined;
    const a = dispatcher((c) => new Promise<CommandAck>((r) => (release = () => r(ok(c)))), {
      ackTimeoutMs: 1000,
    });
    a.start();
    expect(() => dispatcher(fakeLink().send).start()).toThrow(/already delivering/);
    const id = outbox.enqueue(status('U1')).commandId;
    a.setConnected(true);
    a.kick();
    await waitFor(() => outbox.get(id)!.state === 'sent', 'the send');
    const stopped = a.stop();
    await pause(20);
    expect(outbox.get(id)!.state).toBe('sent');
    release(ok({ commandId: id } as ConsoleCommand));
    await stopped;
    expect(outbox.get(id)!.state).toBe('acked');
    const b = dispatcher(fakeLink().send);
    expect(() => b.start()).not.toThrow();
  });
});
