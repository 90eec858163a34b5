/**
 * The urban core: a warped street grid (primary every 1.6 km, secondary every 800 m, tertiary every
 * 400 m, residential lanes inside blocks), one one-way pair each way near the centre, and two ring roads.
 */
import { type Pt, deg, polar, polarNoise, pt } from './geom';
import { CORE_EW, CORE_NS, LANE_SUFFIX, type Name } from './names';
import type { Line, RoadProps } from './noding';
import type { Rng } from './prng';
import type { RoadClass } from '../../shared/citypack/schema';

/** Grid spacing: street lines every 2 units (400 m), lanes at odd units. */
export const UNIT_M = 200;
const GRID_ROT = -10;
const EXTENT = 42;
const SPEED: Record<string, number> = {
  trunk: 60,
  primary: 60,
  secondary: 50,
  tertiary: 40,
  residential: 30,
};

export interface CoreRoads {
  lines: Line[];
  /** World position of grid point (i, j) (units of 200 m); a vertex when a street passes there. */
  gridAt(i: number, j: number): Pt;
  outerRingAt(angle: number): Pt;
  innerRingAt(angle: number): Pt;
  /** Street names by grid line index (even units), when that line exists. */
  nsName(i: number): Name | undefined;
  ewName(j: number): Name | undefined;
}

const urbanRadius = (angleDeg: number): number => 7800 * (1 + 0.07 * polarNoise(angleDeg, [0.5, 2.5, 1.2]));

function warp(x: number, y: number): Pt {
  const c = Math.cos(deg(GRID_ROT));
  const s = Math.sin(deg(GRID_ROT));
  const dx = 90 * Math.sin(y / 2300 + 0.7);
  const dy = 110 * Math.sin(x / 2900 + 1.9);
  return pt(x * c - y * s + dx, x * s + y * c + dy);
}

const props = (cls: RoadClass, name: Name, oneway = false): RoadProps => ({
  class: cls,
  name: name[0],
  nameEn: name[1],
  oneway,
  maxspeed: SPEED[cls],
});

function gridClass(k: number): RoadClass {
  if (k % 4 === 0) return 'primary';
  if (k % 2 === 0) return 'secondary';
  return 'tertiary';
}

