/**
 * Risk grading over the console's stored alerts (docs/risk-grading.md): loads the rules (defaults,
 * then `risk-grading.json` in the pack, then in the data folder), finds each alert's patrol district
 * and grades with the pure shared/domain/riskGrading.ts. Results are kept for a minute: the alert
 * detail asks for one alert's grade each time it opens.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { CityPack } from '../../../shared/citypack/schema';
import type { AlertRisk, RiskReport } from '../../../shared/contract/insightContract';
import {
  DEFAULT_RISK_CONFIG,
  gradeForAlert,
  gradeRisk,
  mergeRiskConfig,
  type RiskAlert,
  type RiskConfig,
  type RiskGrading,
} from '../../../shared/domain/riskGrading';
import { pointInGeometry } from '../../../shared/domain/geo';

export const RISK_CONFIG_FILE = 'risk-grading.json';
const CACHE_MS = 60_000;

/** The rules: defaults, overridden by the pack's file, overridden by the data folder's. A bad file throws, naming it. */
export function loadRiskConfig(dirs: readonly string[]): { config: RiskConfig; source: string } {
  let config = DEFAULT_RISK_CONFIG;
  let source = 'defaults';
  for (const dir of dirs) {
    const file = path.join(dir, RISK_CONFIG_FILE);
    if (!existsSync(file)) continue;
    try {
      config = mergeRiskConfig(config, JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new Error(`Risk grading rules ${file}: ${(err as Error).message}`);
    }
    source = file;
  }
  return { config, source };
}

type Bbox = [number, number, number, number];
type DistrictGeometry = Parameters<typeof pointInGeometry>[2];

/** A point → district lookup with bbox prefilters. */
export function districtLocator(
  pack: Pick<CityPack, 'districts'>,
): (lng: number, lat: number) => string | null {
  const list = pack.districts.features.map((f) => {
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const poly of rings)
      for (const [x = 0, y = 0] of poly[0] ?? []) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
    return { id: f.properties.id, bbox, geometry: f.geometry as DistrictGeometry };
  });
  return (lng, lat) =>
    list.find(
      (d) =>
        lng >= d.bbox[0] &&
        lng <= d.bbox[2] &&
        lat >= d.bbox[1] &&
        lat <= d.bbox[3] &&
        pointInGeometry(lng, lat, d.geometry),
    )?.id ?? null;
}

export interface RiskService {
  report(days: number): RiskReport;
  alertRisk(alertId: string): AlertRisk;
}

export function createRiskService(opts: {
  db: Db;
  pack: Pick<CityPack, 'districts'>;
  configDirs: readonly string[];
  now?: () => number;
}): RiskService {
  const now = opts.now ?? Date.now;
  const { config, source } = loadRiskConfig(opts.configDirs);
  const locate = districtLocator(opts.pack);
  const districtIds = opts.pack.districts.features.map((f) => f.properties.id);
  const rows = opts.db.prepare<
    [string],
    { id: string; lng: number; lat: number; priority: 1 | 2 | 3 | 4; address: string; reported_at: string }
  >(
    "SELECT id, lng, lat, priority, address, reported_at FROM alerts WHERE reported_at >= ? AND status NOT IN ('merged', 'transferred')",
  );
  const byId = opts.db.prepare<[string], { lng: number; lat: number; address: string }>(
    'SELECT lng, lat, address FROM alerts WHERE id = ?',
  );
  const cache = new Map<number, { at: number; from: string; to: string; grading: RiskGrading }>();

  const grade = (days: number) => {
    const hit = cache.get(days);
    if (hit && now() - hit.at < CACHE_MS) return hit;
    const to = now();
    const from = to - days * 86_400_000;
    const alerts: RiskAlert[] = rows
      .all(new Date(from - 86_400_000).toISOString().slice(0, 10))
      .filter((r) => Date.parse(r.reported_at) >= from && Date.parse(r.reported_at) <= to)
      .map((r) => ({
        id: r.id,
        lng: r.lng,
        lat: r.lat,
        priority: r.priority,
        address: r.address,
        districtId: locate(r.lng, r.lat),
      }));
    const entry = {
      at: to,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      grading: gradeRisk(alerts, districtIds, days, config),
    };
    cache.set(days, entry);
    return entry;
  };

  return {
    report(days) {
      const { from, to, grading } = grade(days);
      return {
        from,
        to,
        districts: [...grading.districts].map(([id, d]) => ({ id, ...d })),
        places: [...grading.places.values()].filter((p) => p.grade !== 'C').sort((a, b) => b.score - a.score),
        config,
        configSource: source,
      };
    },
    alertRisk(alertId) {
      const alert = byId.get(alertId);
      if (!alert) throw new Error(`Unknown alert ${alertId}`);
      const { grading } = grade(config.days);
      const districtId = locate(alert.lng, alert.lat);
      const r = gradeForAlert(grading, { ...alert, districtId }, config);
      return {
        alertId,
        grade: r.grade,
        district: r.district && districtId ? { id: districtId, ...r.district } : null,
        place: r.place,
      };
    },
  };
}
