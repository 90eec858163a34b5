/** The 30-minute evening demo scenario (drill) on the generated city. */
import type { AlertCategory, AlertReport, AlertSource } from '../../shared/domain/alert';
import type { Crs } from '../../shared/domain/geo';
import { fromWgs84 } from '../../shared/domain/coords';
import type { Scenario, ScenarioEvent } from '../../shared/protocol/scenario';
import { type Pt, polar, pointInRing, pt, round6, toLngLat } from './geom';
import type { GeneratedCity } from './pack';
import { Rng } from './prng';
import {
  COLORS,
  DESCRIPTIONS,
  MIX_110,
  MIX_12345,
  callerName,
  fill,
  phone,
  placeFor,
  priorityFor,
} from './scenarioText';

export const SCENARIO_ID = 'demo-evening';
const START_MS = Date.parse('2026-11-20T19:00:00+08:00');

/** ISO 8601 in China time (+08:00) for scenario second t. */
export function isoAt(t: number): string {
  const d = new Date(START_MS + Math.round(t) * 1000 + 8 * 3600_000);
  return `${d.toISOString().slice(0, 19)}+08:00`;
}

interface Spot {
  p: Pt;
  road: string;
  address: string;
}

export function generateScenario(city: GeneratedCity, seed: number): Scenario {
  const rng = Rng.named(seed, 'scenario');
  const { lines, vertices, regions, units, cameras } = city.world;
  const countyOf = (p: Pt): string =>
    pointInRing(p, regions.core.ring)
      ? regions.core.name[0]
      : (regions.counties.find((c) => pointInRing(p, c.ring))?.name[0] ?? '');
  const all = [...vertices.values()].filter(
    (v) => pointInRing(v.p, regions.cityRing) && !v.lines.some((l) => lines[l]!.props.class === 'motorway'),
  );
  const corePool = all.filter((v) => Math.hypot(v.p.x, v.p.y) < 7500);
  const ruralPool = all.filter((v) => Math.hypot(v.p.x, v.p.y) >= 7500);
  const describe = (p: Pt, lineIdx: number[], place = ''): Spot => {
    const names = [...new Set(lineIdx.map((l) => lines[l]!.props.name))];
    const road = names[0]!;
    const county = countyOf(p);
    const address =
      names.length >= 2
        ? `${county}${names[0]}与${names[1]}交叉口${place ? `附近${place}` : '附近'}`
        : `${county}${road}${rng.int(1, 320)}号${place}`;
    return { p, road, address };
  };
  const randomSpot = (core: boolean, place = ''): Spot => {
    const v = rng.pick(core ? corePool : ruralPool);
    return describe(pt(v.p.x + rng.range(-25, 25), v.p.y + rng.range(-25, 25)), v.lines, place);
  };
  const near = (s: Spot, minM: number, maxM: number): Spot => {
    const o = polar(rng.range(0, 360), rng.range(minM, maxM));
    return { ...s, p: pt(s.p.x + o.x, s.p.y + o.y), address: s.address.replace(/附近$/, '') + '附近' };
  };

  const counters: Record<AlertSource, number> = { '110': 0, '12345': 0 };
  const events: ScenarioEvent[] = [];
  const alert = (
    t: number,
    source: AlertSource,
    category: AlertCategory,
    priority: 1 | 2 | 3 | 4,
    spot: Spot,
    description: string,
  ): void => {
    counters[source]++;
    const roll = rng.next();
    const crs: Crs = roll < 0.2 ? 'GCJ02' : roll < 0.25 ? 'CGCS2000' : 'WGS84';
    const [lng, lat] = toLngLat(spot.p);
    const loc = fromWgs84({ lng, lat }, crs);
    const name = callerName(rng);
    const payload: AlertReport = {
      id: `${source}-20261120-${String(counters[source]).padStart(4, '0')}`,
      source,
      category,
      priority,
      reportedAt: isoAt(t),
      location: { lng: round6(loc.lng), lat: round6(loc.lat), crs },
      address: spot.address,
      caller: { ...(name ? { name } : {}), phone: phone(rng) },
      description,
    };
    events.push({ t, type: 'alert', payload });
  };

  // Background calls: a few in the first 30 s, then spread over the half hour.
  const times = [3, 11, 19, 27];
  for (let i = 0; i < 88; i++) times.push(Math.round(rng.range(35, 1790)));
  times.sort((a, b) => a - b);
  for (const t of times) {
    const source: AlertSource = rng.chance(0.62) ? '110' : '12345';
    const category = rng.weighted(source === '110' ? MIX_110 : MIX_12345);
    const template = rng.pick(DESCRIPTIONS[category] ?? DESCRIPTIONS.other!);
    const place = placeFor(template, rng);
    const spot = randomSpot(rng.chance(source === '110' ? 0.8 : 0.7), place);
    const text = fill(template, rng, spot.road, place);
    const priority =
      source === '12345' ? (Math.max(3, priorityFor(category, rng)) as 3 | 4) : priorityFor(category, rng);
    alert(t, source, category, priority, spot, text);
  }

  // Duplicate reports of the same incident by different callers.
  const crash = randomSpot(true);
  alert(
    140,
    '110',
    'traffic_accident',
    1,
    crash,
    `${crash.road}一辆出租车和一辆电动车相撞，骑车人倒地不起，头部流血。`,
  );
  alert(
    205,
    '110',
    'traffic_accident',
    1,
    near(crash, 60, 150),
    `${crash.road}出车祸了，有人躺在地上，路口堵死了。`,
  );
  alert(
    262,
    '110',
    'traffic_accident',
    2,
    near(crash, 80, 200),
    `路过${crash.road}看到电动车和出租车撞了，需要救护车。`,
  );
  const fire = randomSpot(true);
  alert(905, '110', 'fire', 1, fire, `${fire.road}旁边的居民楼三楼冒出浓烟，有明火，楼里可能还有人。`);
  alert(
    990,
    '12345',
    'fire',
    2,
    near(fire, 50, 150),
    `市民反映${fire.road}附近一栋楼着火，烟很大，请求处理。`,
  );
  const brawl = randomSpot(true);
  alert(1250, '110', 'fight', 1, brawl, `${brawl.road}烧烤店门口七八个人打起来了，有人拿酒瓶砸人。`);
  alert(1335, '110', 'fight', 2, near(brawl, 50, 180), `${brawl.road}有一群人打架，已经有人受伤了。`);

  // The armed robbery of a jewellery shop; the suspects flee south by car.
  const shopV = vertices.get(toLngLat(city.world.core.gridAt(0, 6)).join(','))!;
  const shop = describe(pt(shopV.p.x + 15, shopV.p.y + 10), shopV.lines);
  shop.address = `${countyOf(shop.p)}泽州路金福珠宝店`;
  const car = `${rng.pick(COLORS)}色`;
  alert(
    600,
    '110',
    'robbery',
    1,
    shop,
    `金店被抢！三名蒙面男子持刀闯入，砸碎柜台抢走大量金饰，店员一人手臂被划伤。嫌疑人约1分钟前驾驶一辆${car}SUV沿泽州路向南逃窜，车牌尾号似为37。`,
  );
  alert(
    648,
    '110',
    'robbery',
    1,
    near(shop, 90, 160),
    `看到三个戴口罩的男的拿着刀从金福珠宝跑出来，上了一辆${car}越野车往南开了，开得很快。`,
  );
  const exit = city.world.core.outerRingAt(270);
  const exitSpot: Spot = {
    p: pt(exit.x + 30, exit.y - 20),
    road: '外环南路',
    address: `${regions.core.name[0]}外环南路与207国道交叉口附近`,
  };
  alert(
    786,
    '110',
    'suspicious',
    2,
    exitSpot,
    `一辆${car}越野车在外环南路连闯两个红灯往南开，车上好像有三个人，很可疑。`,
  );

  // Unit availability changes and a camera dropping offline next to the robbery.
  const unitEvent = (t: number, unitId: string, status: 'available' | 'off_duty'): void => {
    events.push({ t, type: 'unit.status', payload: { unitId, status, at: isoAt(t) } });
  };
  unitEvent(45, units[6]!.id, 'off_duty');
  unitEvent(330, units[17]!.id, 'off_duty');
  unitEvent(780, units[6]!.id, 'available');
  unitEvent(1100, units[32]!.id, 'off_duty');
  unitEvent(1390, units[17]!.id, 'available');
  unitEvent(1500, units[1]!.id, 'off_duty');
  unitEvent(1560, units[1]!.id, 'available');
  const [sLng, sLat] = toLngLat(shop.p);
  const cam = cameras
    .filter((c) => c.online && c.streams.length === 0 && c.kind !== 'anpr')
    .map((c) => ({ c, d: Math.hypot(c.lng - sLng, c.lat - sLat) }))
    .sort((a, b) => a.d - b.d)[0]!.c;
  events.push({
    t: 612,
    type: 'camera.status',
    payload: { cameraId: cam.id, online: false, at: isoAt(612) },
  });
  events.push({
    t: 1380,
    type: 'camera.status',
    payload: { cameraId: cam.id, online: true, at: isoAt(1380) },
  });

  events.sort((a, b) => a.t - b.t);
  // Ids in time order per source.
  const seq: Record<string, number> = { '110': 0, '12345': 0 };
  for (const e of events) {
    if (e.type !== 'alert') continue;
    const src = e.payload.source as AlertSource;
    e.payload.id = `${src}-20261120-${String(++seq[src]!).padStart(4, '0')}`;
  }
  return {
    format: 'dispatch-scenario',
    version: 1,
    id: SCENARIO_ID,
    name: { zh: '云岭市周五晚高峰演练', en: 'Yunling Friday evening drill' },
    description:
      '30 minutes of a Friday evening (19:00–19:30) in the synthetic city Yunling: ~100 110/12345 calls, ' +
      'duplicate reports of a crash, a fire and a brawl, and at t=600 s an armed jewellery-shop robbery whose ' +
      'suspects flee south by car towards the Zhongyuan provincial border (three-ring cordon).',
    cityPack: city.manifest.id,
    durationSec: 1800,
    events,
  };
}
