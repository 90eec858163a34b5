/**
 * A large synthetic city for scale work (issue 16: a Xi'an-sized pack, 65,000 cameras, 500
 * units). It is the demo city (same regions, arterials, checkpoints and cameras) with a dense
 * street grid laid over its centre, noded into the network like every other road, and extra
 * cameras and units placed along that grid. Pure and deterministic: same options → same files.
 * The demo pack itself is untouched: this only post-processes generateCity's output.
 */
import type { Camera } from '../../shared/domain/camera';
import type { UnitDefinition } from '../../shared/domain/unit';
import { boundaryFeatures, roadFeatures } from './features';
import { type Pt, pointInRing, pt, toLngLat } from './geom';
import { keepConnected } from './network';
import { type Line, nodeLines } from './noding';
import { generateCity, PACK_ID, SEED } from './pack';
import { Rng } from './prng';
import { generateScenario } from './scenario';

export interface LargeCityOptions {
  cameras: number;
  units: number;
  /** Half the side of the street grid's square, metres (centred on the city centre). */
  gridHalfM?: number;
  /** Distance between grid streets, metres. */
  gridSpacingM?: number;
  seed?: number;
}

/** Defaults: 44 km square at 120 m spacing: about 270,000 grid pieces once noded, plus the demo's own. */
export const LARGE_GRID_HALF_M = 22_000;
export const LARGE_GRID_SPACING_M = 120;

export interface LargeCity {
  files: Record<string, unknown>;
  /** The demo scenario for this pack (events on cameras or units the pack lacks left out). */
  scenario: unknown;
  stats: { roadFeatures: number; cameras: number; units: number; gridStreets: number };
}

/** Grid streets, each one Line with a vertex at every crossing, kept inside the city boundary. */
function gridLines(half: number, spacing: number, inside: (p: Pt) => boolean): Line[] {
  const out: Line[] = [];
  const steps = Math.floor((2 * half) / spacing);
  const coord = (i: number): number => -half + i * spacing;
  for (const vertical of [false, true]) {
    for (let i = 0; i <= steps; i++) {
      // Runs of consecutive inside vertices become one street each.
      let run: Pt[] = [];
      const flush = (): void => {
        if (run.length >= 2) {
          const n = out.length + 1;
          out.push({
            pts: run,
            props: {
              class: 'residential',
              name: `${vertical ? '经' : '纬'}${n}巷`,
              nameEn: `${vertical ? 'Jing' : 'Wei'} Lane ${n}`,
              oneway: false,
              maxspeed: 30,
            },
          });
        }
        run = [];
      };
      for (let j = 0; j <= steps; j++) {
        const p = vertical ? pt(coord(i), coord(j)) : pt(coord(j), coord(i));
        if (inside(p)) run.push(p);
        else flush();
      }
      flush();
    }
  }
  return out;
}

const KINDS: readonly Camera['kind'][] = ['gun', 'gun', 'gun', 'dome', 'face', 'anpr', 'eagle'];

