/**
 * A tight SegmentGrid (segments filed only under the cells they pass through) finds every segment
 * that crosses a query segment, as the bounding-box grid does: long diagonal ring edges (a ring-1
 * hull) and short wiggly ones, query segments of road length, some ending exactly on a cell line.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../../tests/unit/routingGraphs';
import { crossSegment, Frame, ringLine, SegmentGrid, type Position } from './geometry';

describe('a tight segment grid', () => {
  it('finds the crossings the bounding-box grid finds, with fewer candidates', () => {
    const rnd = prng(81);
    const frame = new Frame(108.9, 34.3);
    // A hull-like ring of 9 long edges (~30 km) and a wiggly line of 400 short ones.
    const hull: Position[] = Array.from({ length: 9 }, (_, k) => {
      const a = (2 * Math.PI * k) / 9;
      return [108.9 + 0.2 * Math.cos(a), 34.3 + 0.15 * Math.sin(a)];
    });
    hull.push(hull[0]!);
    const wiggle: Position[] = Array.from({ length: 401 }, (_, k) => [
      108.8 + k * 0.0005,
      34.3 + 0.002 * Math.sin(k / 3) + (rnd() - 0.5) * 0.0004,
    ]);
    const line = ringLine(frame, [
      { line: hull, insideLeft: true },
      { line: wiggle, insideLeft: false },
    ]);
    const x0 = Math.min(...line.ax, ...line.bx); // the grid's origin: cell lines at x0 + k km
    const loose = new SegmentGrid(line, 1000);
    const tight = new SegmentGrid(line, 1000, true);
    let hits = 0;
    let looseCandidates = 0;
    let tightCandidates = 0;
    for (let n = 0; n < 20000; n++) {
      const px = (rnd() - 0.5) * 40000;
      const py = (rnd() - 0.5) * 34000;
      // Road-length segments; every tenth starts on a cell line of the grid.
      const x1 = n % 10 === 0 ? x0 + Math.round((px - x0) / 1000) * 1000 : px;
      const qx = x1 + (rnd() - 0.5) * 400;
      const qy = py + (rnd() - 0.5) * 400;
      const found = (grid: SegmentGrid) => {
        const out: string[] = [];
        let candidates = 0;
        grid.query(x1, py, qx, qy, (s) => {
          if (s < 9) candidates++; // the long hull edges
          const hit = crossSegment(line, s, x1, py, qx, qy);
          if (hit) out.push(`${s}:${hit.t}:${hit.outbound}`);
        });
        return { out: out.sort(), candidates };
      };
      const a = found(loose);
      const b = found(tight);
      expect(b.out).toEqual(a.out);
      expect(
        tight.meetsBox(Math.min(x1, qx), Math.min(py, qy), Math.max(x1, qx), Math.max(py, qy)) ||
          a.out.length === 0,
      ).toBe(true);
      hits += a.out.length;
      looseCandidates += a.candidates;
      tightCandidates += b.candidates;
    }
    expect(hits).toBeGreaterThan(100);
    expect(tightCandidates).toBeLessThan(looseCandidates / 2);
  });
});
