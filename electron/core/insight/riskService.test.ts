import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { tempDir } from '../../../tests/unit/fixtures';
import { RiskReportSchema } from '../../../shared/contract/insightContract';
import { DEFAULT_RISK_CONFIG } from '../../../shared/domain/riskGrading';
import { createRiskService, loadRiskConfig, RISK_CONFIG_FILE } from './riskService';
import { insertAlerts, storedAlert } from './testAlerts';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 35],
      [x + 0.1, 35],
      [x + 0.1, 35.1],
      [x, 35.1],
      [x, 35],
    ],
  ] as [number, number][][],
});
const pack = {
  districts: {
    type: 'FeatureCollection' as const,
    features: ['D1', 'D2'].map((id, i) => ({
      type: 'Feature' as const,
      geometry: square(112 + i),
      properties: { id, name: id, nameEn: id, countyId: 'C' },
    })),
  },
};
const day = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

describe('risk service over stored alerts', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  beforeEach(() => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    // D1: 16 urgent alerts at one address in the last 30 days (64 points: A), the address 64 points (A).
    // D2: 3 ordinary alerts; one old urgent alert beyond 30 days does not count.
    insertAlerts(repo, [
      ...Array.from({ length: 16 }, (_, i) =>
        storedAlert({
          id: `d1-${i}`,
          reportedAt: day(i + 1),
          lng: 112.05,
          lat: 35.05,
          priority: 1,
          address: '幸福路12号',
        }),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        storedAlert({
          id: `d2-${i}`,
          reportedAt: day(i + 1),
          lng: 113.02 + i * 0.02,
          lat: 35.05,
          address: `路${i}`,
        }),
      ),
      storedAlert({ id: 'old', reportedAt: day(45), lng: 113.05, lat: 35.05, priority: 1, address: '旧' }),
    ]);
  });
  afterEach(() => {
    repo.close();
    tmp.cleanup();
  });

  it('grades districts and places over the period and answers the contract', () => {
    const risk = createRiskService({ db: repo.db, pack, configDirs: [], now: () => NOW });
    const report = RiskReportSchema.parse(risk.report(30));
    expect(report.districts).toEqual([
      { id: 'D1', grade: 'A', score: 64, count: 16 },
      { id: 'D2', grade: 'C', score: 3, count: 3 },
    ]);
    expect(report.places.map((p) => [p.kind, p.label, p.grade])).toContainEqual([
      'address',
      '幸福路12号',
      'A',
    ]);
    expect(report.configSource).toBe('defaults');
  });

  it('gives an alert its grade for the risk badge', () => {
    const risk = createRiskService({ db: repo.db, pack, configDirs: [], now: () => NOW });
    expect(risk.alertRisk('d1-0')).toMatchObject({
      grade: 'A',
      district: { id: 'D1', grade: 'A' },
      place: { label: '幸福路12号' },
    });
    expect(risk.alertRisk('d2-0')).toMatchObject({ grade: 'C', district: { id: 'D2' }, place: null });
    expect(() => risk.alertRisk('nope')).toThrow(/Unknown alert/);
  });

  it('takes the rules from the override file, the data folder’s over the pack’s', () => {
    const packDir = path.join(tmp.dir, 'pack');
    const dataDir = path.join(tmp.dir, 'data');
    for (const d of [packDir, dataDir]) openDatabase(d).close();
    writeFileSync(path.join(packDir, RISK_CONFIG_FILE), JSON.stringify({ district: { a: 500, b: 2 } }));
    expect(loadRiskConfig([packDir]).config.district).toEqual({ a: 500, b: 2 });
    writeFileSync(path.join(dataDir, RISK_CONFIG_FILE), JSON.stringify({ district: { b: 100 } }));
    const both = loadRiskConfig([packDir, dataDir]);
    expect(both.config.district).toEqual({ a: 500, b: 100 });
    expect(both.source).toBe(path.join(dataDir, RISK_CONFIG_FILE));
    expect(both.config.place).toEqual(DEFAULT_RISK_CONFIG.place);
    const risk = createRiskService({ db: repo.db, pack, configDirs: [packDir, dataDir], now: () => NOW });
    expect(risk.report(30).districts.map((d) => d.grade)).toEqual(['C', 'C']);
    writeFileSync(path.join(dataDir, RISK_CONFIG_FILE), '{ broken');
    expect(() => loadRiskConfig([dataDir])).toThrow(RISK_CONFIG_FILE);
  });
});
