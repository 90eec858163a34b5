import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../shared/protocol/scenario';
import { AlertReportSchema } from '../../shared/domain/alert';
import { UnitStatusReportSchema } from '../../shared/domain/unit';
import { CameraStatusReportSchema } from '../../shared/domain/camera';

const root = path.resolve(__dirname, '..', '..');
const SCHEMAS = {
  alert: AlertReportSchema,
  'unit.status': UnitStatusReportSchema,
  'camera.status': CameraStatusReportSchema,
};

describe('demo-evening scenario', async () => {
  const raw = JSON.parse(await readFile(path.join(root, 'resources', 'drills', 'demo-evening.json'), 'utf8'));
  const scenario = ScenarioSchema.parse(raw);
  const pack = JSON.parse(await readFile(path.join(root, 'resources', 'city', 'demo', 'pack.json'), 'utf8'));
  const cameras: { id: string }[] = JSON.parse(
    await readFile(path.join(root, 'resources', 'city', 'demo', 'cameras.json'), 'utf8'),
  );
  const units: { id: string }[] = JSON.parse(
    await readFile(path.join(root, 'resources', 'city', 'demo', 'units.json'), 'utf8'),
  );
  const alerts = scenario.events
    .filter((e) => e.type === 'alert')
    .map((e) => AlertReportSchema.parse(e.payload));

  it('is written for the demo pack and lasts 30 minutes', () => {
    expect(scenario.cityPack).toBe(pack.id);
    expect(scenario.durationSec).toBe(1800);
  });

  it('has payloads that validate against their feed schemas', () => {
    for (const e of scenario.events) {
      const r = SCHEMAS[e.type].safeParse(e.payload);
      expect(r.success, `${e.type} at t=${e.t}: ${r.error?.message}`).toBe(true);
      expect(e.t).toBeLessThanOrEqual(scenario.durationSec);
    }
  });

  it('has 90–120 unique alerts starting at once, mostly 110', () => {
    expect(alerts.length).toBeGreaterThanOrEqual(90);
    expect(alerts.length).toBeLessThanOrEqual(120);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
    const times = scenario.events.filter((e) => e.type === 'alert').map((e) => e.t);
    expect(Math.min(...times)).toBeLessThanOrEqual(5);
    expect(times.filter((t) => t <= 30).length).toBeGreaterThanOrEqual(3);
    const share110 = alerts.filter((a) => a.source === '110').length / alerts.length;
    expect(share110).toBeGreaterThan(0.55);
    expect(share110).toBeLessThan(0.75);
    expect(alerts.some((a) => a.location.crs === 'GCJ02')).toBe(true);
    expect(alerts.some((a) => a.location.crs === 'CGCS2000')).toBe(true);
  });

  it('has the armed robbery around t=600 and events in time order', () => {
    const robbery = scenario.events.find(
      (e) => e.type === 'alert' && e.payload.category === 'robbery' && Math.abs(e.t - 600) <= 30,
    );
    expect(robbery?.payload.priority).toBe(1);
    const ts = scenario.events.map((e) => e.t);
    expect([...ts].sort((a, b) => a - b)).toEqual(ts);
  });

  it('refers to units and cameras of the pack', () => {
    for (const e of scenario.events) {
      if (e.type === 'unit.status') expect(units.some((u) => u.id === e.payload.unitId)).toBe(true);
      if (e.type === 'camera.status') expect(cameras.some((c) => c.id === e.payload.cameraId)).toBe(true);
    }
  });
});
