/**
 * Roads outside the urban core: national/provincial roads radiating to the county towns and beyond the
 * city (some into the neighbouring province), the G55 expressway passing east of the city, connectors,
 * county-town street grids, townships with county roads, and a few local roads crossing the boundary.
 */
import { type Pt, deg, dist, polar, pt, wigglyPath } from './geom';
import { TOWN_EW, TOWN_NS, VILLAGES, type Name } from './names';
import type { Line, RoadProps } from './noding';
import type { Rng } from './prng';
import type { CoreRoads } from './roadsCore';
import { cityRadius, type Regions } from './regions';

export interface Village {
  name: Name;
  at: Pt;
}

export interface RuralRoads {
  lines: Line[];
  villages: Village[];
  hsrStation: Pt;
  /** Refs of boundary-crossing roads deliberately left without a checkpoint. */
  uncovered: Set<string>;
}

const road = (
  cls: RoadProps['class'],
  name: string,
  nameEn: string,
  ref?: string,
  maxspeed?: number,
): RoadProps => ({
  class: cls,
  name,
  nameEn,
  ...(ref ? { ref } : {}),
  oneway: false,
  ...(maxspeed ? { maxspeed } : {}),
});

const beyond = (angle: number, extra: number): Pt => polar(angle, cityRadius(angle) + extra);

