/**
 * The three rings' boundaries for `pack build`, from GeoJSON files as offices have them: the city
 * (ring 2), its counties (ring 1's "incident county") and the provinces (ring 3: the own province
 * and its neighbours), each file in WGS84, CGCS2000, GCJ-02 or BD-09. Everything is checked and
 * converted to WGS84 (shared/domain/coords.ts) before the build writes anything; a problem stops
 * it with the file and the feature named.
 *
 * CGCS2000 is taken as WGS84: the two frames differ by centimetres, far below boundary precision.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BoundaryFeature } from '../../../shared/citypack/schema';
import type { Crs } from '../../../shared/domain/geo';
import { toWgs84 } from '../../../shared/domain/coords';
import type { PolygonGeometry, Position } from '../cordon/geometry';
import { PolygonIndex } from './roadArea';

export class BoundaryFileError extends Error {
  constructor(file: string, problem: string) {
    super(`pack build: ${path.basename(file)}: ${problem}; nothing written`);
    this.name = 'BoundaryFileError';
  }
}

export interface BoundaryFile {
  file: string;
  crs: Crs;
}

/** One polygon feature of a file, converted to WGS84. */
export interface SourcePolygon {
  geometry: PolygonGeometry;
  name?: string;
  nameEn?: string;
  adcode?: string;
  /** The province a prefecture belongs to (cn-atlas `province_adcode`, DataV `parent.adcode`). */
  parentAdcode?: string;
}

/** GCJ-02 and BD-09 exist only for China; gcoord passes positions outside it through unchanged. */
const CHINA = { w: 73, s: 3, e: 136, n: 54 };
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

type Props = Record<string, unknown> | null | undefined;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;

export function readBoundaryFile({ file, crs }: BoundaryFile): SourcePolygon[] {
  let json: {
    type?: unknown;
    features?: unknown;
    geometry?: unknown;
    properties?: Props;
    crs?: { properties?: { name?: unknown } };
  };
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (err) {
    throw new BoundaryFileError(file, `cannot read GeoJSON (${(err as Error).message})`);
  }
  const declared = str(json?.crs?.properties?.name);
  if (declared) {
    const geographic = /CRS84$|EPSG:+4326$/i.test(declared)
      ? 'WGS84'
      : /EPSG:+4490$/i.test(declared)
        ? 'CGCS2000'
        : null;
    if (!geographic)
      throw new BoundaryFileError(
        file,
        `declares crs "${declared}", which is not longitude/latitude in WGS84 or CGCS2000 (reproject it first)`,
      );
    if (crs === 'GCJ02' || crs === 'BD09')
      throw new BoundaryFileError(file, `declares crs "${declared}" (${geographic}) but --crs says ${crs}`);
  }
  const features: { geometry: unknown; properties: Props }[] =
    json?.type === 'FeatureCollection' && Array.isArray(json.features)
      ? (json.features as { geometry: unknown; properties: Props }[])
      : json?.type === 'Feature'
        ? [{ geometry: json.geometry, properties: json.properties }]
        : json?.type === 'Polygon' || json?.type === 'MultiPolygon'
          ? [{ geometry: json, properties: {} }]
          : [];
  if (features.length === 0)
    throw new BoundaryFileError(file, 'no features (expected a FeatureCollection of Polygon/MultiPolygon)');
  return features.map((f, i) => {
    const p = f?.properties ?? {};
    const name = str(p.name_zh) ?? str(p.name) ?? str(p.NAME);
    const where = `feature ${i}${name ? ` (${name})` : ''}`;
    const g = f?.geometry as { type?: unknown; coordinates?: unknown } | null;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
      throw new BoundaryFileError(
        file,
        `${where}: geometry ${String(g?.type ?? 'missing')}, expected Polygon or MultiPolygon`,
      );
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
    if (!Array.isArray(polys) || polys.length === 0)
      throw new BoundaryFileError(file, `${where}: no coordinates`);
    const coordinates = polys.map((rings, k) => {
      if (!Array.isArray(rings) || rings.length === 0)
        throw new BoundaryFileError(file, `${where}: polygon ${k} has no rings`);
      return rings.map((ring: unknown, r) =>
        convertRing(file, `${where}, polygon ${k}, ring ${r}`, ring, crs),
      );
    });
    const parent = p.parent as Props;
    return {
      geometry: { type: 'MultiPolygon', coordinates } as PolygonGeometry,
      name,
      nameEn: str(p.name_en) ?? str(p.nameEn),
      adcode: str(p.adcode),
      parentAdcode: str(p.province_adcode) ?? str(parent?.adcode),
    };
  });
}

function convertRing(file: string, where: string, ring: unknown, crs: Crs): Position[] {
  if (!Array.isArray(ring) || ring.length < 4)
    throw new BoundaryFileError(file, `${where}: a ring needs at least 4 positions`);
  const out: Position[] = [];
  for (const pos of ring as unknown[]) {
    const [x, y] = Array.isArray(pos) ? (pos as unknown[]) : [];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
      throw new BoundaryFileError(file, `${where}: position ${JSON.stringify(pos)} is not [lng, lat]`);
    if (Math.abs(x) > 180 || Math.abs(y) > 90)
      throw new BoundaryFileError(
        file,
        `${where}: position [${x}, ${y}] is not longitude/latitude (projected metres? reproject to lng/lat first)`,
      );
    if (
      (crs === 'GCJ02' || crs === 'BD09') &&
      !(x >= CHINA.w && x <= CHINA.e && y >= CHINA.s && y <= CHINA.n)
    )
      throw new BoundaryFileError(
        file,
        `${where}: position [${x}, ${y}] is outside China, where ${crs} is not defined (wrong --crs?)`,
      );
    const w = toWgs84({ lng: x, lat: y }, crs);
    out.push([round7(w.lng), round7(w.lat)]);
  }
  const a = (ring as number[][])[0]!;
  const b = (ring as number[][])[ring.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1])
    throw new BoundaryFileError(file, `${where}: the ring is not closed (first and last positions differ)`);
  out[out.length - 1] = out[0]!; // closed exactly after conversion too
  return out;
}

