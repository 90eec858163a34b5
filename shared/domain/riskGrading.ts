import { z } from 'zod';

/**
 * Risk grading (风险分级, docs/risk-grading.md): places (repeat addresses and grid cells) and patrol
 * districts graded A (high), B (elevated) or C (ordinary) from their alert history. Pure: the
 * console feeds it the stored alerts; the rules are data (RiskConfig), defaults in DEFAULT_RISK_CONFIG
 * and nowhere else, overridable by a `risk-grading.json` in the city pack or the data folder.
 */

export const RiskGradeSchema = z.enum(['A', 'B', 'C']);
export type RiskGrade = z.infer<typeof RiskGradeSchema>;

const Thresholds = z.object({
  /** Score (per 30 days) at or above which the grade is A. */
  a: z.number().nonnegative(),
  /** Score (per 30 days) at or above which the grade is B (below: C). */
  b: z.number().nonnegative(),
});

export const RiskConfigSchema = z
  .object({
    /** Default look-back in days. */
    days: z.number().int().min(1).max(365),
    /** Points per alert by priority (1 urgent … 4 low). */
    severityWeights: z.object({
      '1': z.number().nonnegative(),
      '2': z.number().nonnegative(),
      '3': z.number().nonnegative(),
      '4': z.number().nonnegative(),
    }),
    district: Thresholds,
    place: Thresholds.extend({
      /** Alerts at the same address (or in the same cell) before it counts as a place at all. */
      repeatMin: z.number().int().min(2),
      /** Side of the square grid cells, metres. */
      cellMetres: z.number().min(50).max(5000),
    }),
  })
  .refine((c) => c.district.a >= c.district.b && c.place.a >= c.place.b, {
    message: 'the A threshold must not be below the B threshold',
  });
export type RiskConfig = z.infer<typeof RiskConfigSchema>;

/** The one place the default rules live. */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
  days: 30,
  severityWeights: { '1': 4, '2': 2, '3': 1, '4': 0.5 },
  district: { a: 60, b: 25 },
  place: { a: 16, b: 8, repeatMin: 3, cellMetres: 300 },
};

/** A partial override on top of the defaults (the override file's shape). */
export const RiskConfigOverrideSchema = z.object({
  days: z.number().optional(),
  severityWeights: z.record(z.string(), z.number()).optional(),
  district: z.record(z.string(), z.number()).optional(),
  place: z.record(z.string(), z.number()).optional(),
});

export function mergeRiskConfig(base: RiskConfig, override: unknown): RiskConfig {
  const o = RiskConfigOverrideSchema.parse(override);
  return RiskConfigSchema.parse({
    days: o.days ?? base.days,
    severityWeights: { ...base.severityWeights, ...o.severityWeights },
    district: { ...base.district, ...o.district },
    place: { ...base.place, ...o.place },
  });
}

export interface RiskAlert {
  id: string;
  lng: number;
  lat: number;
  priority: 1 | 2 | 3 | 4;
  address: string;
  /** The patrol district the alert lies in, or null outside every district. */
  districtId: string | null;
}

export interface GradedArea {
  grade: RiskGrade;
  /** Severity points per 30 days. */
  score: number;
  count: number;
}

export interface PlaceGrade extends GradedArea {
  key: string;
  kind: 'address' | 'cell';
  label: string;
  lng: number;
  lat: number;
}

export interface RiskGrading {
  districts: Map<string, GradedArea>;
  /** Every place that reached `repeatMin`, any grade. */
  places: Map<string, PlaceGrade>;
}

export const gradeOf = (score: number, t: { a: number; b: number }): RiskGrade =>
  score >= t.a ? 'A' : score >= t.b ? 'B' : 'C';
const RANK: Record<RiskGrade, number> = { A: 0, B: 1, C: 2 };
export const worseGrade = (a: RiskGrade, b: RiskGrade): RiskGrade => (RANK[a] <= RANK[b] ? a : b);

/** Address key: whitespace and case do not make a new place. */
export const addressKey = (address: string): string =>
  `addr:${address.trim().replace(/\s+/g, ' ').toLowerCase()}`;

