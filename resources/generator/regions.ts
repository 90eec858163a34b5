/**
 * Administrative geometry in local metres: the city boundary, the provincial border (which follows the
 * city boundary in the south and east), counties (core district + 5 county sectors) and patrol districts.
 * Shared edges are built from the same point objects, so neighbouring polygons match exactly.
 */
import { type Pt, polar, polarNoise, pt, wigglyPath } from './geom';
import { CORE_COUNTY, CORE_DISTRICT_NAMES, COUNTIES, type Name } from './names';

export const BOX = { x0: -60_000, x1: 55_000, y0: -50_000, y1: 58_000 };
/** The provincial border follows the city boundary from BORDER_FROM° counter-clockwise to BORDER_TO°. */
export const BORDER_FROM = 250;
export const BORDER_TO = 40;

const CITY_PHASES = [0.4, 2.1, 4.4, 1.3, 5.2, 3.7, 0.9, 2.8];
const CORE_PHASES = [1.1, 3.3, 0.2];
const R0_PHASES = [2.2, 0.7];
const R1_PHASES = [4.1, 1.9];

/** Distance from the city centre to the city boundary along a ray (an off-centre ellipse, roughened). */
export function cityRadius(angle: number): number {
  const [cx, cy, a, b] = [-4000, 3000, 32_000, 27_000];
  const c = Math.cos((angle * Math.PI) / 180);
  const s = Math.sin((angle * Math.PI) / 180);
  const A = (c * c) / (a * a) + (s * s) / (b * b);
  const B = -2 * ((c * cx) / (a * a) + (s * cy) / (b * b));
  const C = (cx * cx) / (a * a) + (cy * cy) / (b * b) - 1;
  const r = (-B + Math.sqrt(B * B - 4 * A * C)) / (2 * A);
  return r * (1 + 0.09 * polarNoise(angle, CITY_PHASES));
}
export const coreRadius = (angle: number): number => 9000 * (1 + 0.06 * polarNoise(angle, CORE_PHASES));
const r0 = (angle: number): number => 2200 * (1 + 0.06 * polarNoise(angle, R0_PHASES));
const r1 = (angle: number): number => 4700 * (1 + 0.05 * polarNoise(angle, R1_PHASES));

export interface Polygon {
  id: string;
  name: Name;
  ring: Pt[];
}

export interface District extends Polygon {
  countyId: string;
  /** A point well inside, used to pick unit homes. */
  anchor: Pt;
}

export interface Regions {
  /** City ring, one point per degree: cityRing[a] is at angle a. */
  cityRing: Pt[];
  /** Provincial border polyline from the west box edge to the north box edge. */
  border: Pt[];
  /** Indices of cityRing segments that are part of the provincial border (segment i = i → i+1). */
  borderSegments: Set<number>;
  ownProvince: Pt[];
  neighbourProvince: Pt[];
  core: Polygon;
  counties: Polygon[];
  districts: District[];
  countyTowns: { county: string; name: Name; at: Pt }[];
}

const norm = (a: number): number => ((a % 360) + 360) % 360;

/** Points of an arc r(angle) from a0 to a1 (degrees, a1 > a0) every `step` degrees, cached per radius function. */
function arcSampler(r: (a: number) => number, step: number): (a0: number, a1: number) => Pt[] {
  const cache = new Map<number, Pt>();
  const at = (a: number): Pt => {
    const key = Math.round(norm(a) / step);
    let p = cache.get(key);
    if (!p) {
      const ang = key * step;
      p = polar(ang, r(ang));
      cache.set(key, p);
    }
    return p;
  };
  return (a0, a1) => {
    const out: Pt[] = [];
    for (let k = Math.round(a0 / step); k <= Math.round(a1 / step); k++) out.push(at(k * step));
    return out;
  };
}

