import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommand, type CommandContext } from '../../../gateway/feed/commandHandler';
import { intakeRefusal } from '../../../shared/protocol/envelopeIntake';
import { FeedLog, type WireEnvelope } from '../../../gateway/feed/feedLog';
import { buildRoadGraph } from '../../../gateway/simulation/roadGraph';
import { UnitSimulator } from '../../../gateway/simulation/unitSimulator';
import { DispatchSimulator } from '../../../gateway/simulation/dispatchSimulator';
import { startGateway } from '../../../gateway/server';
import type { RunningGateway } from '../../../gateway/gatewayTypes';
import { FIXTURE_UNITS, fixtureScenario, tempDir, writeFixture } from '../gatewayFixtures';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { FUZZ_RUNS, FUZZ_RUNS_NETWORK, junk, nastyString, shapedJunk } from './arbitraries';

let dir: string;
let ctx: CommandContext;
let published: WireEnvelope[] = [];
let gateway: RunningGateway;

beforeAll(async () => {
  dir = tempDir('fuzz-intake-');
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1));
  const pack = await loadCityPack(packDir);
  const graph = buildRoadGraph(pack.roads.features);
  const dispatch = new DispatchSimulator(
    graph,
    new UnitSimulator(graph, pack.units, pack.manifest.id),
    pack.manifest.id,
    { loop: false, cycleSeconds: 600 },
  );
  ctx = {
    log: new FeedLog(null, false),
    unitIds: new Set(pack.units.map((u) => u.id)),
    publish: (e) => published.push(...e),
    now: () => Date.parse('2026-11-20T11:00:00Z'),
    dispatch,
    scenarioTime: () => 10,
    cameras: new Map(pack.cameras.map((c) => [c.id, c])),
  };
  gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed: 0.001,
    tickMs: 50,
    stateDir: path.join(dir, 'state'),
    fsync: false,
  });
});
afterAll(async () => {
  await gateway.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const command = fc.record(
  {
    commandId: fc.oneof(fc.string({ minLength: 8, maxLength: 20 }), junk),
    kind: fc.oneof(fc.constantFrom('unit.assign', 'unit.recall', 'unit.status', 'camera.ptz'), nastyString),
    payload: fc.oneof(
      shapedJunk(
        ['unitId', 'alertId', 'status', 'lng', 'lat', 'cameraId', 'pan', 'tilt', 'zoom'],
        fc.constantFrom(...FIXTURE_UNITS, 'available', 'dispatched', 112.851, 35.49),
      ),
      junk,
    ),
  },
  { requiredKeys: [] },
);

describe('fuzz: gateway intake', () => {
  it('intakeRefusal never throws, whatever the type and payload', () => {
    fc.assert(
      fc.property(nastyString, junk, (type, payload) => {
        const refusal = intakeRefusal({ type, payload });
        if (refusal) expect(refusal.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('a console command of any shape gets an ack, and nothing intake would refuse reaches the feed', () => {
    fc.assert(
      fc.property(fc.oneof(command, junk), (raw) => {
        published = [];
        const ack = handleCommand(raw, ctx);
        expect(typeof ack.commandId).toBe('string');
        expect(typeof ack.ok).toBe('boolean');
        if (!ack.ok) expect(ack.error!.length).toBeGreaterThan(0);
        for (const e of published) expect(intakeRefusal(e)).toBeNull();
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('the admin inject endpoint answers any body with a status, and the gateway stays healthy', async () => {
    const body = fc.oneof(
      fc.record({ type: nastyString, payload: fc.jsonValue({ maxDepth: 3 }) }).map((b) => JSON.stringify(b)),
      fc
        .record({ type: fc.constant('alert'), payload: fc.record({ address: nastyString }) })
        .map((b) => JSON.stringify(b)),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const res = await fetch(`${gateway.url}/admin/inject`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
          body: text,
        });
        expect([200, 400, 422]).toContain(res.status);
        await res.arrayBuffer();
      }),
      { numRuns: FUZZ_RUNS_NETWORK },
    );
    expect(await (await fetch(`${gateway.url}/healthz`)).json()).toMatchObject({ ok: true });
  });
});