/**
 * Square cell key of a point (equirectangular metres at the point's latitude, good within a city).
 * The grid's own convention (111 320 m per degree), not a distance: changing it would move every
 * cell boundary, so it stays apart from shared/domain/geo.
 */
export function cellKey(
  lng: number,
  lat: number,
  cellMetres: number,
): { key: string; lng: number; lat: number } {
  const dLat = cellMetres / 111_320;
  const dLng = cellMetres / (111_320 * Math.cos((lat * Math.PI) / 180));
  const i = Math.floor(lng / dLng);
  const j = Math.floor(lat / dLat);
  return { key: `cell:${cellMetres}:${i}:${j}`, lng: (i + 0.5) * dLng, lat: (j + 0.5) * dLat };
}

/** Grades districts (every id in `districtIds`, C when quiet) and places from the alerts of `days` days. */
export function gradeRisk(
  alerts: readonly RiskAlert[],
  districtIds: readonly string[],
  days: number,
  config: RiskConfig,
): RiskGrading {
  const per30 = 30 / Math.max(1, days);
  const weight = (a: RiskAlert) => config.severityWeights[String(a.priority) as '1'];
  const districtSum = new Map<string, { score: number; count: number }>(
    districtIds.map((id) => [id, { score: 0, count: 0 }]),
  );
  const placeSum = new Map<
    string,
    { kind: 'address' | 'cell'; label: string; score: number; count: number; lng: number; lat: number }
  >();
  const add = (
    key: string,
    kind: 'address' | 'cell',
    label: string,
    a: RiskAlert,
    at: { lng: number; lat: number },
  ) => {
    const s = placeSum.get(key) ?? { kind, label, score: 0, count: 0, lng: 0, lat: 0 };
    s.score += weight(a);
    s.count += 1;
    // Addresses sit at the mean of their reports; cells at their centre.
    if (kind === 'address') {
      s.lng += (a.lng - s.lng) / s.count;
      s.lat += (a.lat - s.lat) / s.count;
    } else {
      s.lng = at.lng;
      s.lat = at.lat;
    }
    placeSum.set(key, s);
  };
  for (const a of alerts) {
    if (a.districtId !== null) {
      const d = districtSum.get(a.districtId) ?? { score: 0, count: 0 };
      d.score += weight(a);
      d.count += 1;
      districtSum.set(a.districtId, d);
    }
    if (a.address.trim()) add(addressKey(a.address), 'address', a.address.trim(), a, a);
    const cell = cellKey(a.lng, a.lat, config.place.cellMetres);
    add(cell.key, 'cell', cell.key, a, cell);
  }
  const districts = new Map<string, GradedArea>();
  for (const [id, s] of districtSum)
    districts.set(id, {
      grade: gradeOf(s.score * per30, config.district),
      score: s.score * per30,
      count: s.count,
    });
  const places = new Map<string, PlaceGrade>();
  for (const [key, s] of placeSum) {
    if (s.count < config.place.repeatMin) continue;
    const score = s.score * per30;
    places.set(key, {
      key,
      kind: s.kind,
      label: s.label,
      lng: s.lng,
      lat: s.lat,
      grade: gradeOf(score, config.place),
      score,
      count: s.count,
    });
  }
  return { districts, places };
}

/** One alert's grade: the worse of its address's (else its cell's) and its district's. */
export function gradeForAlert(
  grading: RiskGrading,
  alert: Pick<RiskAlert, 'lng' | 'lat' | 'address' | 'districtId'>,
  config: RiskConfig,
): { grade: RiskGrade; place: PlaceGrade | null; district: GradedArea | null } {
  const byAddress = alert.address.trim() ? grading.places.get(addressKey(alert.address)) : undefined;
  const byCell = grading.places.get(cellKey(alert.lng, alert.lat, config.place.cellMetres).key);
  const place =
    [byAddress, byCell]
      .filter((p): p is PlaceGrade => !!p)
      .sort((a, b) => RANK[a.grade] - RANK[b.grade])[0] ?? null;
  const district = alert.districtId ? (grading.districts.get(alert.districtId) ?? null) : null;
  return { grade: worseGrade(place?.grade ?? 'C', district?.grade ?? 'C'), place, district };
}
