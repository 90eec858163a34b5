/**
 * After noding: where roads cross the city boundary and the provincial border, vertices for
 * checkpoints just inside, and an index of road vertices by output coordinate.
 */
import { type Pt, dist, lerp, pointInRing, segmentIntersection, toLngLat } from './geom';
import type { Line } from './noding';
import type { Regions } from './regions';

export interface Crossing {
  line: number;
  level: 'city' | 'provincial';
  /** Where the road crosses. */
  at: Pt;
  /** Vertex on the road ~150 m inside (inserted by insertInsideVertices). */
  inside?: Pt;
  /** Bearing-ready direction: the next vertex further inside. */
  inward?: Pt;
  seg: number;
  t: number;
  insideIsStart: boolean;
}

export function findCrossings(lines: Line[], regions: Regions): Crossing[] {
  const ringSet = new Set(regions.cityRing);
  const boundaries: { a: Pt; b: Pt; level: 'city' | 'provincial'; inRing: Pt[] }[] = [];
  const n = regions.cityRing.length;
  for (let i = 0; i < n; i++) {
    const level = regions.borderSegments.has(i) ? 'provincial' : 'city';
    boundaries.push({
      a: regions.cityRing[i]!,
      b: regions.cityRing[(i + 1) % n]!,
      level,
      inRing: regions.cityRing,
    });
  }
  for (let i = 0; i + 1 < regions.border.length; i++) {
    const a = regions.border[i]!;
    const b = regions.border[i + 1]!;
    if (ringSet.has(a) && ringSet.has(b)) continue;
    boundaries.push({ a, b, level: 'provincial', inRing: regions.ownProvince });
  }
  const out: Crossing[] = [];
  lines.forEach((line, li) => {
    for (let s = 0; s + 1 < line.pts.length; s++) {
      const p = line.pts[s]!;
      const q = line.pts[s + 1]!;
      if (Math.hypot(p.x, p.y) < 12_000 && Math.hypot(q.x, q.y) < 12_000) continue;
      for (const bd of boundaries) {
        if (Math.max(p.x, q.x) < Math.min(bd.a.x, bd.b.x) || Math.min(p.x, q.x) > Math.max(bd.a.x, bd.b.x))
          continue;
        if (Math.max(p.y, q.y) < Math.min(bd.a.y, bd.b.y) || Math.min(p.y, q.y) > Math.max(bd.a.y, bd.b.y))
          continue;
        const hit = segmentIntersection(p, q, bd.a, bd.b);
        if (!hit) continue;
        out.push({
          line: li,
          level: bd.level,
          at: lerp(p, q, hit.t),
          seg: s,
          t: hit.t,
          insideIsStart: pointInRing(p, bd.inRing),
        });
      }
    }
  });
  return out;
}

/** Point `back` metres from (seg, t) along the line towards the start (dir -1) or end (dir +1), as an insertion. */
function walk(
  line: Line,
  seg: number,
  t: number,
  dir: 1 | -1,
  back: number,
): { seg: number; t: number; p: Pt; next: Pt } | null {
  let s = seg;
  let from = lerp(line.pts[s]!, line.pts[s + 1]!, t);
  let remaining = back;
  for (;;) {
    const target = dir < 0 ? line.pts[s]! : line.pts[s + 1]!;
    const d = dist(from, target);
    if (d > remaining) {
      const p = lerp(from, target, remaining / d);
      const a = line.pts[s]!;
      const b = line.pts[s + 1]!;
      const tt = dist(a, p) / dist(a, b);
      return { seg: s, t: tt, p, next: target };
    }
    remaining -= d;
    from = target;
    s += dir;
    if (s < 0 || s + 1 >= line.pts.length) return null;
  }
}

export interface InsideVertexRequest {
  line: number;
  seg: number;
  t: number;
  insideIsStart: boolean;
  metres: number;
}

/** Inserts a vertex `metres` inside of each request point; returns [vertex, next vertex inward] per request. */
export function insertInsideVertices(
  lines: Line[],
  reqs: InsideVertexRequest[],
): ({ p: Pt; next: Pt } | null)[] {
  const result: ({ p: Pt; next: Pt } | null)[] = reqs.map(() => null);
  const plans = reqs.map((r, i) => {
    const w = walk(lines[r.line]!, r.seg, r.t, r.insideIsStart ? -1 : 1, r.metres);
    return { i, line: r.line, w };
  });
  plans.sort((a, b) => a.line - b.line || (b.w ? b.w.seg + b.w.t : 0) - (a.w ? a.w.seg + a.w.t : 0));
  for (const plan of plans) {
    if (!plan.w) continue;
    const line = lines[plan.line]!;
    const { seg, t, p, next } = plan.w;
    if (t < 0.02) result[plan.i] = { p: line.pts[seg]!, next };
    else if (t > 0.98) result[plan.i] = { p: line.pts[seg + 1]!, next };
    else {
      line.pts.splice(seg + 1, 0, p);
      result[plan.i] = { p, next };
    }
  }
  return result;
}

export interface VertexInfo {
  p: Pt;
  key: string;
  lng: number;
  lat: number;
  lines: number[];
}

export function indexVertices(lines: Line[]): Map<string, VertexInfo> {
  const map = new Map<string, VertexInfo>();
  lines.forEach((line, li) => {
    for (const p of line.pts) {
      const [lng, lat] = toLngLat(p);
      const key = `${lng},${lat}`;
      let v = map.get(key);
      if (!v) {
        v = { p, key, lng, lat, lines: [] };
        map.set(key, v);
      }
      if (!v.lines.includes(li)) v.lines.push(li);
    }
  });
  return map;
}

/** Keeps only the lines of the largest connected component (by shared output coordinates). */
export function keepConnected(lines: Line[]): Line[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const keys = lines.map((l) => l.pts.map((p) => toLngLat(p).join(',')));
  for (const ks of keys) for (const k of ks) if (!parent.has(k)) parent.set(k, k);
  for (const ks of keys)
    for (let i = 1; i < ks.length; i++) {
      const a = find(ks[i - 1]!);
      const b = find(ks[i]!);
      if (a !== b) parent.set(b, a);
    }
  const size = new Map<string, number>();
  for (const ks of keys) {
    const r = find(ks[0]!);
    size.set(r, (size.get(r) ?? 0) + ks.length);
  }
  let best = '';
  for (const [r, n] of size) if (!best || n > size.get(best)!) best = r;
  return lines.filter((_, i) => find(keys[i]![0]!) === best);
}
