import { describe, expect, it } from 'vitest';
import { isPositionCurrent } from './unit';

describe('isPositionCurrent', () => {
  it('takes the first report, a newer one and one at the same instant; refuses an older one', () => {
    expect(isPositionCurrent(null, { at: '2026-11-20T19:00:00+08:00' })).toBe(true);
    expect(isPositionCurrent({ at: '2026-11-20T19:00:00+08:00' }, { at: '2026-11-20T19:00:05+08:00' })).toBe(
      true,
    );
    expect(isPositionCurrent({ at: '2026-11-20T19:00:00+08:00' }, { at: '2026-11-20T11:00:00Z' })).toBe(true);
    expect(isPositionCurrent({ at: '2026-11-20T19:00:05+08:00' }, { at: '2026-11-20T19:00:00+08:00' })).toBe(
      false,
    );
  });

  it('compares instants, not strings, across UTC offsets', () => {
    // As strings "2026-11-20T11:00:10Z" < "2026-11-20T19:00:00+08:00", yet it is 10 s later.
    expect(isPositionCurrent({ at: '2026-11-20T19:00:00+08:00' }, { at: '2026-11-20T11:00:10Z' })).toBe(true);
    expect(isPositionCurrent({ at: '2026-11-20T11:00:10Z' }, { at: '2026-11-20T19:00:00+08:00' })).toBe(
      false,
    );
  });
});
