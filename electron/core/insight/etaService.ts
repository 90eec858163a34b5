/**
 * ETA calibration over the console's dispatches (the predicted ETA and the route's dominant road
 * class stored at assignment, and the response time stored at arrival), and the accepted speed
 * factors: stored in the console's settings (meta), applied to the routing service at start and
 * when a supervisor accepts them.
 */
import type { Db } from '../db/database';
import type { MetaRepository } from '../db/metaRepository';
import type { EtaCalibration, SpeedFactors } from '../../../shared/contract/insightContract';
import { SpeedFactorsSchema } from '../../../shared/contract/insightContract';
import { UnitTypeSchema } from '../../../shared/domain/unit';
import { cityHour } from '../../../shared/domain/cityTime';
import { UNKNOWN_ROAD_CLASS } from '../../../shared/domain/roadClass';
import { calibrate, type EtaSample } from './etaCalibration';

export const SPEED_FACTORS_KEY = 'insight.speedFactors';

export interface SpeedFactorTarget {
  speedFactors(): SpeedFactors;
  setSpeedFactors(factors: SpeedFactors): void;
}

export function storedSpeedFactors(meta: MetaRepository): SpeedFactors {
  const raw = meta.get(SPEED_FACTORS_KEY);
  if (!raw) return {};
  try {
    const parsed = SpeedFactorsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function etaSamples(db: Db, sinceMs: number): EtaSample[] {
  const rows = db
    .prepare<
      [string],
      {
        unit_type: string;
        dispatched_at: string;
        predicted_eta_seconds: number;
        arrived_at: string;
        road_class: string | null;
      }
    >(
      `SELECT unit_type, dispatched_at, predicted_eta_seconds, arrived_at, road_class FROM dispatches
        WHERE dispatched_at >= ? AND predicted_eta_seconds IS NOT NULL AND arrived_at IS NOT NULL AND unit_type IS NOT NULL`,
    )
    .all(new Date(sinceMs - 86_400_000).toISOString().slice(0, 10));
  const out: EtaSample[] = [];
  for (const r of rows) {
    const type = UnitTypeSchema.safeParse(r.unit_type);
    if (!type.success || Date.parse(r.dispatched_at) < sinceMs) continue;
    // Actual = sent → arrived (the response time stored beside it counts from the call).
    const actual = (Date.parse(r.arrived_at) - Date.parse(r.dispatched_at)) / 1000;
    out.push({
      unitType: type.data,
      hour: cityHour(r.dispatched_at),
      roadClass: r.road_class ?? UNKNOWN_ROAD_CLASS,
      predictedSeconds: r.predicted_eta_seconds,
      actualSeconds: actual,
    });
  }
  return out;
}

export function createEtaService(opts: {
  db: Db;
  meta: MetaRepository;
  routing: SpeedFactorTarget;
  now?: () => number;
}) {
  const now = opts.now ?? Date.now;
  // Factors accepted earlier hold from the start.
  const stored = storedSpeedFactors(opts.meta);
  if (Object.keys(stored).length) opts.routing.setSpeedFactors(stored);
  return {
    report(days: number): EtaCalibration {
      const to = now();
      const from = to - days * 86_400_000;
      return calibrate(etaSamples(opts.db, from), opts.routing.speedFactors(), {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      });
    },
    /** Merges the factors into the ones in force, stores and applies them; returns those now in force. */
    apply(factors: SpeedFactors): { before: SpeedFactors; after: SpeedFactors } {
      const before = opts.routing.speedFactors();
      const after = SpeedFactorsSchema.parse({ ...before, ...factors });
      opts.meta.set(SPEED_FACTORS_KEY, JSON.stringify(after));
      opts.routing.setSpeedFactors(after);
      return { before, after };
    },
  };
}
