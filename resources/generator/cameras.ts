/**
 * Sharp Eyes cameras with GB/T 28181 ids: 14 99 CC UU (centre code: province, city, county, grassroots
 * unit) + II (industry: 00 public-security road access, 04 traffic road, 05 traffic bayonet) +
 * TTT (131 camera, 132 IP camera) + 5 (public-security network) + 6-digit serial.
 */
import type { Camera } from '../../shared/domain/camera';
import { type Pt, bearing, dist, pointInRing, pt, toLngLat } from './geom';
import type { VertexInfo } from './network';
import type { Line } from './noding';
import type { Rng } from './prng';
import type { Regions } from './regions';
import type { Village } from './roadsRural';

export type CameraInput = {
  at: Pt;
  kind: Camera['kind'];
  cls: Camera['class'];
  name: string;
  heading: number | null;
  fov: number | null;
  range: number;
  industry: '00' | '04' | '05';
  online?: boolean;
};

export class CameraFactory {
  readonly cameras: Camera[] = [];
  private serial = 0;

  constructor(
    private readonly rng: Rng,
    private readonly regions: Regions,
    private readonly villages: Village[],
  ) {}

  /** Centre code for a point inside the city, or null outside. */
  centreCode(p: Pt): string | null {
    const coreDistricts = this.regions.districts.filter((d) => d.countyId === this.regions.core.id);
    if (pointInRing(p, this.regions.core.ring)) {
      const i = coreDistricts.findIndex((d) => pointInRing(p, d.ring));
      return `149901${String(i >= 0 ? i + 1 : 30).padStart(2, '0')}`;
    }
    const county = this.regions.counties.find((c) => pointInRing(p, c.ring));
    if (!county) return null;
    const town = this.regions.districts.find((d) => d.countyId === county.id && pointInRing(p, d.ring));
    if (town) return `${county.id}01`;
    let best = 0;
    this.villages.forEach((v, i) => {
      if (dist(v.at, p) < dist(this.villages[best]!.at, p)) best = i;
    });
    return `${county.id}0${2 + (best % 8)}`;
  }

  add(c: CameraInput): Camera | null {
    const centre = this.centreCode(c.at);
    if (!centre) return null;
    const type = c.kind === 'gun' && this.rng.chance(0.15) ? '131' : '132';
    this.serial++;
    const id = `${centre}${c.industry}${type}5${String(this.serial).padStart(6, '0')}`;
    const [lng, lat] = toLngLat(c.at);
    const camera: Camera = {
      id,
      name: c.name,
      kind: c.kind,
      class: c.cls,
      lng,
      lat,
      heading: c.heading,
      fov: c.fov,
      range: c.range,
      streams: [],
      online: c.online ?? this.rng.chance(0.97),
    };
    this.cameras.push(camera);
    return camera;
  }
}

const CORNERS: [string, number, number][] = [
  ['东北角', 1, 1],
  ['西南角', -1, -1],
  ['东南角', 1, -1],
  ['西北角', -1, 1],
];
const RANK: Record<string, number> = {
  motorway: 0,
  trunk: 1,
  primary: 2,
  secondary: 3,
  tertiary: 4,
  residential: 5,
  service: 6,
};

interface Ctx {
  f: CameraFactory;
  rng: Rng;
  lines: Line[];
  vertices: Map<string, VertexInfo>;
  inCore: (p: Pt) => boolean;
  inCity: (p: Pt) => boolean;
}

/** Neighbouring vertex of p along a line (forward or backward), for headings. */
function neighbour(line: Line, p: Pt, forward: boolean): Pt | null {
  const i = indexOfPt(line, p);
  if (i < 0) return null;
  return line.pts[forward ? i + 1 : i - 1] ?? line.pts[forward ? i - 1 : i + 1] ?? null;
}

