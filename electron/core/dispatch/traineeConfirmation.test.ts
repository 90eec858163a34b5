/**
 * A trainee's dispatch (issue 17, defect 6): on a live alert it needs a supervisor's credentials
 * entered at the seat (checked through the sign-in throttle, audited with the step); in a drill
 * it is the trainee's own.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import type { GatewayFeed } from '../feed/gatewayFeed';
import { DEMO_PASSWORD } from '../accounts/seed';
import { startDispatchRuntime, type DispatchRuntime } from './dispatchRuntime';
import { HARNESS_UNITS } from '../../../tests/unit/dispatchHarness';
import { alertReport, envelope, tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';

const offlineFeed = {
  onConnectionChange: () => () => {},
  command: async () => ({ ok: false }),
} as unknown as GatewayFeed;
const ALERT = alertReport().id;
const dispatchU01 = { alertId: ALERT, action: { type: 'dispatch' as const, unitIds: ['U01'] } };

describe("a trainee's dispatch", () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let runtime: DispatchRuntime;
  afterEach(async () => {
    await runtime.close();
    repo.close();
    tmp.cleanup();
  });

  async function start(drill: boolean) {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    repo.seedFromPack({
      manifest: { id: 'fixture' },
      units: HARNESS_UNITS,
      cameras: [],
      checkpoints: [],
    } as never);
    repo.applyFeedBatch(
      decodeFeedMessages([envelope(1, 'alert', alertReport())], {
        lastSeq: 0,
        knownUnits: repo.knownUnitIds(),
        knownCameras: new Set(),
        receivedAt: new Date().toISOString(),
      }),
    );
    runtime = await startDispatchRuntime({
      db: repo.db,
      repository: repo,
      feed: offlineFeed,
      emit: () => {},
      demoOperators: true,
      auditKey: TEST_AUDIT_KEY,
      tierFor: () => ({ ruleId: null, targetSeconds: null, met: null, marginSeconds: null }),
      ...(drill ? { drill: true, mode: 'drill:test' } : {}),
    });
    await runtime.handlers['operator.signIn']({ username: 'trainee', password: DEMO_PASSWORD });
  }

  it('on a live alert waits for a supervisor to confirm at the seat', async () => {
    await start(false);
    await expect(runtime.handlers['alerts.act'](dispatchU01)).rejects.toThrow(
      "a trainee's dispatch on a live alert needs a supervisor's confirmation",
    );
    await expect(
      runtime.handlers['alerts.act']({
        ...dispatchU01,
        confirmation: { username: 'duty', password: DEMO_PASSWORD },
      }),
    ).rejects.toThrow(/duty is not a supervisor/);
    await expect(
      runtime.handlers['alerts.act']({
        ...dispatchU01,
        confirmation: { username: 'supervisor', password: 'wrong-one' },
      }),
    ).rejects.toThrow(/wrong username or password/);
    expect(repo.alerts.get(ALERT)!.status).toBe('received');

    const alert = await runtime.handlers['alerts.act']({
      ...dispatchU01,
      confirmation: { username: 'supervisor', password: DEMO_PASSWORD },
    });
    expect(alert.status).toBe('dispatched');
    // The trainee took the step; the supervisor who confirmed it is in the step and the audit entry.
    expect(runtime.audit.recent(1)[0]).toMatchObject({
      operator: 'trainee',
      action: 'alert.dispatch',
      payload: { data: { unitIds: ['U01'], confirmedBy: 'supervisor' } },
    });
    const actions = runtime.audit.recent(20).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['operator.confirm.refused', 'operator.confirm.failed']));
    // The seat remains the trainee's: confirming does not sign the supervisor in.
    expect(await runtime.handlers['operator.current']()).toMatchObject({ username: 'trainee' });
    expect(runtime.audit.verify().ok).toBe(true);
  });

  it('in a drill is theirs', async () => {
    await start(true);
    const alert = await runtime.handlers['alerts.act'](dispatchU01);
    expect(alert.status).toBe('dispatched');
    expect(runtime.audit.recent(1)[0]).toMatchObject({
      operator: 'trainee',
      action: 'alert.dispatch',
      payload: { data: { unitIds: ['U01'], mode: 'drill:test' } },
    });
    expect(
      (runtime.audit.recent(1)[0]!.payload as { data: Record<string, unknown> }).data.confirmedBy,
    ).toBeUndefined();
  });
});
