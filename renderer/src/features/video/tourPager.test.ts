import { describe, expect, it } from 'vitest';
import { tourPage } from './tourPager';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `c${i + 1}`);

describe('tour pager', () => {
  it('cycles the group page by page and wraps round', () => {
    const group = ids(10);
    expect(tourPage(group, 4, 0)).toEqual({ items: ['c1', 'c2', 'c3', 'c4'], page: 0, pages: 3 });
    expect(tourPage(group, 4, 1).items).toEqual(['c5', 'c6', 'c7', 'c8']);
    // The last page holds the rest.
    expect(tourPage(group, 4, 2)).toEqual({ items: ['c9', 'c10'], page: 2, pages: 3 });
    expect(tourPage(group, 4, 3).page).toBe(0);
    expect(tourPage(group, 4, 7).page).toBe(1);
  });

  it('has nothing to cycle when the group fits on one page, or is empty', () => {
    expect(tourPage(ids(4), 4, 5)).toEqual({ items: ids(4), page: 0, pages: 1 });
    expect(tourPage([], 9, 3)).toEqual({ items: [], page: 0, pages: 1 });
  });

  it('takes odd steps and sizes safely', () => {
    expect(tourPage(ids(6), 2, -1).page).toBe(2);
    expect(tourPage(ids(3), 0, 1)).toEqual({ items: ['c2'], page: 1, pages: 3 });
    expect(tourPage(ids(16), 1, 15.7).items).toEqual(['c16']);
  });
});