/** Cameras at intersections and along roads. */
export function placeRoadCameras(ctx: Ctx): void {
  const { f, rng, lines, vertices } = ctx;
  const crossName = new Map<string, string[]>();
  for (const v of vertices.values()) {
    const names = [...new Set(v.lines.map((l) => lines[l]!.props.name))];
    if (names.length >= 2) crossName.set(v.key, names);
  }
  const gun = (
    at: Pt,
    line: Line,
    p: Pt,
    name: string,
    cls: Camera['class'],
    industry: '00' | '04',
  ): void => {
    const n = neighbour(line, p, rng.chance(0.5));
    f.add({
      at,
      kind: 'gun',
      cls,
      name,
      heading: n ? bearing(p, n) : rng.int(0, 359),
      fov: rng.int(60, 90),
      range: rng.int(80, 150),
      industry,
    });
  };
  for (const v of vertices.values()) {
    const p = v.p;
    if (!ctx.inCity(p)) continue;
    const core = ctx.inCore(p);
    const roads = v.lines.map((l) => lines[l]!).sort((a, b) => RANK[a.props.class]! - RANK[b.props.class]!);
    const names = crossName.get(v.key);
    if (roads[0]!.props.class === 'motorway') continue;
    if (names && roads.length >= 2) {
      const [a, b] = [roads[0]!, roads.find((r) => r.props.name !== roads[0]!.props.name) ?? roads[1]!];
      const ra = RANK[a.props.class]!;
      const rb = RANK[b.props.class]!;
      const base = `${a.props.name}与${b.props.name}交叉口`;
      const corner = (k: number): Pt => {
        const [, sx, sy] = CORNERS[k % 4]!;
        return pt(p.x + sx * 9, p.y + sy * 9);
      };
      const cname = (k: number): string => base + CORNERS[k % 4]![0];
      if (rb <= 3) {
        f.add({
          at: corner(0),
          kind: 'dome',
          cls: 1,
          name: cname(0),
          heading: null,
          fov: null,
          range: rng.int(150, 300),
          industry: '00',
        });
        gun(corner(1), a, p, cname(1), core ? 1 : 2, '04');
        if (core) gun(corner(2), b, p, cname(2), 1, '04');
        if (ra <= 2 && rb <= 2 && rng.chance(core ? 0.7 : 0.4)) {
          const n = neighbour(a, p, true);
          f.add({
            at: corner(3),
            kind: 'anpr',
            cls: 1,
            name: `${base}卡口`,
            heading: n ? bearing(p, n) : 0,
            fov: 40,
            range: rng.int(40, 60),
            industry: '05',
          });
        }
      } else if (rb <= 4 || (ra <= 3 && rb === 5 && !core)) {
        if (rng.chance(core ? 0.75 : 0.6)) {
          if (rng.chance(0.4))
            f.add({
              at: corner(0),
              kind: 'dome',
              cls: 2,
              name: cname(0),
              heading: null,
              fov: null,
              range: rng.int(120, 250),
              industry: '00',
            });
          else gun(corner(0), a, p, cname(0), 2, '00');
        }
        if (core && rng.chance(0.2)) gun(corner(1), b, p, cname(1), 2, '00');
      } else if (rng.chance(core ? 0.3 : 0.5)) {
        gun(corner(0), b, p, cname(0), 3, '00');
      }
      continue;
    }
    // Along a road between intersections.
    const line = roads[0]!;
    const cls = RANK[line.props.class]!;
    const pCam = core ? (cls <= 3 ? 0.3 : 0) : cls <= 2 ? 0.07 : cls === 4 && line.props.ref ? 0.04 : 0;
    if (!rng.chance(pCam)) continue;
    const i = indexOfPt(line, p);
    let before = '';
    let after = '';
    for (let k = i - 1; k >= 0 && !before; k--)
      before = other(crossName.get(toLngLat(line.pts[k]!).join(',')), line.props.name);
    for (let k = i + 1; k < line.pts.length && !after; k++)
      after = other(crossName.get(toLngLat(line.pts[k]!).join(',')), line.props.name);
    const name =
      before && after
        ? `${line.props.name}(${before}至${after}段)`
        : `${line.props.ref ?? line.props.name}K${Math.round(i / 4)}+${(i % 4) * 250}`;
    const side = rng.chance(0.5) ? 1 : -1;
    gun(pt(p.x + side * 6, p.y - side * 6), line, p, name, core ? 2 : 3, core ? '04' : '00');
  }
}

export function indexOfPt(line: Line, p: Pt): number {
  const i = line.pts.indexOf(p);
  if (i >= 0) return i;
  const key = toLngLat(p).join(',');
  return line.pts.findIndex((q) => toLngLat(q).join(',') === key);
}

function other(names: string[] | undefined, self: string): string {
  return names?.find((n) => n !== self) ?? '';
}

export interface Landmark {
  name: string;
  at: Pt;
  faces: number;
  eagle: boolean;
}

export function placeLandmarkCameras(f: CameraFactory, rng: Rng, landmarks: Landmark[]): void {
  for (const lm of landmarks) {
    for (let k = 0; k < lm.faces; k++) {
      const a = (k * 360) / lm.faces + rng.int(0, 30);
      const at = pt(
        lm.at.x + 35 * Math.sin((a * Math.PI) / 180),
        lm.at.y + 35 * Math.cos((a * Math.PI) / 180),
      );
      f.add({
        at,
        kind: 'face',
        cls: 1,
        name: `${lm.name}人脸抓拍${k + 1}`,
        heading: (Math.round(a) + 180) % 360,
        fov: rng.int(30, 45),
        range: rng.int(20, 40),
        industry: '00',
      });
    }
    if (lm.eagle) {
      f.add({
        at: pt(lm.at.x + 20, lm.at.y + 20),
        kind: 'eagle',
        cls: 1,
        name: `${lm.name}高点鹰眼`,
        heading: null,
        fov: 360,
        range: rng.int(800, 1500),
        industry: '00',
      });
    }
  }
}
