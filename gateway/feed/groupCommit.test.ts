import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io';
import { FeedLog } from './feedLog';
import { FeedFanout } from './feedFanout';
import type { Datasync } from './groupCommit';
import { tempDir } from '../../tests/unit/gatewayFixtures';

const at = '2024-05-01T11:00:00.000Z';
const alert = (id: string) => ({ messages: [{ type: 'alert', payload: { id } }], sentAt: at });

/** A datasync held by the test: each call waits until the test completes it. */
function heldSync() {
  const calls: ((err: NodeJS.ErrnoException | null) => void)[] = [];
  const datasync: Datasync = (_fd, done) => void calls.push(done);
  return { datasync, calls, complete: (err: NodeJS.ErrnoException | null = null) => calls.shift()!(err) };
}

describe('feed log group commit', () => {
  it('runs one sync at a time, each covering every line written before it started', () => {
    const sync = heldSync();
    const log = new FeedLog(tempDir(), true, sync.datasync);
    const order: string[] = [];
    log.append(alert('A1'));
    log.afterDurable(() => order.push('after A1'));
    log.append(alert('A2'));
    log.append(alert('A3'));
    log.afterDurable(() => order.push('after A3'));
    expect(log.headSeq).toBe(3);
    expect(log.durableSeq).toBe(0);
    expect(sync.calls).toHaveLength(1);

    sync.complete(); // the first sync started after A1 only
    expect(log.durableSeq).toBe(1);
    expect(order).toEqual(['after A1']);
    expect(sync.calls).toHaveLength(1); // the next one, for A2 and A3, started at once

    sync.complete();
    expect(log.durableSeq).toBe(3);
    expect(order).toEqual(['after A1', 'after A3']);
    expect(sync.calls).toHaveLength(0);
    log.afterDurable(() => order.push('nothing pending'));
    expect(order.at(-1)).toBe('nothing pending');
    log.close();
  });

  it('sends consoles only what is durable', () => {
    const sync = heldSync();
    const log = new FeedLog(tempDir(), true, sync.datasync);
    const fanout = new FeedFanout(
      () => {},
      () => log.durableSeq,
    );
    const sent: number[] = [];
    const socket = {
      emit: (_event: string, frame: { seq: number }[]) => sent.push(...frame.map((e) => e.seq)),
    } as unknown as Socket;
    fanout.clients.set('s1', { socket, consoleId: 'c1', sentUpTo: 0 });
    log.onDurable(() => fanout.flush());

    fanout.publish(log.append(alert('A1')));
    fanout.publish(log.append(alert('A2')));
    fanout.flush();
    expect(sent).toEqual([]);
    sync.complete();
    expect(sent).toEqual([1]);
    sync.complete();
    expect(sent).toEqual([1, 2]);
    log.close();
  });

  it('after a failed sync sends nothing more, refuses appends and fails the waiters', () => {
    const sync = heldSync();
    const log = new FeedLog(tempDir(), true, sync.datasync);
    const errors: string[] = [];
    const logged = console.error;
    console.error = () => {};
    try {
      log.append(alert('A1'));
      log.afterDurable(
        () => errors.push('durable'),
        (err) => errors.push(err.message),
      );
      sync.complete(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }));
    } finally {
      console.error = logged;
    }
    expect(errors).toEqual(['cannot make the feed log durable (fdatasync: EIO: i/o error)']);
    expect(log.durableSeq).toBe(0);
    expect(() => log.append(alert('A2'))).toThrow(/cannot make the feed log durable/);
    expect(log.headSeq).toBe(1);
    log.close();
  });

  it('close makes what is written durable, settles its waiters, and a reopened log has every line', () => {
    const dir = tempDir();
    const sync = heldSync();
    const log = new FeedLog(dir, true, sync.datasync);
    let settled = false;
    log.append(alert('A1'));
    log.append(alert('A2'));
    log.afterDurable(() => (settled = true));
    log.close();
    expect(settled).toBe(true);
    sync.complete(); // the sync that was in flight finishes unheard
    const reopened = new FeedLog(dir, false);
    expect(reopened.since(0).map((e) => e.seq)).toEqual([1, 2]);
    reopened.close();
  });

  it('with the real fdatasync, every line becomes durable and nothing waits on the disk in the append', async () => {
    const log = new FeedLog(tempDir());
    for (let i = 1; i <= 50; i++) log.append(alert(`A${i}`));
    expect(log.headSeq).toBe(50);
    // A sync's completion can only be heard on a later turn: had any append synced in place,
    // its line would count as durable here already.
    expect(log.durableSeq).toBe(0);
    await new Promise<void>((resolve, reject) => log.afterDurable(resolve, reject));
    expect(log.durableSeq).toBe(50);
    log.close();
  });
});
