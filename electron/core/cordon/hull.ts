/**
 * Convex hull of many points (ring 1: every shape point the suspect can have reached, ~10⁴ on the
 * demo city) without sorting them all: points strictly inside the octagon of the extreme points
 * in eight directions (Akl–Toussaint) cannot be hull vertices, so they are dropped in one pass
 * and the monotone chain (routing/geo.ts convexHull) runs on the rest — the same hull. The margin
 * is far above rounding error, so a point dropped is inside by a real distance, not by noise.
 */
import { convexHull } from '../routing/geo';

/** Growable flat x/y buffers (no [x, y] array per point until a point survives the filter). */
export class PointBuffer {
  xs = new Float64Array(1024);
  ys = new Float64Array(1024);
  length = 0;

  push(x: number, y: number): void {
    if (this.length === this.xs.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.xs = grow(this.xs);
      this.ys = grow(this.ys);
    }
    this.xs[this.length] = x;
    this.ys[this.length] = y;
    this.length++;
  }
}

/** Degrees: ~0.1 mm, against cross-product noise of ~1e-16 of the coordinates' spread. */
const MARGIN = 1e-9;

export function filteredConvexHull(b: PointBuffer): [number, number][] {
  const { xs, ys, length: n } = b;
  if (n === 0) return [];
  // Extremes in CCW order of direction: −y, x−y, x, x+y, y, y−x, −x, −x−y.
  const dirs: [number, number][] = [[0, -1], [1, -1], [1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1]];
  const best = dirs.map(() => 0);
  const score = dirs.map(([dx, dy]) => dx * xs[0]! + dy * ys[0]!);
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < 8; k++) {
      const s = dirs[k]![0] * xs[i]! + dirs[k]![1] * ys[i]!;
      if (s > score[k]!) {
        score[k] = s;
        best[k] = i;
      }
    }
  }
  const ox = best.map((i) => xs[i]!);
  const oy = best.map((i) => ys[i]!);
  const keep: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    let inside = true;
    for (let k = 0; k < 8 && inside; k++) {
      const j = (k + 1) % 8;
      const ex = ox[j]! - ox[k]!;
      const ey = oy[j]! - oy[k]!;
      const len = Math.hypot(ex, ey);
      // Left of every edge by more than the margin (a zero-length edge keeps the point: conservative).
      inside = len > 0 && (ex * (y - oy[k]!) - ey * (x - ox[k]!)) / len > MARGIN;
    }
    if (!inside) keep.push([x, y]);
  }
  return convexHull(keep);
}
