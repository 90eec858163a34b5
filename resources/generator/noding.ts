/**
 * Noding: makes every crossing of two roads a vertex of both lines, so that a routing graph can be
 * built from shared vertex coordinates. Motorways are grade-separated: they only join lines flagged
 * `motorwayJunction` (interchanges).
 */
import type { RoadClass } from '../../shared/citypack/schema';
import { type Pt, dist, segmentIntersection } from './geom';

export interface RoadProps {
  class: RoadClass;
  name: string;
  nameEn?: string;
  ref?: string;
  oneway: boolean;
  maxspeed?: number;
}

export interface Line {
  pts: Pt[];
  props: RoadProps;
  /** This line has an interchange with any motorway it crosses. */
  motorwayJunction?: boolean;
}

const CELL = 400;
const SNAP_M = 0.5;

interface Insert {
  t: number;
  p: Pt;
}

export function nodeLines(lines: Line[]): void {
  const segLine: number[] = [];
  const segIdx: number[] = [];
  const cells = new Map<number, number[]>();
  const cellKey = (cx: number, cy: number): number => (cx + 5000) * 10_000 + (cy + 5000);
  lines.forEach((line, li) => {
    for (let si = 0; si + 1 < line.pts.length; si++) {
      const a = line.pts[si]!;
      const b = line.pts[si + 1]!;
      const id = segLine.length;
      segLine.push(li);
      segIdx.push(si);
      for (
        let cx = Math.floor(Math.min(a.x, b.x) / CELL);
        cx <= Math.floor(Math.max(a.x, b.x) / CELL);
        cx++
      ) {
        for (
          let cy = Math.floor(Math.min(a.y, b.y) / CELL);
          cy <= Math.floor(Math.max(a.y, b.y) / CELL);
          cy++
        ) {
          const k = cellKey(cx, cy);
          const list = cells.get(k);
          if (list) list.push(id);
          else cells.set(k, [id]);
        }
      }
    }
  });

  const parent = new Map<Pt, Pt>();
  const find = (p: Pt): Pt => {
    let r = p;
    while (parent.has(r)) r = parent.get(r)!;
    return r;
  };
  const inserts = new Map<number, Insert[]>();
  const addInsert = (seg: number, t: number, p: Pt): void => {
    const list = inserts.get(seg);
    if (list) list.push({ t, p });
    else inserts.set(seg, [{ t, p }]);
  };
  const junctionAllowed = (a: Line, b: Line): boolean => {
    const am = a.props.class === 'motorway';
    const bm = b.props.class === 'motorway';
    if (am && bm) return true;
    if (am) return b.motorwayJunction === true;
    if (bm) return a.motorwayJunction === true;
    return true;
  };

  const sortedKeys = [...cells.keys()].sort((a, b) => a - b);
  for (const key of sortedKeys) {
    const list = cells.get(key)!;
    const cx = Math.floor(key / 10_000) - 5000;
    const cy = (key % 10_000) - 5000;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const s1 = list[i]!;
        const s2 = list[j]!;
        const l1 = segLine[s1]!;
        const l2 = segLine[s2]!;
        if (l1 === l2 || !junctionAllowed(lines[l1]!, lines[l2]!)) continue;
        const a0 = lines[l1]!.pts[segIdx[s1]!]!;
        const a1 = lines[l1]!.pts[segIdx[s1]! + 1]!;
        const b0 = lines[l2]!.pts[segIdx[s2]!]!;
        const b1 = lines[l2]!.pts[segIdx[s2]! + 1]!;
        if (a0 === b0 || a0 === b1 || a1 === b0 || a1 === b1) continue;
        const hit = segmentIntersection(a0, a1, b0, b1);
        if (!hit) continue;
        const px = a0.x + (a1.x - a0.x) * hit.t;
        const py = a0.y + (a1.y - a0.y) * hit.t;
        if (Math.floor(px / CELL) !== cx || Math.floor(py / CELL) !== cy) continue;
        const lenA = dist(a0, a1);
        const lenB = dist(b0, b1);
        const endA = hit.t * lenA < SNAP_M ? a0 : (1 - hit.t) * lenA < SNAP_M ? a1 : null;
        const endB = hit.u * lenB < SNAP_M ? b0 : (1 - hit.u) * lenB < SNAP_M ? b1 : null;
        if (endA && endB) {
          const ra = find(endA);
          const rb = find(endB);
          if (ra !== rb) parent.set(rb, ra);
        } else if (endA) {
          addInsert(s2, hit.u, endA);
        } else if (endB) {
          addInsert(s1, hit.t, endB);
        } else {
          const p = { x: px, y: py };
          addInsert(s1, hit.t, p);
          addInsert(s2, hit.u, p);
        }
      }
    }
  }

  let seg = 0;
  for (const line of lines) {
    const out: Pt[] = [];
    const push = (p: Pt): void => {
      const r = find(p);
      const last = out[out.length - 1];
      if (last !== r && !(last && last.x === r.x && last.y === r.y)) out.push(r);
    };
    for (let si = 0; si + 1 < line.pts.length; si++, seg++) {
      push(line.pts[si]!);
      const ins = inserts.get(seg);
      if (ins) for (const x of ins.sort((p, q) => p.t - q.t)) push(x.p);
    }
    push(line.pts[line.pts.length - 1]!);
    line.pts = out;
  }
}