/** All polygons of some features as one MultiPolygon. */
export function mergePolygons(polys: readonly SourcePolygon[]): PolygonGeometry {
  return {
    type: 'MultiPolygon',
    coordinates: polys.flatMap((p) =>
      p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates,
    ),
  };
}

function rings(g: PolygonGeometry): Position[][] {
  return (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat();
}

/** Share of a 16 × 16 grid of points inside `a` that also lie inside `b` (null when none hits `a`). */
export function shareInside(a: PolygonGeometry, b: PolygonGeometry): number | null {
  const ia = new PolygonIndex(rings(a));
  const ib = new PolygonIndex(rings(b));
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const r of rings(a))
    for (const [x, y] of r) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  let inA = 0;
  let inB = 0;
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 16; j++) {
      const x = w + ((i + 0.5) / 16) * (e - w);
      const y = s + ((j + 0.5) / 16) * (n - s);
      if (!ia.contains(x, y)) continue;
      inA++;
      if (ib.contains(x, y)) inB++;
    }
  return inA ? inB / inA : null;
}

/** The city polygon: the features whose adcode is the pack's (when a file holds several), else all. */
export function cityFromFile(
  src: BoundaryFile,
  adcode?: string,
): { geometry: PolygonGeometry; name?: string; nameEn?: string } {
  const all = readBoundaryFile(src);
  const chosen =
    all.length > 1 && adcode && all.some((f) => f.adcode === adcode)
      ? all.filter((f) => f.adcode === adcode)
      : all;
  return {
    geometry: mergePolygons(chosen),
    name: chosen.length === 1 ? chosen[0]!.name : undefined,
    nameEn: chosen.length === 1 ? chosen[0]!.nameEn : undefined,
  };
}

/** Ring 1's counties: every feature, each required to lie mostly inside the city. */
export function countiesFromFile(src: BoundaryFile, city: PolygonGeometry): BoundaryFeature[] {
  return readBoundaryFile(src).map((f, i) => {
    const share = shareInside(f.geometry, city);
    if (share !== null && share < 0.5)
      throw new BoundaryFileError(
        src.file,
        `feature ${i}${f.name ? ` (${f.name})` : ''} lies mostly outside the city (${Math.round(share * 100)} % inside): not a county of this city, or a wrong --crs`,
      );
    const name = f.name ?? `county ${i + 1}`;
    return feature(f.geometry, {
      id: f.adcode ?? `county-${i + 1}`,
      level: 'county',
      name,
      nameEn: f.nameEn ?? name,
      adcode: f.adcode,
      own: true,
    });
  });
}

/**
 * Ring 3's provinces from one or more files: the province that contains the city is the own one,
 * every other a neighbour. Prefecture files (features with a province code) are grouped into
 * their provinces, so DataV's per-province prefecture downloads serve as they are.
 */
export function provincesFromFiles(srcs: readonly BoundaryFile[], city: PolygonGeometry): BoundaryFeature[] {
  const groups = new Map<string, { polys: SourcePolygon[]; file: string }>();
  srcs.forEach((src, s) =>
    readBoundaryFile(src).forEach((f, i) => {
      const byParent =
        f.parentAdcode && /0000$/.test(f.parentAdcode) && !(f.adcode && /0000$/.test(f.adcode));
      const key = byParent ? `p${f.parentAdcode}` : `f${s}:${i}`;
      const g = groups.get(key) ?? { polys: [], file: src.file };
      g.polys.push(f);
      groups.set(key, g);
    }),
  );
  const list = [...groups.entries()].map(([key, g], i) => {
    const one = g.polys.length === 1 ? g.polys[0]! : null;
    const code = key.startsWith('p') ? key.slice(1) : one?.adcode;
    const geometry = mergePolygons(g.polys);
    const name = one?.name ?? `province ${code ?? i + 1}`;
    return { geometry, code, name, nameEn: one?.nameEn ?? name, share: shareInside(city, geometry) ?? 0 };
  });
  const own = list.reduce((best, p) => (p.share > best.share ? p : best), list[0]!);
  if (!own || own.share < 0.5)
    throw new BoundaryFileError(
      srcs.map((s) => s.file).join(', '),
      'no province in the file(s) contains the city (wrong file or a wrong --crs?)',
    );
  return list.map((p, i) =>
    feature(p.geometry, {
      id: p.code ?? `province-${i + 1}`,
      level: 'province',
      name: p.name,
      nameEn: p.nameEn,
      adcode: p.code,
      own: p === own,
    }),
  );
}

function feature(geometry: PolygonGeometry, props: BoundaryFeature['properties']): BoundaryFeature {
  const properties = { ...props };
  if (properties.adcode === undefined) delete properties.adcode;
  return { type: 'Feature', geometry, properties };
}
