import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RISK_CONFIG,
  RiskConfigSchema,
  addressKey,
  gradeForAlert,
  gradeOf,
  gradeRisk,
  mergeRiskConfig,
  type RiskAlert,
} from './riskGrading';

const alert = (i: number, extra: Partial<RiskAlert> = {}): RiskAlert => ({
  id: `a${i}`,
  lng: 112.85,
  lat: 35.49,
  priority: 3,
  address: `地址${i}`,
  districtId: 'D1',
  ...extra,
});

describe('risk grading rules', () => {
  it('grades by thresholds: A at or above a, B at or above b, else C', () => {
    expect(gradeOf(60, DEFAULT_RISK_CONFIG.district)).toBe('A');
    expect(gradeOf(59.9, DEFAULT_RISK_CONFIG.district)).toBe('B');
    expect(gradeOf(25, DEFAULT_RISK_CONFIG.district)).toBe('B');
    expect(gradeOf(24, DEFAULT_RISK_CONFIG.district)).toBe('C');
  });

  it('weights districts by severity and scales the score to 30 days', () => {
    // 15 urgent alerts (4 points each) in D1 over 30 days = 60 → A; 10 ordinary in D2 = 10 → C.
    const alerts = [
      ...Array.from({ length: 15 }, (_, i) => alert(i, { priority: 1, lng: 112 + i })),
      ...Array.from({ length: 10 }, (_, i) => alert(100 + i, { districtId: 'D2', lng: 113 + i })),
    ];
    const g = gradeRisk(alerts, ['D1', 'D2', 'D3'], 30, DEFAULT_RISK_CONFIG);
    expect(g.districts.get('D1')).toEqual({ grade: 'A', score: 60, count: 15 });
    expect(g.districts.get('D2')).toMatchObject({ grade: 'C', score: 10 });
    expect(g.districts.get('D3')).toEqual({ grade: 'C', score: 0, count: 0 });
    // The same alerts over 60 days are half as dense: B.
    expect(gradeRisk(alerts, ['D1'], 60, DEFAULT_RISK_CONFIG).districts.get('D1')).toMatchObject({
      grade: 'B',
      score: 30,
    });
  });

  it('makes a place of a repeat address only from repeatMin alerts on, ignoring case and spacing', () => {
    const spread = (i: number) => ({ lng: 112 + i * 0.1 }); // different cells
    const two = [
      alert(1, { address: '幸福路 12号', ...spread(1) }),
      alert(2, { address: '幸福路  12号 ', ...spread(2) }),
    ];
    expect(gradeRisk(two, [], 30, DEFAULT_RISK_CONFIG).places.has(addressKey('幸福路 12号'))).toBe(false);
    const five = [
      ...two,
      ...[3, 4, 5].map((i) => alert(i, { address: '幸福路 12号', priority: 1, ...spread(i) })),
    ];
    const place = gradeRisk(five, [], 30, DEFAULT_RISK_CONFIG).places.get(addressKey('幸福路 12号'))!;
    // 2 × 1 + 3 × 4 = 14 points: B (8 ≤ 14 < 16).
    expect(place).toMatchObject({ kind: 'address', count: 5, score: 14, grade: 'B' });
  });

  it('grades grid cells where different addresses cluster', () => {
    const cluster = Array.from({ length: 8 }, (_, i) => alert(i, { priority: 2, lng: 112.85 + i * 0.0001 }));
    const cells = [...gradeRisk(cluster, [], 30, DEFAULT_RISK_CONFIG).places.values()].filter(
      (p) => p.kind === 'cell',
    );
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ count: 8, score: 16, grade: 'A' });
  });

  it('gives an alert the worse of its place’s and its district’s grade', () => {
    const cluster = Array.from({ length: 8 }, (_, i) => alert(i, { priority: 2 }));
    const g = gradeRisk(cluster, ['D1'], 30, DEFAULT_RISK_CONFIG);
    expect(g.districts.get('D1')!.grade).toBe('C');
    expect(gradeForAlert(g, alert(99, { address: '别处' }), DEFAULT_RISK_CONFIG).grade).toBe('A');
    expect(gradeForAlert(g, alert(99, { lng: 113, address: '别处' }), DEFAULT_RISK_CONFIG)).toMatchObject({
      grade: 'C',
      place: null,
    });
  });

  it('merges an override over the defaults and refuses contradictory thresholds', () => {
    const c = mergeRiskConfig(DEFAULT_RISK_CONFIG, { district: { a: 100 }, severityWeights: { '1': 10 } });
    expect(c.district).toEqual({ a: 100, b: 25 });
    expect(c.severityWeights['1']).toBe(10);
    expect(c.place).toEqual(DEFAULT_RISK_CONFIG.place);
    expect(() => mergeRiskConfig(DEFAULT_RISK_CONFIG, { place: { a: 1, b: 5 } })).toThrow();
    expect(RiskConfigSchema.safeParse(DEFAULT_RISK_CONFIG).success).toBe(true);
  });
});
