/**
 * Travel profiles per unit type and the per-edge weights (seconds) they induce.
 *
 * Speeds are *effective* urban speeds (intersections, lights and turns folded in), not limits:
 * a 50 km/h primary road averages ~45 km/h for a car. A tagged maxspeed replaces the class default
 * at 85 % of the limit. Patrol cars under priority driving (警灯警笛) are modelled as ×1.2 normal car
 * speed, capped at 130 km/h — a conservative figure; tune with AVL history once it exists.
 */
import type { UnitType } from '../../shared/domain/unit';
import { FLAG_ONEWAY, HIGHWAY_CLASSES, type HighwayClass, type RoadGraph } from './graph';

export type ProfileId = UnitType;
export const PROFILE_IDS: readonly ProfileId[] = ['car', 'ebike', 'foot', 'special'];

/** Normal car effective speed by class, km/h. */
export const CAR_CLASS_SPEED_KMH: Readonly<Record<HighwayClass, number>> = {
  motorway: 100,
  motorway_link: 60,
  trunk: 80,
  trunk_link: 50,
  primary: 50,
  primary_link: 40,
  secondary: 45,
  secondary_link: 35,
  tertiary: 40,
  tertiary_link: 30,
  unclassified: 30,
  residential: 25,
  living_street: 10,
  service: 15,
};

export interface TravelProfile {
  id: ProfileId;
  /** Multiplier on the normal car speed (vehicle profiles) — the priority-driving factor. */
  carFactor: number;
  /** Fixed speed cap in km/h (e-bike 20, foot 5); Infinity for cars. */
  maxKmh: number;
  /** Classes the profile may not use at all. */
  forbidden: readonly HighwayClass[];
  /** Foot patrols walk against the traffic direction; vehicles may not. */
  respectOneway: boolean;
  /**
   * Calibrated factor on every speed of the profile (default 1), accepted by a supervisor from
   * the ETA calibration (electron/core/insight/etaCalibration.ts): below 1 when units arrive later
   * than the ETAs said.
   */
  speedFactor?: number;
}

export const DEFAULT_PROFILES: Readonly<Record<ProfileId, TravelProfile>> = {
  car: { id: 'car', carFactor: 1.2, maxKmh: 130, forbidden: [], respectOneway: true },
  // Special police (特警) drive vans/cars under the same priority rules as patrol cars.
  special: { id: 'special', carFactor: 1.2, maxKmh: 130, forbidden: [], respectOneway: true },
  ebike: {
    id: 'ebike',
    carFactor: 1,
    maxKmh: 20,
    forbidden: ['motorway', 'motorway_link'],
    respectOneway: true,
  },
  foot: {
    id: 'foot',
    carFactor: 1,
    maxKmh: 5,
    forbidden: ['motorway', 'motorway_link', 'trunk', 'trunk_link'],
    respectOneway: false,
  },
};

/** Speed in km/h for one piece under a profile, 0 when the profile may not use it. */
export function pieceSpeedKmh(profile: TravelProfile, cls: HighwayClass, maxspeed: number): number {
  if (profile.forbidden.includes(cls)) return 0;
  const normal =
    maxspeed > 0 ? Math.min(0.85 * maxspeed, CAR_CLASS_SPEED_KMH[cls] * 1.5) : CAR_CLASS_SPEED_KMH[cls];
  return Math.min(normal * profile.carFactor, profile.maxKmh) * (profile.speedFactor ?? 1);
}

/** The profiles with calibrated speed factors per unit type (types not given keep their base factor). */
export function calibratedProfiles(
  factors: Readonly<Partial<Record<ProfileId, number>>>,
  base: Readonly<Record<ProfileId, TravelProfile>> = DEFAULT_PROFILES,
): Record<ProfileId, TravelProfile> {
  const out = {} as Record<ProfileId, TravelProfile>;
  for (const id of PROFILE_IDS) {
    const f = factors[id];
    out[id] = f === undefined || f === 1 ? { ...base[id] } : { ...base[id], speedFactor: f };
  }
  return out;
}

/**
 * Seconds to traverse each directed edge ref (2p forward, 2p+1 backward); Infinity = not allowed.
 * Computed at load time (cheap: one pass over pieces) so that speed tables can change without
 * rebuilding the cache.
 */
export function computeWeights(g: RoadGraph, profile: TravelProfile): Float64Array {
  const w = new Float64Array(2 * g.pieceCount);
  for (let p = 0; p < g.pieceCount; p++) {
    const kmh = pieceSpeedKmh(profile, HIGHWAY_CLASSES[g.pieceClass[p]!]!, g.pieceMaxspeed[p]!);
    const sec = kmh > 0 ? g.pieceLength[p]! / (kmh / 3.6) : Infinity;
    w[2 * p] = sec;
    w[2 * p + 1] = profile.respectOneway && g.pieceFlags[p]! & FLAG_ONEWAY ? Infinity : sec;
  }
  return w;
}

/** Weights for every profile; identical profiles share one array so callers can dedupe searches. */
export class ProfileWeights {
  private readonly byKey = new Map<string, Float64Array>();
  readonly weights: Record<ProfileId, Float64Array>;

  constructor(g: RoadGraph, profiles: Readonly<Record<ProfileId, TravelProfile>> = DEFAULT_PROFILES) {
    const out = {} as Record<ProfileId, Float64Array>;
    for (const id of PROFILE_IDS) {
      const pr = profiles[id];
      const key = JSON.stringify({ ...pr, id: undefined });
      let w = this.byKey.get(key);
      if (!w) {
        // On shared memory, so a worker thread's Router can route on these same weights
        // (RouterOptions.weights; the cordon's worker).
        const own = computeWeights(g, pr);
        w = new Float64Array(new SharedArrayBuffer(own.byteLength));
        w.set(own);
        this.byKey.set(key, w);
      }
      out[id] = w;
    }
    this.weights = out;
  }
}
