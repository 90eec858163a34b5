import { describe, expect, it } from 'vitest';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { haversineMeters } from '../../shared/domain/geo';
import { buildRoadGraph } from './roadGraph';
import { PATROL_LEG_SECONDS, UNIT_SPEED_MPS, UnitSimulator } from './unitSimulator';
import { FIXTURE_PACK_ID, FIXTURE_UNITS, tempDir, writeFixturePack } from '../../tests/unit/gatewayFixtures';

async function fixtureSimulator() {
  const pack = await loadCityPack(writeFixturePack(tempDir()));
  const graph = buildRoadGraph(pack.roads.features);
  return { pack, graph, simulator: new UnitSimulator(graph, pack.units, pack.manifest.id) };
}

describe('road graph', () => {
  it('joins roads at shared vertices', async () => {
    const { graph } = await fixtureSimulator();
    // 4×4 grid: 16 junctions; corners have 2 neighbours, edges 3, the inner 4 have 4.
    expect(graph.nodes).toHaveLength(16);
    const degrees = graph.nodes.map((n) => n.neighbours.length).sort();
    expect(degrees).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4]);
    expect(graph.edgeLength(0, graph.nodes[0]!.neighbours[0]!)).toBeGreaterThan(150);
  });
});

describe('unit simulator', () => {
  it('gives the same position for the same (pack, unit, t), in any query order and any instance', async () => {
    const a = await fixtureSimulator();
    const b = await fixtureSimulator();
    const times = [0, 2, 4, 37.5, 600, PATROL_LEG_SECONDS * 1.3, 86_400];
    for (const unitId of FIXTURE_UNITS) {
      const forward = times.map((t) => a.simulator.positionAt(unitId, t));
      const backward = [...times]
        .reverse()
        .map((t) => b.simulator.positionAt(unitId, t))
        .reverse();
      expect(backward).toEqual(forward);
    }
  });

  it('moves along the roads at the speed of the unit type, heading along the segment', async () => {
    const { pack, simulator } = await fixtureSimulator();
    for (const unit of pack.units) {
      const speed = UNIT_SPEED_MPS[unit.type];
      const p0 = simulator.positionAt(unit.id, 100);
      const p1 = simulator.positionAt(unit.id, 102);
      expect(p0.speed).toBe(speed);
      // At most the speed × 2 s (less when the 2 s span a corner).
      const moved = haversineMeters(p0, p1);
      expect(moved).toBeGreaterThan(0);
      expect(moved).toBeLessThanOrEqual(speed * 2 + 0.05);
      // The grid runs north–south and east–west, so every heading is a multiple of 90°.
      expect(p0.heading % 90).toBeCloseTo(0, 0);
      // On a grid line: either the longitude or the latitude is a multiple of the grid step.
      const onLine = (v: number, origin: number) =>
        Math.abs(((v - origin) / 0.002) % 1) < 1e-4 || Math.abs(((v - origin) / 0.002) % 1) > 1 - 1e-4;
      expect(onLine(p0.lng, 112.85) || onLine(p0.lat, 35.49)).toBe(true);
    }
  });

  it('patrols out and back, so it is home again after two legs', async () => {
    const { simulator } = await fixtureSimulator();
    const start = simulator.positionAt('U-FOOT-1', 0);
    const back = simulator.positionAt('U-FOOT-1', 2 * PATROL_LEG_SECONDS);
    expect(haversineMeters(start, back)).toBeLessThan(1.5);
  });

  it('seeds the walk with the pack id', async () => {
    const { pack, graph } = await fixtureSimulator();
    const other = new UnitSimulator(graph, pack.units, `${FIXTURE_PACK_ID}-other`);
    const ours = new UnitSimulator(graph, pack.units, FIXTURE_PACK_ID);
    const differs = [600, 1200, 1500].some(
      (t) => JSON.stringify(other.positionAt('U-CAR-1', t)) !== JSON.stringify(ours.positionAt('U-CAR-1', t)),
    );
    expect(differs).toBe(true);
  });
});
