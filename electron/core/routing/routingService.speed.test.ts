/** Calibrated speed factors (ETA calibration) reach the routing service's ETAs. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CityPack } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { startRoutingService } from './routingService';

const PACK_DIR = path.resolve(__dirname, '../../../resources/city/demo');
const AT = '2025-01-01T08:00:00.000Z';
let pack: CityPack;
beforeAll(async () => {
  pack = await loadCityPack(PACK_DIR);
});

describe('routing service speed factors', () => {
  it('scales the ranked ETA of the calibrated unit type only', () => {
    const units: Unit[] = pack.units.map((d) => ({
      ...d,
      status: 'available',
      position: { unitId: d.id, lng: d.home.lng, lat: d.home.lat, heading: 0, speed: 0, at: AT },
    }));
    const routing = startRoutingService({
      packDir: PACK_DIR,
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'routing-speed-')),
      pack,
      units: () => units,
      onCoverage: vi.fn(),
    });
    const p = { lng: 112.851, lat: 35.4995 };
    const alert = {
      id: 'A1',
      source: '110',
      category: 'robbery',
      priority: 1,
      reportedAt: AT,
      location: { ...p, crs: 'WGS84' },
      address: '',
      caller: { phone: '13800000000' },
      description: '',
      position: p,
      status: 'received',
      receivedAt: AT,
      seq: 1,
    } as Alert;
    const eta = (type: string, same = true) => {
      const u = routing
        .rankNearby(alert, units, 50)
        .units.find((x) => (x.unit.type === type) === same && x.etaSeconds !== null)!;
      return { id: u.unit.id, eta: u.etaSeconds! };
    };
    const car = eta('car');
    const foot = eta('car', false); // any other type
    expect(routing.speedFactors()).toEqual({});
    routing.setSpeedFactors({ car: 0.5 });
    expect(routing.speedFactors()).toEqual({ car: 0.5 });
    const slower = routing.rankNearby(alert, units, 50).units.find((x) => x.unit.id === car.id)!.etaSeconds!;
    // Road time doubles; the off-road connector (walking to the road) does not.
    expect(slower).toBeGreaterThan(car.eta * 1.5);
    expect(slower).toBeLessThanOrEqual(car.eta * 2 + 1e-6);
    expect(
      routing.rankNearby(alert, units, 50).units.find((x) => x.unit.id === foot.id)!.etaSeconds,
    ).toBeCloseTo(foot.eta, 6);
    routing.close();
  });
});
