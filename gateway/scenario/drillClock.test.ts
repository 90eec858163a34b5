import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../server';
import type { RunningGateway } from '../gatewayTypes';
import {
  fixtureAlertId,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
} from '../../tests/unit/gatewayFixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function start(dir: string, speed = 1): Promise<RunningGateway> {
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(10, 100));
  const gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed,
    tickMs: 10,
    stateDir: path.join(dir, 'state'),
    fsync: false,
  });
  cleanup.push(() => gateway.close());
  return gateway;
}

async function clock(gateway: RunningGateway, body?: unknown, token = 'demo-token') {
  const res = await fetch(`${gateway.url}/admin/clock`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      scenarioTime: number;
      speed: number;
      paused: boolean;
      headSeq: number;
      error?: string;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('drill replay controls (POST /admin/clock)', () => {
  it('pauses, resumes, changes speed and seeks forward with monotonic seqs; refuses a backward seek; persists across a restart', async () => {
    const dir = tempDir();
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const gateway = await start(dir);
    expect((await clock(gateway, { action: 'pause' }, 'wrong')).status).toBe(401);

    const paused = await clock(gateway, { action: 'pause' });
    expect(paused.body.paused).toBe(true);
    await sleep(150);
    const still = await clock(gateway);
    expect(still.body.scenarioTime).toBe(paused.body.scenarioTime);
    expect(still.body.headSeq).toBe(paused.body.headSeq);

    // Seek forward while paused: alerts 1–5 (t = 100…500) "happened" and go out at once.
    const c = recordingClient(gateway.url);
    cleanup.push(() => c.close());
    const seeked = await clock(gateway, { action: 'seek', toSeconds: 550 });
    expect(seeked.status).toBe(200);
    expect(seeked.body).toMatchObject({ scenarioTime: 550, paused: true });
    await waitFor(
      () =>
        c.envelopes.some((e) => e.type === 'alert' && (e.payload as { id: string }).id === fixtureAlertId(5)),
      3000,
      'skipped alerts',
    );
    const alerts = c.envelopes.filter((e) => e.type === 'alert').map((e) => (e.payload as { id: string }).id);
    expect(alerts).toEqual([1, 2, 3, 4, 5].map(fixtureAlertId));
    const seqs = c.envelopes.map((e) => e.seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);

    const back = await clock(gateway, { action: 'seek', toSeconds: 100 });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatch(/cannot seek backwards/);
    expect((await clock(gateway, { action: 'seek' })).status).toBe(400);

    const faster = await clock(gateway, { action: 'resume', speed: 20 });
    expect(faster.body).toMatchObject({ paused: false, speed: 20 });
    await sleep(100);
    expect((await clock(gateway)).body.scenarioTime).toBeGreaterThan(550);
    const pausedAgain = await clock(gateway, { action: 'pause' });
    const meta = JSON.parse(readFileSync(path.join(dir, 'state', 'meta.json'), 'utf8')) as {
      clock: { paused: boolean; speed: number };
    };
    expect(meta.clock).toMatchObject({ paused: true, speed: 20 });
    const headBefore = gateway.headSeq();
    await gateway.close();

    // Restarted with the same state dir (and the same speed): still paused where it was.
    const again = await startGateway({
      scenario: path.join(dir, 'scenario.json'),
      pack: path.join(dir, 'pack'),
      port: 0,
      speed: 20,
      tickMs: 10,
      stateDir: path.join(dir, 'state'),
      fsync: false,
    });
    cleanup.push(() => again.close());
    const restored = await clock(again);
    expect(restored.body.paused).toBe(true);
    expect(restored.body.scenarioTime).toBeCloseTo(pausedAgain.body.scenarioTime, 6);
    expect(again.headSeq()).toBeGreaterThanOrEqual(headBefore);
  });
});
