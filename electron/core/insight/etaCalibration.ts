/**
 * ETA calibration (pure): how the road ETA predicted when a unit was sent compares with its actual
 * response time (dispatch → arrival), by unit type, road class and hour of day, and a proposed speed factor
 * per unit type. The actual time includes the crew's acceptance and set-off; the factor folds
 * that in, which is what an officer reading an ETA wants.
 */
import type { UnitType } from '../../../shared/domain/unit';
import { UnitTypeSchema } from '../../../shared/domain/unit';
import type { EtaCalibration } from '../../../shared/contract/insightContract';
import { roadClassRank } from '../../../shared/domain/roadClass';

export interface EtaSample {
  unitType: UnitType;
  /** City hour of day when the unit was sent. */
  hour: number;
  /** The road class covering most of the unit's route when it was sent; `unknown` (UNKNOWN_ROAD_CLASS) when not recorded. */
  roadClass: string;
  predictedSeconds: number;
  actualSeconds: number;
}

export interface CalibrationRules {
  /** Fewer samples than this for a unit type: no factor proposed. */
  minSamples: number;
  /** Samples whose actual/predicted ratio is outside this range are left out (a unit stopped on the way, a wrong arrival). */
  ratioRange: readonly [number, number];
  /** Proposed factors are clamped to this range. */
  factorRange: readonly [number, number];
}

export const DEFAULT_CALIBRATION_RULES: CalibrationRules = {
  minSamples: 20,
  ratioRange: [0.2, 5],
  factorRange: [0.5, 2],
};

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

/** n, bias (mean actual − predicted, s), mean absolute error (s) and median actual/predicted. */
export function errorStats(samples: readonly EtaSample[]): {
  n: number;
  biasSeconds: number;
  maeSeconds: number;
  ratio: number;
} {
  const n = samples.length;
  if (n === 0) return { n: 0, biasSeconds: 0, maeSeconds: 0, ratio: 1 };
  let bias = 0;
  let mae = 0;
  for (const s of samples) {
    const e = s.actualSeconds - s.predictedSeconds;
    bias += e;
    mae += Math.abs(e);
  }
  return {
    n,
    biasSeconds: round(bias / n),
    maeSeconds: round(mae / n),
    ratio: round(median(samples.map((s) => s.actualSeconds / s.predictedSeconds)), 3),
  };
}

export const usable = (s: EtaSample, rules: CalibrationRules = DEFAULT_CALIBRATION_RULES): boolean => {
  if (!(s.predictedSeconds > 0) || !(s.actualSeconds > 0)) return false;
  const r = s.actualSeconds / s.predictedSeconds;
  return r >= rules.ratioRange[0] && r <= rules.ratioRange[1];
};

/**
 * The speed factor that would have made the median ETA right: the factor in force times the
 * median predicted/actual ratio (slower arrivals than predicted → a factor below the current).
 */
export function proposeFactor(
  samples: readonly EtaSample[],
  currentFactor: number,
  rules: CalibrationRules = DEFAULT_CALIBRATION_RULES,
): number | null {
  if (samples.length < rules.minSamples) return null;
  const f = currentFactor * median(samples.map((s) => s.predictedSeconds / s.actualSeconds));
  return round(Math.min(rules.factorRange[1], Math.max(rules.factorRange[0], f)), 2);
}

export function calibrate(
  all: readonly EtaSample[],
  current: Readonly<Partial<Record<UnitType, number>>>,
  period: { from: string; to: string },
  rules: CalibrationRules = DEFAULT_CALIBRATION_RULES,
): EtaCalibration {
  const samples = all.filter((s) => usable(s, rules));
  const byUnitType = UnitTypeSchema.options
    .map((unitType) => {
      const of = samples.filter((s) => s.unitType === unitType);
      const currentFactor = current[unitType] ?? 1;
      return {
        unitType,
        ...errorStats(of),
        currentFactor,
        proposedFactor: proposeFactor(of, currentFactor, rules),
      };
    })
    .filter((r) => r.n > 0);
  const byHour = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    ...errorStats(samples.filter((s) => s.hour === hour)),
  })).filter((r) => r.n > 0);
  // Bigger roads first; the unknown class (not in the graph's list) comes last.
  const classes = [...new Set(samples.map((s) => s.roadClass))].sort(
    (a, b) => roadClassRank(a) - roadClassRank(b) || a.localeCompare(b),
  );
  const byRoadClass = classes.map((roadClass) => ({
    roadClass,
    ...errorStats(samples.filter((s) => s.roadClass === roadClass)),
  }));
  return { ...period, samples: samples.length, byUnitType, byHour, byRoadClass };
}