export function generateLargeCity(options: LargeCityOptions): LargeCity {
  const seed = options.seed ?? SEED;
  const half = options.gridHalfM ?? LARGE_GRID_HALF_M;
  const spacing = options.gridSpacingM ?? LARGE_GRID_SPACING_M;
  const city = generateCity(seed);
  // Before the grid is noded into the demo's lines (the scenario reads their vertices).
  const demoScenario = generateScenario(city, seed);
  const { regions } = city.world;
  const inCity = (p: Pt): boolean => pointInRing(p, regions.cityRing);
  const grid = gridLines(half, spacing, inCity);
  let lines = [...city.world.lines, ...grid];
  nodeLines(lines);
  lines = keepConnected(lines);

  const rng = Rng.named(seed, 'large-city');
  const gridPts = grid.flatMap((l) => l.pts);
  const streetAt = (): Pt => {
    const p = gridPts[rng.int(0, gridPts.length - 1)]!;
    return pt(p.x + rng.range(-spacing / 3, spacing / 3), p.y + rng.range(-8, 8));
  };

  // The demo's cameras first (ids unchanged), then grid cameras up to the requested count.
  const cameras: Camera[] = city.world.cameras.slice(0, options.cameras);
  for (let serial = 1; cameras.length < options.cameras; serial++) {
    const kind = rng.pick(KINDS);
    const fixed = kind !== 'dome' && kind !== 'eagle';
    const [lng, lat] = toLngLat(streetAt());
    const county = String(1 + (serial % 9)).padStart(2, '0');
    cameras.push({
      // GB/T 28181: centre 149901CC, industry 00, type 132 (IP camera), network 5, serial from 500000 (the demo's run below).
      id: `149901${county}001325${String(500_000 + serial).padStart(6, '0')}`,
      name: `网格${serial}号${kind === 'anpr' ? '卡口' : '点位'}`,
      kind,
      class: rng.chance(0.2) ? 1 : rng.chance(0.5) ? 2 : 3,
      lng,
      lat,
      heading: fixed ? rng.int(0, 359) : null,
      fov: fixed ? rng.pick([40, 60, 90]) : null,
      range: kind === 'eagle' ? 800 : rng.int(40, 120),
      streams: [],
      online: rng.chance(0.95),
    });
  }

  const types: UnitDefinition['type'][] = ['car', 'car', 'ebike', 'foot', 'special'];
  const districts = regions.districts;
  const units: UnitDefinition[] = city.world.units.slice(0, options.units);
  for (let n = 1; units.length < options.units; n++) {
    const type = rng.pick(types);
    const [lng, lat] = toLngLat(streetAt());
    units.push({
      id: `G${String(n).padStart(3, '0')}`,
      callsign: `网格${n}组`,
      type,
      districtId: districts[n % districts.length]!.id,
      home: { lng, lat },
    });
  }

  const roads = { type: 'FeatureCollection', features: roadFeatures(lines) };
  const bbox = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
  for (const f of roads.features) {
    for (const [x, y] of f.geometry.coordinates) {
      bbox[0] = Math.min(bbox[0], x!);
      bbox[1] = Math.min(bbox[1], y!);
      bbox[2] = Math.max(bbox[2], x!);
      bbox[3] = Math.max(bbox[3], y!);
    }
  }
  for (const f of boundaryFeatures(regions)) {
    if (f.geometry.type !== 'Polygon') continue;
    for (const [x, y] of f.geometry.coordinates.flat()) {
      bbox[0] = Math.min(bbox[0], x!);
      bbox[1] = Math.min(bbox[1], y!);
      bbox[2] = Math.max(bbox[2], x!);
      bbox[3] = Math.max(bbox[3], y!);
    }
  }
  const manifest = {
    ...city.manifest,
    id: `${PACK_ID}-large`,
    name: { zh: '云岭市（合成大城市）', en: 'Yunling (synthetic large city)' },
    bbox,
  };
  const cameraIds = new Set(cameras.map((c) => c.id));
  const unitIds = new Set(units.map((u) => u.id));
  const known = (payload: unknown): boolean => {
    const p = payload as { cameraId?: string; unitId?: string };
    return (
      (p.cameraId === undefined || cameraIds.has(p.cameraId)) &&
      (p.unitId === undefined || unitIds.has(p.unitId))
    );
  };
  const scenario = {
    ...demoScenario,
    id: `${demoScenario.id}-large`,
    cityPack: manifest.id,
    events: demoScenario.events.filter((e) => known(e.payload)),
  };
  return {
    scenario,
    files: {
      ...city.files,
      'pack.json': manifest,
      'roads.geojson': roads,
      'cameras.json': cameras,
      'units.json': units,
    },
    stats: {
      roadFeatures: roads.features.length,
      cameras: cameras.length,
      units: units.length,
      gridStreets: grid.length,
    },
  };
}
