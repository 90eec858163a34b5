import { describe, expect, it } from 'vitest';
import { maskPhone, openAlertQueue, sortAlertQueue, updateOpenAlertQueue } from './alertQueue';
import type { Alert } from './alert';
import { queuedAlert } from '../../tests/unit/queuedAlert';
import { prng } from '../../tests/unit/routingGraphs';

const alert = (id: string, priority: Alert['priority'], reportedAt: string) =>
  queuedAlert(id, { priority, reportedAt, receivedAt: reportedAt });

// Random cases from the tests' seeded PRNG: they fail the same way every run.
const rng = prng;

describe('open queue kept in order incrementally', () => {
  const STATUSES: Alert['status'][] = ['received', 'dispatched', 'closed', 'cancelled', 'received'];
  const ids = (xs: readonly Alert[]) => xs.map((a) => a.id);

  it('equals re-sorting the open alerts after every batch (random batches, amends, closes, repeats)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
      let all = new Map<string, Alert>();
      let queue: Alert[] = [];
      for (let batch = 0; batch < 30; batch++) {
        const size = 1 + Math.floor(rand() * (rand() < 0.1 ? 90 : 6));
        const changed: Alert[] = [];
        for (let k = 0; k < size; k++) {
          // Few ids and few distinct times: amends of queued alerts, repeats within a batch, ties.
          const id = `A${Math.floor(rand() * 60)}`;
          const minute = String(Math.floor(rand() * 5)).padStart(2, '0');
          const offset = pick(['Z', '+08:00']);
          changed.push({
            ...alert(id, pick([1, 2, 3, 4] as const), `2026-11-20T1${pick([1, 9])}:${minute}:00${offset}`),
            status: pick(STATUSES),
          });
        }
        queue = updateOpenAlertQueue(queue, all, changed);
        all = new Map(all);
        for (const a of changed) all.set(a.id, a);
        expect(ids(queue), `seed ${seed} batch ${batch}`).toEqual(ids(openAlertQueue(all.values())));
        expect(queue.every((a) => all.get(a.id) === a)).toBe(true); // the latest version of each
      }
    }
  });

  it('leaves the given queue untouched', () => {
    const a = alert('a', 2, '2026-11-20T19:00:00+08:00');
    const queue = [a];
    const next = updateOpenAlertQueue(queue, new Map([['a', a]]), [{ ...a, status: 'closed' }]);
    expect(ids(next)).toEqual([]);
    expect(ids(queue)).toEqual(['a']);
  });
});

describe('alert queue order', () => {
  it('puts higher priority first, and within a priority the longest waiting first', () => {
    const sorted = sortAlertQueue([
      alert('c', 3, '2026-11-20T19:00:00+08:00'),
      alert('b', 1, '2026-11-20T19:05:00+08:00'),
      alert('a', 1, '2026-11-20T19:01:00+08:00'),
      alert('d', 2, '2026-11-20T18:00:00+08:00'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('compares times across offsets as instants', () => {
    const sorted = sortAlertQueue([
      alert('late', 2, '2026-11-20T12:00:00Z'),
      alert('early', 2, '2026-11-20T19:00:00+08:00'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['early', 'late']);
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('never shows a short number whole', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('1234567')).not.toContain('3456');
  });
});
