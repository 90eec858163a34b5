/** The console's routing service on the real demo city pack. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit, UnitDefinition } from '../../../shared/domain/unit';
import { CoverageSnapshotSchema, NearbyUnitSchema } from '../../../shared/contract/routingContract';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { coverageFeatures } from './coverageGeojson';
import { alertZoneIds, startRoutingService, type RoutingService } from './routingService';
import { loadTierConfig, TierConfigError } from './tierConfigFile';
import { DEFAULT_TIER_CONFIG } from '../../../node/routing/index';

const PACK_DIR = path.resolve(__dirname, '../../../resources/city/demo');
const CENTRE = { lng: 112.851, lat: 35.4995 };
const AT = '2025-01-01T08:00:00.000Z';

let pack: CityPack;
beforeAll(async () => {
  pack = await loadCityPack(PACK_DIR);
});

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'routing-service-'));
const asUnit = (d: UnitDefinition, over: Partial<Unit> = {}, speed = 8): Unit => ({
  ...d,
  status: 'available',
  position: { unitId: d.id, lng: d.home.lng, lat: d.home.lat, heading: 0, speed, at: AT },
  ...over,
});
const alertAt = (p: { lng: number; lat: number }, priority: 1 | 2 | 3 | 4 = 1): Alert => ({
  id: 'A1',
  source: '110',
  category: 'robbery',
  priority,
  reportedAt: AT,
  location: { ...p, crs: 'WGS84' },
  address: '',
  caller: { phone: '13800000000' },
  description: '',
  position: p,
  status: 'received',
  receivedAt: AT,
  seq: 1,
});

function service(
  dataDir = tmp(),
  units: () => Unit[] = () => pack.units.map((d) => asUnit(d)),
  onCoverage = vi.fn(),
): RoutingService {
  return startRoutingService({ packDir: PACK_DIR, dataDir, pack, units, onCoverage });
}

describe('routingService on the demo pack', () => {
  it('builds the graph into the data dir once, then loads it from the cache', () => {
    const dir = tmp();
    const first = service(dir);
    const second = service(dir);
    expect(first.load.from).toBe('built');
    expect(second.load.from).toBe('cache');
    expect(second.load.graphMs).toBeLessThan(first.load.graphMs);
    expect(first.router.graph.pieceCount).toBeGreaterThan(1000);
    expect(first.tiers).toBe(DEFAULT_TIER_CONFIG);
  });

  it('ranks available units by road ETA with a tier verdict and the best route', () => {
    const svc = service();
    const units = pack.units.map((d, i) => asUnit(d, i === 0 ? { status: 'on_scene' } : {}));
    const { units: ranked, bestRoute } = svc.rankNearby(alertAt(CENTRE), units, 50);
    for (const r of ranked) NearbyUnitSchema.parse(r);
    expect(ranked.map((r) => r.unit.id)).not.toContain(pack.units[0]!.id); // not available
    const reachable = ranked.filter((r) => r.etaSeconds !== null);
    expect(reachable.length).toBeGreaterThan(3);
    const etas = reachable.map((r) => r.etaSeconds!);
    expect(etas).toEqual([...etas].sort((a, b) => a - b));
    // Reachable first, then the rest with a reason.
    expect(ranked.slice(0, reachable.length)).toEqual(reachable);
    for (const r of ranked.slice(reachable.length)) expect(r.unreachable).not.toBeNull();
    for (const r of reachable) {
      expect(r.unreachable).toBeNull();
      expect(r.distanceM!).toBeGreaterThanOrEqual(r.straightLineM * 0.99);
    }
    const car = reachable.find((r) => r.unit.type === 'car')!;
    expect(car.tier).toEqual({
      ruleId: 'patrol-car-3min',
      targetSeconds: 180,
      met: car.etaSeconds! <= 180,
      marginSeconds: 180 - car.etaSeconds!,
    });
    const best = ranked[0]!;
    expect(bestRoute!.length).toBeGreaterThanOrEqual(2);
    expect(bestRoute![0]![0]).toBeCloseTo(best.unit.position!.lng, 5);
    expect(bestRoute!.at(-1)![1]).toBeCloseTo(CENTRE.lat, 5);
    expect(svc.rankNearby(alertAt(CENTRE), units, 3).units).toHaveLength(3);
  });

  it('lists units it cannot route last, with etaSeconds null and the reason', () => {
    const svc = service();
    const [a, b, c] = pack.units;
    const far = asUnit(a!, {
      position: { unitId: a!.id, lng: 114.5, lat: 37.5, heading: 0, speed: 0, at: AT },
    }); // 200 km away
    const ranked = svc.rankNearby(alertAt(CENTRE), [far, asUnit(b!), asUnit(c!)], 10).units;
    expect(ranked.at(-1)).toMatchObject({
      unit: { id: a!.id },
      etaSeconds: null,
      distanceM: null,
      unreachable: 'unit_off_network',
    });
    const offAlert = svc.rankNearby(alertAt({ lng: 114.5, lat: 37.5 }), [asUnit(b!)], 10);
    expect(offAlert.units[0]).toMatchObject({ etaSeconds: null, unreachable: 'alert_off_network' });
    expect(offAlert.bestRoute).toBeNull();
  });

  it('applies zone and at-post rules: urban urgent 110 call, foot unit at its post', () => {
    const svc = service();
    expect(alertZoneIds(pack, CENTRE)).toContain('urban');
    expect(alertZoneIds(pack, { lng: 114.5, lat: 37.5 })).toEqual([]);
    const foot = pack.units.find((u) => u.type === 'foot')!;
    const patrolling = svc.rankNearby(alertAt(foot.home), [asUnit(foot)], 5).units[0]!;
    expect(patrolling.tier?.ruleId).toBe('urgent-urban-5min');
    const atPost = svc.rankNearby(alertAt(foot.home), [asUnit(foot, {}, 0)], 5).units[0]!;
    expect(atPost.tier?.ruleId).toBe('post-1min');
    // tierFor (what dispatch stores) gives the badge's verdict for the same unit, alert and ETA.
    expect(svc.tierFor(asUnit(foot, {}, 0), alertAt(foot.home), atPost.etaSeconds)).toEqual(atPost.tier);
    expect(svc.tierFor(asUnit(foot), alertAt(foot.home), patrolling.etaSeconds)).toEqual(patrolling.tier);
    expect(svc.rankNearby(alertAt(foot.home, 3), [asUnit(foot)], 5).units[0]!.tier).toBeNull(); // no target applies
  });

  it('computes coverage shares in [0, 1], growing over 1/3/5 min, with one feature per tier', () => {
    const svc = service();
    const t = performance.now();
    const cov = svc.coverage();
    const ms = performance.now() - t;
    CoverageSnapshotSchema.parse(cov);
    expect(cov.tiers.map((x) => x.seconds)).toEqual([60, 180, 300]);
    const shares = cov.tiers.map((x) => x.share);
    for (const s of shares) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(shares[0]!).toBeGreaterThan(0);
    expect(shares[0]!).toBeLessThanOrEqual(shares[1]!);
    expect(shares[1]!).toBeLessThanOrEqual(shares[2]!);
    expect(cov.geojson.features.map((f) => f.properties.tier)).toEqual([60, 180, 300, 'none']);
    expect(cov.unitCount).toBe(pack.units.length);
    expect(JSON.stringify(cov).length).toBeLessThan(1_000_000);
    expect(ms).toBeLessThan(5_000);
    expect(svc.coverage()).toBe(cov); // nothing changed: cached
  });

  it('previews the coverage with units moved (repositioning), without touching the live one', () => {
    const svc = service();
    const live = svc.coverage();
    // Every unit moved onto the first one's spot: less of the city within reach.
    const first = pack.units[0]!.home;
    const moved = svc.coverageWith(pack.units.slice(1).map((u) => ({ unitId: u.id, ...first })));
    expect(moved.unitCount).toBe(live.unitCount);
    expect(moved.tiers[1]!.share).toBeLessThan(live.tiers[1]!.share);
    expect(svc.coverageWith([])).toEqual({ ...live, computedAt: expect.any(String) });
    expect(svc.coverage()).toBe(live);
  });

  it('merged coverage lines contain every road segment exactly once', () => {
    const g = service().router.graph;
    const secs = new Float32Array(g.pieceCount).map((_, p) => [30, 120, 250, Infinity][p % 4]!);
    const features = coverageFeatures(g, secs, [60, 180, 300]);
    const segments = features.reduce(
      (n, f) => n + f.geometry.coordinates.reduce((m, line) => m + line.length - 1, 0),
      0,
    );
    let expected = 0;
    for (let p = 0; p < g.pieceCount; p++) expected += g.geomOffset[p + 1]! - g.geomOffset[p]! - 1;
    expect(segments).toBe(expected);
    const lines = features.reduce((n, f) => n + f.geometry.coordinates.length, 0);
    expect(lines).toBeLessThanOrEqual(g.pieceCount);
  });
});

describe('coverage push', () => {
  afterEach(() => vi.useRealTimers());

  it('pushes only while a client has it on, at most once per interval, until the lease lapses', () => {
    vi.useFakeTimers();
    const onCoverage = vi.fn();
    const svc = startRoutingService({
      packDir: PACK_DIR,
      dataDir: tmp(),
      pack,
      units: () => pack.units.map((d) => asUnit(d)),
      onCoverage,
      coverageIntervalMs: 5_000,
      leaseMs: 60_000,
    });
    svc.unitsChanged();
    vi.advanceTimersByTime(10_000);
    expect(onCoverage).not.toHaveBeenCalled(); // nobody has it on
    expect(svc.setCoverageEnabled('client-aaaa', true)).toBe(1);
    vi.advanceTimersByTime(0);
    expect(onCoverage).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      svc.unitsChanged();
      vi.advanceTimersByTime(500);
    }
    expect(onCoverage).toHaveBeenCalledTimes(2); // 5 s of changes → one more push
    vi.advanceTimersByTime(5_000);
    expect(onCoverage).toHaveBeenCalledTimes(2); // nothing moved since
    svc.unitsChanged();
    vi.advanceTimersByTime(0);
    expect(onCoverage).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(60_000); // lease lapsed
    svc.unitsChanged();
    vi.advanceTimersByTime(10_000);
    expect(onCoverage).toHaveBeenCalledTimes(3);
    svc.setCoverageEnabled('client-aaaa', true);
    expect(svc.setCoverageEnabled('client-aaaa', false)).toBe(0);
    svc.close();
  });
});

describe('tier config file', () => {
  it('overrides the default from <dataDir>/tiers.json', () => {
    const dir = tmp();
    const config = { version: 1, rules: [{ id: 'all-2min', targetSeconds: 120 }], fallbackSeconds: null };
    writeFileSync(path.join(dir, 'tiers.json'), JSON.stringify(config));
    expect(loadTierConfig(dir).config).toEqual(config);
    const svc = service(dir);
    const ranked = svc.rankNearby(
      alertAt(CENTRE),
      pack.units.map((d) => asUnit(d)),
      3,
    ).units;
    expect(ranked[0]!.tier?.ruleId).toBe('all-2min');
  });

  it('refuses a bad file at start, naming it', () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'tiers.json'),
      JSON.stringify({ version: 1, rules: [{ id: 'x', targetSeconds: -5 }], fallbackSeconds: null }),
    );
    expect(() => service(dir)).toThrow(TierConfigError);
    expect(() => service(dir)).toThrow(/tiers\.json.*rules\.0\.targetSeconds/);
    writeFileSync(path.join(dir, 'tiers.json'), '{ nope');
    expect(() => loadTierConfig(dir)).toThrow(/tiers\.json: not valid JSON/);
  });
});
