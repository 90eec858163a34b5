import { describe, expect, it } from 'vitest';
import { queueCommitTimes } from '../../bench/alertToScreenResult';

describe('alert-to-screen: when the queue took in alerts whose rows never entered the page', () => {
  it('the k-th alert to reach the store is in the queue at the first later commit counting k', () => {
    const store = { a: 100, b: 100, c: 130, d: 200 };
    // Commits: at 110 the count took a and b; at 150 c; d at 240 (a commit at 210 counted 3 only).
    const counts: [number, number][] = [
      [90, 0],
      [110, 2],
      [150, 3],
      [210, 3],
      [240, 4],
    ];
    expect(queueCommitTimes(store, counts)).toEqual({ a: 110, b: 110, c: 150, d: 240 });
  });

  it('an alert no commit took in is not given a time', () => {
    expect(queueCommitTimes({ a: 100, b: 120 }, [[110, 1]])).toEqual({ a: 110 });
  });
});
