/**
 * The console's road routing: one Router for the city pack, road-ranked nearby units for an
 * alert (ETA + 1-3-5 verdict + best route), and the coverage overlay, recomputed at most every
 * few seconds while units move and pushed only while some renderer has it switched on.
 */
import path from 'node:path';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import { haversineMeters, pointInGeometry } from '../../../shared/domain/geo';
import {
  COVERAGE_TIERS,
  type CoverageSnapshot,
  type NearbyUnit,
  type TierVerdict,
} from '../../../shared/contract/routingContract';
import {
  coverage,
  evaluateTier,
  loadPackGraph,
  rankUnits,
  Router,
  shareGraph,
  type RankUnit,
  type ResponseTierConfig,
  type TierAlert,
  type TierEvaluation,
} from '../../../node/routing';
import { coverageFeatures } from './coverageGeojson';
import { loadTierConfig } from './tierConfigFile';
import { calibratedProfiles, type ProfileId } from '../../../node/routing';

/** A foot/e-bike unit this close to its home point and standing still counts as "at post". */
const AT_POST_METRES = 150;
const AT_POST_MAX_SPEED = 0.5;

/**
 * Zones an alert lies in, for tier rules: the patrol districts containing it, their counties,
 * and 'urban' (patrol districts are drawn over the built-up areas of the city and county towns).
 */
export function alertZoneIds(pack: CityPack, point: { lng: number; lat: number }): string[] {
  const ids: string[] = [];
  for (const d of pack.districts.features) {
    if (!pointInGeometry(point.lng, point.lat, d.geometry as Parameters<typeof pointInGeometry>[2])) continue;
    ids.push(d.properties.id, d.properties.countyId);
  }
  if (ids.length) ids.push('urban');
  return [...new Set(ids)];
}

/** Fixed-point duty: a foot or e-bike unit standing at its home point. */
export function isAtPost(unit: Unit): boolean {
  const p = unit.position;
  if (!p || (unit.type !== 'foot' && unit.type !== 'ebike')) return false;
  return p.speed <= AT_POST_MAX_SPEED && haversineMeters(p, unit.home) <= AT_POST_METRES;
}

const isCandidate = (u: Unit): boolean => u.status === 'available' && u.position !== null;
/** Ranked for an alert: free units, and units another seat committed (shown busy, taken only by reassignment). */
const isRankCandidate = (u: Unit): boolean =>
  isCandidate(u) ||
  (u.position !== null && u.status !== 'off_duty' && Boolean(u.commitment && !u.commitment.mine));
const toRankUnit = (u: Unit): RankUnit => ({
  id: u.id,
  type: u.type,
  lng: u.position!.lng,
  lat: u.position!.lat,
});
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function verdict(t: TierEvaluation): TierVerdict | null {
  if (t.ruleId === null || t.targetSeconds === null || t.met === null) return null;
  return { ruleId: t.ruleId, targetSeconds: t.targetSeconds, met: t.met, marginSeconds: t.marginSeconds };
}

export interface RoutingServiceOptions {
  packDir: string;
  dataDir: string;
  pack: CityPack;
  /** Latest units (status + position), read when coverage is computed. */
  units: () => readonly Unit[];
  /** Pushes a recomputed coverage snapshot to the renderers. */
  onCoverage: (snapshot: CoverageSnapshot) => void;
  /** Minimum time between two coverage computations. Default 5 s. */
  coverageIntervalMs?: number;
  /** A renderer's "coverage on" lapses unless renewed within this time. Default 60 s. */
  leaseMs?: number;
  now?: () => number;
}

export interface RoutingLoadInfo {
  /** 'cache' = binary graph read; 'built' = imported from roads.geojson now (first start). */
  from: 'cache' | 'built';
  graphMs: number;
  routerMs: number;
  tiersFile: string | null;
}

export interface NearbyRanking {
  units: NearbyUnit[];
  bestRoute: [number, number][] | null;
}

/**
 * The 1/3/5 tier of a unit on an alert: the tier config (tiers.json or the default), the zones
 * the alert lies in and whether the unit stands at its post, judged against `etaSeconds`. The
 * ranking's badge and the verdict dispatch stores at arrival both come from this one function.
 */
export type TierFor = (unit: Unit, alert: Alert, etaSeconds: number | null) => TierEvaluation;

export interface RoutingService {
  readonly router: Router;
  readonly tiers: ResponseTierConfig;
  readonly load: RoutingLoadInfo;
  /** Available units with a position, fastest by road first, unreachable ones last. */
  rankNearby(alert: Alert, units: readonly Unit[], limit: number): NearbyRanking;
  readonly tierFor: TierFor;
  /** The current coverage (recomputed when units changed, at most every interval). */
  coverage(): CoverageSnapshot;
  /** The coverage as it would be with some available units moved (a repositioning preview); not cached. */
  coverageWith(moves: readonly { unitId: string; lng: number; lat: number }[]): CoverageSnapshot;
  /** Returns the number of clients with coverage switched on. */
  setCoverageEnabled(clientId: string, enabled: boolean): number;
  /** Units moved or changed status. */
  unitsChanged(): void;
  /** The accepted speed factors per unit type (ETA calibration); an empty object when none. */
  speedFactors(): Partial<Record<ProfileId, number>>;
  /** Applies speed factors to every later ETA, ranking and coverage. */
  setSpeedFactors(factors: Partial<Record<ProfileId, number>>): void;
  close(): void;
}