export function buildRegions(): Regions {
  const cityArc = arcSampler(cityRadius, 1);
  const coreArc = arcSampler(coreRadius, 2.5);
  const r0Arc = arcSampler(r0, 2.5);
  const r1Arc = arcSampler(r1, 2.5);

  const cityRing = cityArc(0, 359);
  const borderSegments = new Set<number>();
  for (let a = BORDER_FROM; a < BORDER_TO + 360; a++) borderSegments.add(a % 360);
  const portion = cityArc(BORDER_FROM, BORDER_TO + 360);
  const e1 = pt(BOX.x0, -36_000);
  const e2 = pt(36_000, BOX.y1);
  const ext1 = wigglyPath([portion[0]!, e1], 700, 1800, [0.3, 1.7, 2.9]);
  const ext2 = wigglyPath([portion[portion.length - 1]!, e2], 700, 1800, [2.3, 0.4, 1.1]);
  const border = [...ext1.slice(1).reverse(), ...portion, ...ext2.slice(1)];
  const ownProvince = [...border, pt(BOX.x0, BOX.y1)];
  const neighbourProvince = [...border, pt(BOX.x1, BOX.y1), pt(BOX.x1, BOX.y0), pt(BOX.x0, BOX.y0)];

  const core: Polygon = { id: CORE_COUNTY.adcode, name: CORE_COUNTY.name, ring: coreArc(0, 357.5) };

  const radials = new Map<number, Pt[]>();
  const radial = (a: number): Pt[] => {
    let line = radials.get(a);
    if (!line) {
      const full = wigglyPath([coreArc(a, a)[0]!, cityArc(a, a)[0]!], 1200, 1500, [a / 40, 1 + a / 90]);
      line = full.slice(1, -1);
      radials.set(a, line);
    }
    return line;
  };
  const counties = COUNTIES.map((c): Polygon => {
    const [a0, a1] = c.sector;
    const ring = [
      ...cityArc(a0, a1),
      ...[...radial(norm(a1))].reverse(),
      ...coreArc(a0, a1).reverse(),
      ...radial(norm(a0)),
    ];
    return { id: c.adcode, name: c.name, ring };
  });

  const districts: District[] = [];
  const addDistrict = (ring: Pt[], anchor: Pt, countyId: string): void => {
    const n = districts.length;
    const name = CORE_DISTRICT_NAMES[n] ?? (['巡区', 'District'] as Name);
    districts.push({ id: `D${String(n + 1).padStart(2, '0')}`, name, ring, anchor, countyId });
  };
  for (let i = 0; i < 4; i++) {
    const [a0, a1] = [-45 + 90 * i, 45 + 90 * i];
    addDistrict([pt(0, 0), ...r0Arc(a0, a1)], polar((a0 + a1) / 2, 1200), core.id);
  }
  for (let i = 0; i < 9; i++) {
    const [a0, a1] = [-20 + 40 * i, 20 + 40 * i];
    addDistrict([...r1Arc(a0, a1), ...r0Arc(a0, a1).reverse()], polar((a0 + a1) / 2, 3400), core.id);
  }
  for (let i = 0; i < 16; i++) {
    const [a0, a1] = [22.5 * i, 22.5 * (i + 1)];
    addDistrict([...coreArc(a0, a1), ...r1Arc(a0, a1).reverse()], polar((a0 + a1) / 2, 6600), core.id);
  }

  const countyTowns = COUNTIES.map((c) => ({
    county: c.adcode,
    name: c.townName,
    at: polar(c.angle, c.frac * cityRadius(c.angle)),
  }));
  const townPhases = [0.9, 2.4, 4.0];
  countyTowns.forEach((t, i) => {
    const ring: Pt[] = [];
    for (let a = 0; a < 360; a += 10)
      ring.push(polar(a, 2800 * (1 + 0.1 * polarNoise(a + 37 * i, townPhases)), t.at));
    const n = districts.length;
    districts.push({
      id: `D${n + 1}`,
      name: [`${t.name[0].replace(/镇$/, '')}城关巡区`, `${t.name[1]} Town`],
      ring,
      anchor: t.at,
      countyId: t.county,
    });
  });

  return {
    cityRing,
    border,
    borderSegments,
    ownProvince,
    neighbourProvince,
    core,
    counties,
    districts,
    countyTowns,
  };
}
