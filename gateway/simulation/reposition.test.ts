import { afterEach, describe, expect, it } from 'vitest';
import { haversineMeters } from '../../shared/domain/geo';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { DispatchSimulator } from './dispatchSimulator';
import { buildRoadGraph } from './roadGraph';
import { startGateway } from '../server';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  writeFixturePack,
} from '../../tests/unit/gatewayFixtures';
import { UnitSimulator } from './unitSimulator';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const CAR = 'U-CAR-1';
/** A road point of the fixture grid (testFixtures.ts: 4×4 streets, 0.002° apart from 112.85, 35.49). */
const POST = { lng: 112.85 + 2.5 * 0.002, lat: 35.49 + 3 * 0.002 };

describe('unit.reposition (repositioning advice) in the drill gateway', () => {
  it('drives an idle unit to the point and keeps it there, with no status change', async () => {
    const pack = await loadCityPack(writeFixturePack(tempDir('reposition-pure-')));
    const graph = buildRoadGraph(pack.roads.features);
    const sim = new DispatchSimulator(
      graph,
      new UnitSimulator(graph, pack.units, pack.manifest.id),
      pack.manifest.id,
      { loop: false, cycleSeconds: 600 },
    );
    sim.apply({ kind: 'unit.reposition', payload: { unitId: CAR, ...POST }, at: 100 });
    const there = sim.positionAt(CAR, 2000);
    expect(haversineMeters(there, POST)).toBeLessThan(30);
    expect(there.speed).toBe(0);
    expect(sim.positionAt(CAR, 3000)).toEqual(there);
    expect(sim.statusEventsIn(0, 3000)).toEqual([]);
  });

  it('accepts the command for an available unit and refuses it for a busy one', async () => {
    const dir = tempDir('reposition-gw-');
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(3));
    const gateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 10,
      fsync: false,
    });
    cleanup.push(() => gateway.close());
    const c = recordingClient(gateway.url);
    cleanup.push(() => c.close());
    await waitFor(() => c.socket.connected, 5000, 'connect');
    const send = (command: unknown) =>
      c.socket.timeout(3000).emitWithAck(GatewayEvents.command, command) as Promise<CommandAck>;
    expect(
      await send({ commandId: 'cmd-repos-1', kind: 'unit.reposition', payload: { unitId: CAR, ...POST } }),
    ).toEqual({ commandId: 'cmd-repos-1', ok: true });
    expect(
      (await send({ commandId: 'cmd-repos-2', kind: 'unit.reposition', payload: { unitId: CAR } })).error,
    ).toMatch(/^invalid payload: lng/);
    expect(
      await send({
        commandId: 'cmd-assign-1',
        kind: 'unit.assign',
        payload: { unitId: CAR, alertId: 'A-1', ...POST },
      }),
    ).toMatchObject({ ok: true });
    await waitFor(
      () =>
        c.envelopes.some(
          (e) => e.type === 'unit.status' && (e.payload as { status: string }).status === 'dispatched',
        ),
      5000,
      'dispatched',
    );
    expect(
      await send({ commandId: 'cmd-repos-3', kind: 'unit.reposition', payload: { unitId: CAR, ...POST } }),
    ).toEqual({
      commandId: 'cmd-repos-3',
      ok: false,
      error: `unit ${CAR} is dispatched, not available: it is not moved`,
    });
  });
});
