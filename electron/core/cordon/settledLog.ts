/**
 * What the pruned police searches (policeEtas.ts) settled, kept for the routes of the assigned
 * units (routes.ts, keptRoute): each unit's settled nodes with their distances, and each searched
 * point's need bound b_j. A unit's distances are exact on every shortest path to a point it
 * reaches within b_j (policeEtas.ts), so its route there can be read off them instead of a new
 * search. Valid for one analysis; the buffers are reused by the next.
 */
export class SettledLog {
  /** Settled nodes of all logged searches, one unit's after another, and their distances. */
  nodes = new Int32Array(1 << 16);
  dists = new Float64Array(1 << 16);
  length = 0;
  /** Per unit (analysis order): its range in nodes/dists, from = -1 where not logged. */
  from = new Int32Array(0);
  to = new Int32Array(0);
  /** Per point (analysis columns): the need bound, -Infinity where none is known. */
  bound = new Float64Array(0);

  /** Clears the log for an analysis of `units` units and `points` points. */
  reset(units: number, points: number): this {
    this.length = 0;
    if (this.from.length < units) {
      this.from = new Int32Array(units);
      this.to = new Int32Array(units);
    }
    this.from.fill(-1);
    if (this.bound.length < points) this.bound = new Float64Array(points);
    this.bound.fill(-Infinity);
    return this;
  }

  /** Room for `extra` more entries. */
  reserve(extra: number): void {
    if (this.length + extra <= this.nodes.length) return;
    const cap = Math.max(2 * this.nodes.length, this.length + extra);
    const n = new Int32Array(cap);
    n.set(this.nodes.subarray(0, this.length));
    const d = new Float64Array(cap);
    d.set(this.dists.subarray(0, this.length));
    this.nodes = n;
    this.dists = d;
  }
}

let scratch: SettledLog | null = null;

/** The log of the running analysis (analyses run one at a time; only routes read it, before return). */
export function scratchSettledLog(units: number, points: number): SettledLog {
  return (scratch ??= new SettledLog()).reset(units, points);
}
