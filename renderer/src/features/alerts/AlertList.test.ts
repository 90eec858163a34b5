import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from './AlertList';
import { QUEUE_ROW_HEIGHT_PX } from './AlertRow';

const step = QUEUE_ROW_HEIGHT_PX + 4;

describe('the queue list window', () => {
  it('mounts the rows in view and eight beyond each edge, within the list', () => {
    expect(rowWindow(0, 10 * step, 1000)).toEqual([0, 18]);
    expect(rowWindow(100 * step, 10 * step, 1000)).toEqual([92, 118]);
    expect(rowWindow(100 * step + 1, 10 * step, 1000)).toEqual([92, 119]); // a row cut at each edge
    expect(rowWindow(995 * step, 10 * step, 1000)).toEqual([987, 1000]);
    expect(rowWindow(0, 10 * step, 3)).toEqual([0, 3]);
    expect(rowWindow(0, 0, 0)).toEqual([0, 0]);
  });

  it('scrolls only as far as needed to show a row whole', () => {
    const height = 10 * step;
    expect(scrollToShow(3, 0, height)).toBe(0); // in view: stays
    expect(scrollToShow(30, 0, height)).toBe(30 * step + QUEUE_ROW_HEIGHT_PX - height); // below: to the bottom edge
    expect(scrollToShow(5, 20 * step, height)).toBe(5 * step); // above: to the top edge
    expect(scrollToShow(9, 0, height)).toBe(0); // the last whole row in view
  });
});
