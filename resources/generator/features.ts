/** GeoJSON output for roads, boundaries, districts and places, and the quick-response units. */
import type {
  BoundaryFeature,
  DistrictFeature,
  PlaceFeature,
  RoadFeature,
} from '../../shared/citypack/schema';
import type { UnitDefinition } from '../../shared/domain/unit';
import { type Pt, dist, pointInRing, ringToLngLat, toLngLat } from './geom';
import type { VertexInfo } from './network';
import type { Line } from './noding';
import { COUNTIES } from './names';
import type { District, Regions } from './regions';

const RANK: Record<string, number> = {
  motorway: 0,
  trunk: 1,
  primary: 2,
  secondary: 3,
  tertiary: 4,
  residential: 5,
  service: 6,
};

export function roadFeatures(lines: Line[]): RoadFeature[] {
  return lines.map((l, i) => {
    const coordinates: [number, number][] = [];
    for (const p of l.pts) {
      const c = toLngLat(p);
      const last = coordinates[coordinates.length - 1];
      if (!last || last[0] !== c[0] || last[1] !== c[1]) coordinates.push(c);
    }
    const { class: cls, name, nameEn, ref, oneway, maxspeed } = l.props;
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: {
        id: `R${String(i + 1).padStart(4, '0')}`,
        class: cls,
        name,
        ...(nameEn ? { nameEn } : {}),
        ...(ref ? { ref } : {}),
        oneway,
        ...(maxspeed ? { maxspeed } : {}),
      },
    };
  });
}

const polygon = (ring: Pt[]) => ({ type: 'Polygon' as const, coordinates: [ringToLngLat(ring)] });

export function boundaryFeatures(r: Regions): BoundaryFeature[] {
  const f = (
    ring: Pt[],
    id: string,
    level: BoundaryFeature['properties']['level'],
    name: string,
    nameEn: string,
    own: boolean,
  ): BoundaryFeature => ({
    type: 'Feature',
    geometry: polygon(ring),
    properties: { id, level, name, nameEn, adcode: id, own },
  });
  return [
    f(r.ownProvince, '140000', 'province', '晋南省', 'Jinnan Province (fictional)', true),
    f(r.neighbourProvince, '410000', 'province', '中原省', 'Zhongyuan Province (fictional)', false),
    f(r.cityRing, '149900', 'city', '云岭市', 'Yunling (synthetic)', true),
    f(r.core.ring, r.core.id, 'county', r.core.name[0], r.core.name[1], true),
    ...r.counties.map((c) => f(c.ring, c.id, 'county', c.name[0], c.name[1], true)),
  ];
}

export function districtFeatures(r: Regions): DistrictFeature[] {
  return r.districts.map((d) => ({
    type: 'Feature',
    geometry: polygon(d.ring),
    properties: { id: d.id, name: d.name[0], nameEn: d.name[1], countyId: d.countyId },
  }));
}

export function placeFeature(
  name: string,
  nameEn: string,
  kind: PlaceFeature['properties']['kind'],
  at: Pt,
): PlaceFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: toLngLat(at) },
    properties: { name, nameEn, kind },
  };
}

export function countyTownPlaces(r: Regions): PlaceFeature[] {
  return r.countyTowns.map((t) => {
    const county = COUNTIES.find((c) => c.adcode === t.county)!;
    return placeFeature(county.name[0], `${t.name[1]} (${county.name[1]} seat)`, 'county_town', t.at);
  });
}

/** 39 units: 22 cars, 8 e-bikes, 5 foot patrols, 4 special-police teams. */
export function buildUnits(
  districts: District[],
  lines: Line[],
  vertices: Map<string, VertexInfo>,
): UnitDefinition[] {
  const plan: [UnitDefinition['type'], number][] = [];
  for (let d = 0; d < 4; d++) plan.push(['foot', d]);
  plan.push(['car', 4]);
  for (let d = 5; d < 13; d++) plan.push(['ebike', d]);
  for (let d = 13; d < 29; d++) plan.push(['car', d]);
  for (let d = 29; d < 34; d++) plan.push(['car', d]);
  plan.push(['foot', 9]);
  for (const d of [0, 13, 19, 23]) plan.push(['special', d]);
  const counters: Record<string, number> = {};
  const label: Record<string, (n: number) => string> = {
    car: (n) => `快反${n}车`,
    ebike: (n) => `巡逻${n}组`,
    foot: (n) => `步巡${n}组`,
    special: (n) => `特警${n}队`,
  };
  const used = new Set<string>();
  const all = [...vertices.values()];
  return plan.map(([type, di], i) => {
    const d = districts[di]!;
    const maxRank = type === 'car' || type === 'special' ? 3 : 5;
    const candidates = all.filter(
      (v) =>
        !used.has(v.key) &&
        v.lines.some(
          (l) => RANK[lines[l]!.props.class]! <= maxRank && lines[l]!.props.class !== 'motorway',
        ) &&
        pointInRing(v.p, d.ring),
    );
    if (candidates.length === 0) throw new Error(`no home vertex in ${d.id}`);
    let best = candidates[0]!;
    for (const v of candidates) if (dist(v.p, d.anchor) < dist(best.p, d.anchor)) best = v;
    used.add(best.key);
    counters[type] = (counters[type] ?? 0) + 1;
    return {
      id: `U${String(i + 1).padStart(2, '0')}`,
      callsign: label[type]!(counters[type]!),
      type,
      districtId: d.id,
      home: { lng: best.lng, lat: best.lat },
    };
  });
}