export function buildCore(rng: Rng): CoreRoads {
  const cache = new Map<string, Pt>();
  const gridAt = (i: number, j: number): Pt => {
    const key = `${i},${j}`;
    let p = cache.get(key);
    if (!p) {
      p = warp(i * UNIT_M, j * UNIT_M);
      cache.set(key, p);
    }
    return p;
  };
  const inside = (i: number, j: number, margin: number): boolean => {
    const x = i * UNIT_M;
    const y = j * UNIT_M;
    const a = (Math.atan2(y, x) * 180) / Math.PI;
    return Math.hypot(x, y) < urbanRadius(a) + margin;
  };
  const lines: Line[] = [];
  const onLine = new Set<string>();
  const names = { ns: new Map<number, Name>(), ew: new Map<number, Name>() };

  for (const dir of ['ns', 'ew'] as const) {
    const ks: number[] = [];
    for (let k = -20; k <= 20; k++) ks.push(k);
    const rank = (k: number): number =>
      (k % 4 === 0 ? 0 : k % 2 === 0 ? 1 : 2) * 100 + Math.abs(k) * 2 + (k < 0 ? 1 : 0);
    ks.sort((a, b) => rank(a) - rank(b));
    const pool = dir === 'ns' ? CORE_NS : CORE_EW;
    ks.forEach((k, n) => {
      const cls = gridClass(k);
      const margin = cls === 'primary' ? 700 : 0;
      const idx = 2 * k;
      const at = (m: number): [number, number] => (dir === 'ns' ? [idx, m] : [m, idx]);
      let best: [number, number] = [0, -1];
      let start: number | null = null;
      for (let m = -EXTENT; m <= EXTENT + 1; m++) {
        const ok = m <= EXTENT && inside(...at(m), margin);
        if (ok && start === null) start = m;
        if (!ok && start !== null) {
          if (m - 1 - start > best[1] - best[0]) best = [start, m - 1];
          start = null;
        }
      }
      if (best[1] - best[0] < 2) return;
      const name = pool[n]!;
      names[dir].set(idx, name);
      const pts: Pt[] = [];
      for (let m = best[0]; m <= best[1]; m++) {
        pts.push(gridAt(...at(m)));
        onLine.add(at(m).join(','));
      }
      if (Math.abs(k) === 1 && best[0] < -10 && best[1] > 10) {
        // One-way pair through the centre (|m| ≤ 10 units = 2 km), two-way beyond.
        const cut = (m: number): number => m - best[0];
        const mid = pts.slice(cut(-10), cut(10) + 1);
        const forward = (dir === 'ns') === k > 0;
        lines.push({ pts: pts.slice(0, cut(-10) + 1), props: props(cls, name) });
        lines.push({ pts: forward ? mid : [...mid].reverse(), props: props(cls, name, true) });
        lines.push({ pts: pts.slice(cut(10)), props: props(cls, name) });
      } else {
        lines.push({ pts, props: props(cls, name) });
      }
    });
  }

  const laneName = (primary: Name | undefined, fallback: Name | undefined, n: number): Name => {
    const base = primary ?? fallback ?? (['无名路', 'Unnamed'] as Name);
    const suf = LANE_SUFFIX[((n % LANE_SUFFIX.length) + LANE_SUFFIX.length) % LANE_SUFFIX.length]!;
    return [base[0] + suf[0], `${base[1]} ${suf[1]}`];
  };
  const lane = (a: [number, number], m: [number, number], b: [number, number], name: Name): void => {
    const aOk = onLine.has(a.join(','));
    const bOk = onLine.has(b.join(','));
    if (aOk && bOk)
      lines.push({ pts: [gridAt(...a), gridAt(...m), gridAt(...b)], props: props('residential', name) });
    else if (aOk) lines.push({ pts: [gridAt(...a), gridAt(...m)], props: props('residential', name) });
    else if (bOk) lines.push({ pts: [gridAt(...b), gridAt(...m)], props: props('residential', name) });
  };
  for (let bi = -20; bi < 20; bi++) {
    for (let bj = -20; bj < 20; bj++) {
      const [i0, im, i1] = [2 * bi, 2 * bi + 1, 2 * bi + 2];
      const [j0, jm, j1] = [2 * bj, 2 * bj + 1, 2 * bj + 2];
      if (!inside(im, jm, -150)) continue;
      const kind = rng.weighted([
        ['none', 12],
        ['ew', 38],
        ['ns', 30],
        ['cross', 15],
        ['spur', 5],
      ] as const);
      const ewLane = laneName(names.ew.get(j0), names.ew.get(j1), bi);
      const nsLane = laneName(names.ns.get(i0), names.ns.get(i1), bj);
      if (kind === 'ew' || kind === 'cross') lane([i0, jm], [im, jm], [i1, jm], ewLane);
      if (kind === 'ns' || kind === 'cross') lane([im, j0], [im, jm], [im, j1], nsLane);
      if (kind === 'spur') lane([im, j0], [im, jm], [im, jm], nsLane);
    }
  }

  const ringSampler = (radius: number): ((a: number) => Pt) => {
    const cache2 = new Map<number, Pt>();
    return (a: number): Pt => {
      const key = Math.round((((a % 360) + 360) % 360) / 2.5);
      let p = cache2.get(key);
      if (!p) {
        const t = deg(key * 2.5 - GRID_ROT);
        const r = radius / Math.pow(Math.abs(Math.cos(t)) ** 4 + Math.abs(Math.sin(t)) ** 4, 0.25);
        p = polar(key * 2.5, r);
        cache2.set(key, p);
      }
      return p;
    };
  };
  const innerRingAt = ringSampler(3000);
  const outerRingAt = ringSampler(6500);
  const sides: [number, string, string][] = [
    [-55, '东', 'Dong'],
    [35, '北', 'Bei'],
    [125, '西', 'Xi'],
    [215, '南', 'Nan'],
  ];
  for (const [ringAt, zh, en, speed] of [
    [innerRingAt, '内环', 'Neihuan', 60],
    [outerRingAt, '外环', 'Waihuan', 80],
  ] as const) {
    for (const [a0, sz, se] of sides) {
      const pts: Pt[] = [];
      for (let a = a0; a <= a0 + 90; a += 2.5) pts.push(ringAt(a));
      lines.push({
        pts,
        props: {
          class: 'trunk',
          name: `${zh}${sz}路`,
          nameEn: `${en} ${se}lu`,
          oneway: false,
          maxspeed: speed,
        },
      });
    }
  }

  return {
    lines,
    gridAt,
    outerRingAt,
    innerRingAt,
    nsName: (i) => names.ns.get(i),
    ewName: (j) => names.ew.get(j),
  };
}
