/**
 * Convex hull of many points (ring 1: every shape point the suspect can have reached, ~10⁴ on the
 * demo city) without sorting them all: points strictly inside the octagon of the extreme points
 * in eight directions (Akl–Toussaint) cannot be hull vertices, so they are dropped in one pass
 * and the monotone chain (routing/geo.ts convexHull) runs on the rest — the same hull. The margin
 * is far above rounding error, so a point dropped is inside by a real distance, not by noise.
 */
import { convexHull } from '../../../node/routing';

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
  // Extremes in CCW order of direction: −y, x−y, x, x+y, y, y−x, −x, −x−y (each score is exactly
  // dx·x + dy·y for its unit direction; the first point with the largest score wins).
  const best = new Int32Array(8);
  const score = new Float64Array(8);
  for (let k = 0; k < 8; k++) score[k] = dirScore(k, xs[0]!, ys[0]!);
  for (let i = 1; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (-y > score[0]!) {
      score[0] = -y;
      best[0] = i;
    }
    if (x - y > score[1]!) {
      score[1] = x - y;
      best[1] = i;
    }
    if (x > score[2]!) {
      score[2] = x;
      best[2] = i;
    }
    if (x + y > score[3]!) {
      score[3] = x + y;
      best[3] = i;
    }
    if (y > score[4]!) {
      score[4] = y;
      best[4] = i;
    }
    if (y - x > score[5]!) {
      score[5] = y - x;
      best[5] = i;
    }
    if (-x > score[6]!) {
      score[6] = -x;
      best[6] = i;
    }
    if (-x - y > score[7]!) {
      score[7] = -x - y;
      best[7] = i;
    }
  }
  // Octagon edges k → k+1, computed once (not per point).
  const ox = new Float64Array(8);
  const oy = new Float64Array(8);
  const ex = new Float64Array(8);
  const ey = new Float64Array(8);
  const len = new Float64Array(8);
  for (let k = 0; k < 8; k++) {
    ox[k] = xs[best[k]!]!;
    oy[k] = ys[best[k]!]!;
  }
  let degenerate = false;
  for (let k = 0; k < 8; k++) {
    const j = (k + 1) % 8;
    ex[k] = ox[j]! - ox[k]!;
    ey[k] = oy[j]! - oy[k]!;
    len[k] = Math.hypot(ex[k]!, ey[k]!);
    if (!(len[k]! > 0)) degenerate = true; // a zero-length edge keeps every point: conservative
  }
  const keep: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    let inside = !degenerate;
    // Left of every edge by more than the margin.
    for (let k = 0; k < 8 && inside; k++)
      inside = (ex[k]! * (y - oy[k]!) - ey[k]! * (x - ox[k]!)) / len[k]! > MARGIN;
    if (!inside) keep.push([x, y]);
  }
  return convexHull(keep);
}

/** Score of a point in direction k, as dx·x + dy·y evaluates for dx, dy ∈ {−1, 0, 1}. */
function dirScore(k: number, x: number, y: number): number {
  return [-y, x - y, x, x + y, y, y - x, -x, -x - y][k]!;
}