export function startRoutingService(opts: RoutingServiceOptions): RoutingService {
  const now = opts.now ?? Date.now;
  const intervalMs = opts.coverageIntervalMs ?? 5_000;
  const leaseMs = opts.leaseMs ?? 60_000;
  const { config: tiers, file: tiersFile } = loadTierConfig(opts.dataDir);

  let t = performance.now();
  const loaded = loadPackGraph(opts.packDir, { cacheDir: path.join(opts.dataDir, 'routing-cache') });
  const graphMs = performance.now() - t;
  t = performance.now();
  // On shared memory: the cordon's worker thread routes on these same bytes (cordon/cordonWorker.ts).
  const router = new Router(shareGraph(loaded.graph));
  let factors: Partial<Record<ProfileId, number>> = {};
  const load: RoutingLoadInfo = { from: loaded.from, graphMs, routerMs: performance.now() - t, tiersFile };

  const tierAlert = (alert: Alert): TierAlert => ({
    priority: alert.priority,
    source: alert.source,
    zoneIds: alertZoneIds(opts.pack, alert.position),
  });
  // The alert's zones are computed once per ranking, not once per unit.
  const judge = (unit: Unit, alert: TierAlert, etaSeconds: number | null): TierEvaluation =>
    evaluateTier(tiers, { type: unit.type, atPost: isAtPost(unit) }, alert, etaSeconds);
  const tierFor: TierFor = (unit, alert, etaSeconds) => judge(unit, tierAlert(alert), etaSeconds);

  const leases = new Map<string, number>();
  let cached: CoverageSnapshot | null = null;
  let computedAt = -Infinity;
  let dirty = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const activeClients = (): number => {
    const at = now();
    for (const [id, until] of leases) if (until < at) leases.delete(id);
    return leases.size;
  };

  const snapshot = (units: readonly RankUnit[]): CoverageSnapshot => {
    const res = coverage(router, units, { tiers: [...COVERAGE_TIERS] });
    return {
      tiers: res.tiers.map(({ seconds, share, coveredMetres }) => ({
        seconds,
        share: Math.min(1, Math.max(0, share)),
        coveredMetres,
      })),
      totalMetres: res.totalMetres,
      computedAt: new Date(now()).toISOString(),
      unitCount: units.length,
      geojson: {
        type: 'FeatureCollection',
        features: coverageFeatures(router.graph, res.pieceSeconds, COVERAGE_TIERS),
      },
    };
  };
  const compute = (): CoverageSnapshot => {
    cached = snapshot(opts.units().filter(isCandidate).map(toRankUnit));
    computedAt = now();
    dirty = false;
    return cached;
  };

  const schedule = (): void => {
    if (timer !== null || closed) return;
    timer = setTimeout(
      () => {
        timer = null;
        if (closed || !dirty || activeClients() === 0) return;
        opts.onCoverage(compute());
      },
      Math.max(0, computedAt + intervalMs - now()),
    );
  };

  return {
    router,
    tiers,
    load,
    tierFor,
    rankNearby(alert, units, limit) {
      const candidates = units
        .filter(isRankCandidate)
        .map((unit) => ({ unit, straightLineM: haversineMeters(alert.position, unit.position!) }))
        .sort((a, b) => a.straightLineM - b.straightLineM); // unreachable units keep this order
      const byId = new Map(candidates.map((c) => [c.unit.id, c]));
      const zoned = tierAlert(alert);
      const ranked = rankUnits(
        router,
        alert.position,
        candidates.map((c) => toRankUnit(c.unit)),
        // Only the shown units: the search stops at 5 min when they are all nearer (rank.ts).
        { routes: 1, limit },
      ).results;
      const best = ranked[0]?.route;
      return {
        units: ranked.map((r) => {
          const c = byId.get(r.unitId)!;
          const ok = r.status === 'ok';
          return {
            unit: c.unit,
            etaSeconds: ok ? r.seconds : null,
            distanceM: ok ? r.metres : null,
            straightLineM: c.straightLineM,
            tier: verdict(judge(c.unit, zoned, r.seconds)),
            unreachable: r.status === 'ok' ? null : r.status,
            roadClass: r.roadClass ?? null,
          };
        }),
        bestRoute:
          best && best.length >= 2 ? best.map(([x, y]) => [round6(x), round6(y)] as [number, number]) : null,
      };
    },
    coverage() {
      if (!cached || (dirty && now() - computedAt >= intervalMs)) return compute();
      return cached;
    },
    coverageWith(moves) {
      const to = new Map(moves.map((m) => [m.unitId, m]));
      return snapshot(
        opts
          .units()
          .filter(isCandidate)
          .map(toRankUnit)
          .map((u) => {
            const m = to.get(u.id);
            return m ? { ...u, lng: m.lng, lat: m.lat } : u;
          }),
      );
    },
    setCoverageEnabled(clientId, enabled) {
      if (enabled) leases.set(clientId, now() + leaseMs);
      else leases.delete(clientId);
      const n = activeClients();
      if (n > 0 && dirty) schedule();
      return n;
    },
    unitsChanged() {
      dirty = true;
      if (activeClients() > 0) schedule();
    },
    speedFactors: () => ({ ...factors }),
    setSpeedFactors(next) {
      factors = { ...next };
      router.setProfiles(calibratedProfiles(factors));
      dirty = true;
      if (activeClients() > 0) schedule();
    },
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