export function buildRural(rng: Rng, regions: Regions, core: CoreRoads): RuralRoads {
  const lines: Line[] = [];
  const town = (i: number): Pt => regions.countyTowns[i]!.at;
  // [ref, class, start angle on the outer ring, waypoints]
  const radials: [string, 'trunk' | 'primary', number, Pt[]][] = [
    ['G207', 'trunk', 90, [town(0), beyond(88, 12_000)]],
    ['G207', 'trunk', 270, [polar(268, 14_000), beyond(265, 12_000)]],
    ['G208', 'trunk', 140, [town(4), beyond(136, 12_000)]],
    ['S331', 'primary', 180, [town(3), beyond(182, 12_000)]],
    ['S329', 'primary', 235, [town(2), beyond(222, 7000)]],
    ['S235', 'primary', 10, [town(1), beyond(5, 12_000)]],
    ['S311', 'primary', 315, [polar(305, 15_000), beyond(292, 10_000)]],
  ];
  const radialLines: Line[] = [];
  radials.forEach(([ref, cls, a, way], i) => {
    const start = core.outerRingAt(a);
    const num = ref.slice(1);
    const isNational = ref.startsWith('G');
    const pts = wigglyPath([start, ...way], 250, 900, [i * 0.7, 1.3 + i, 2.1 * i]);
    const line: Line = {
      pts,
      props: road(
        cls,
        isNational ? `${num}国道` : `${num}省道`,
        isNational ? `National Road ${num}` : `Provincial Road ${num}`,
        ref,
        80,
      ),
      motorwayJunction: true,
    };
    lines.push(line);
    radialLines.push(line);
  });

  // G55 expressway: enters from the north, passes east of the core, leaves into the neighbouring province.
  const g55Junction = pt(11_500, 9000);
  const g55 = wigglyPath(
    [
      pt(13_500, 50_000),
      pt(12_800, 26_000),
      g55Junction,
      pt(11_200, -1000),
      pt(13_500, -11_000),
      beyond(302.5, 1500),
      pt(24_000, -42_000),
    ],
    300,
    700,
    [0.2, 1.9, 3.1],
  );
  lines.push({ pts: g55, props: road('motorway', '二广高速', 'Erguang Expressway', 'G55', 120) });
  lines.push({
    pts: wigglyPath([core.outerRingAt(45), g55Junction], 250, 300, [1.4, 0.3]),
    props: road('trunk', '城东高速连接线', 'Chengdong Expressway Link', undefined, 80),
    motorwayJunction: true,
  });
  const hsrStation = polar(155, 8400);
  lines.push({
    pts: wigglyPath([core.outerRingAt(160), hsrStation], 200, 150, [0.9]),
    props: road('primary', '高铁大道', 'Gaotie Dadao', undefined, 60),
  });

  // County-town grids: 7 × 7 streets, 300 m apart, turned 20° off the road that arrives.
  regions.countyTowns.forEach((t, ti) => {
    const rot = deg(Math.atan2(t.at.y, t.at.x) * (180 / Math.PI) + 20);
    const cache = new Map<string, Pt>();
    const at = (u: number, v: number): Pt => {
      const key = `${u},${v}`;
      let p = cache.get(key);
      if (!p) {
        const [x, y] = [u * 150, v * 150];
        p = pt(
          t.at.x + x * Math.cos(rot) - y * Math.sin(rot),
          t.at.y + x * Math.sin(rot) + y * Math.cos(rot),
        );
        cache.set(key, p);
      }
      return p;
    };
    const prefix = t.name[0].replace(/镇$/, '');
    for (let k = -3; k <= 3; k++) {
      const cls = k === 0 ? 'secondary' : 'tertiary';
      const span = Math.abs(k) === 3 ? 4 : 7;
      const ns: Pt[] = [];
      const ew: Pt[] = [];
      for (let m = -span; m <= span; m++) {
        ns.push(at(2 * k, m));
        ew.push(at(m, 2 * k));
      }
      const nsName = TOWN_NS[k + 3]!;
      const ewName = TOWN_EW[k + 3]!;
      lines.push({ pts: ns, props: road(cls, nsName[0], `${nsName[1]} (${t.name[1]})`, undefined, 40) });
      lines.push({ pts: ew, props: road(cls, ewName[0], `${ewName[1]} (${t.name[1]})`, undefined, 40) });
    }
    for (let bu = -3; bu < 3; bu++) {
      for (let bv = -2; bv < 2; bv++) {
        if (!rng.chance(0.55)) continue;
        const u = 2 * bu + 1;
        lines.push({
          pts: [at(u, 2 * bv), at(u, 2 * bv + 1), at(u, 2 * bv + 2)],
          props: road(
            'residential',
            `${prefix}${'东西南北中'[(bv + 2 + ti) % 5]}${'一二三四五六'[bu + 3]}巷`,
            `${t.name[1]} Lane ${bu + 4}-${bv + 3}`,
            undefined,
            30,
          ),
        });
      }
    }
  });

  // Townships: two village streets each, a county road to the nearest national/provincial road.
  const ruralVertices = radialLines.flatMap((l) => l.pts.filter((p) => Math.hypot(p.x, p.y) > 9000));
  const villages: Village[] = VILLAGES.map((v) => ({
    name: v.name,
    at: polar(v.angle, v.frac * cityRadius(v.angle)),
  }));
  let xNo = 401;
  villages.forEach((v, vi) => {
    const a = rng.range(0, 180);
    for (const [off, zh, en] of [
      [0, '大街', 'Dajie'],
      [90, '中街', 'Zhongjie'],
    ] as const) {
      const d = polar(a + off, 450);
      lines.push({
        pts: [pt(v.at.x - d.x, v.at.y - d.y), v.at, pt(v.at.x + d.x, v.at.y + d.y)],
        props: road('residential', `${v.name[0]}${zh}`, `${v.name[1]} ${en}`, undefined, 30),
      });
    }
    let best = ruralVertices[0]!;
    for (const p of ruralVertices) if (dist(p, v.at) < dist(best, v.at)) best = p;
    const ref = `X${xNo++}`;
    lines.push({
      pts: wigglyPath([v.at, best], 250, 500, [vi, 2 * vi]),
      props: road('tertiary', `${ref}县道`, `County Road ${ref}`, ref, 60),
    });
  });
  // Links between neighbouring townships (loops in the rural network).
  for (let i = 0; i < villages.length; i++) {
    const a = villages[i]!;
    const b = villages[(i + 1) % villages.length]!;
    if (dist(a.at, b.at) > 14_000 || i % 3 === 2) continue;
    const ref = `X${xNo++}`;
    lines.push({
      pts: wigglyPath([a.at, b.at], 250, 700, [i + 0.5, 1.7]),
      props: road('tertiary', `${ref}县道`, `County Road ${ref}`, ref, 60),
    });
  }
  // Local roads across the boundary: [village index, outer angle, extra m, ref].
  const crossing: [number, number, number, string][] = [
    [3, 102, 5000, 'X305'],
    [10, 287, 6000, 'X318'],
    [0, 336, 5000, 'Y027'],
    [7, 203, 6000, 'X309'],
    [1, 31, 6000, 'X321'],
  ];
  for (const [vi, a, extra, ref] of crossing) {
    const v = villages[vi]!;
    const isY = ref.startsWith('Y');
    lines.push({
      pts: wigglyPath([v.at, beyond(a, extra)], 250, 400, [a / 50, 0.6]),
      props: road(
        'tertiary',
        `${ref}${isY ? '乡道' : '县道'}`,
        `${isY ? 'Village' : 'County'} Road ${ref}`,
        ref,
        isY ? 40 : 60,
      ),
    });
  }
  return { lines, villages, hsrStation, uncovered: new Set(['X305', 'X318', 'Y027']) };
}
