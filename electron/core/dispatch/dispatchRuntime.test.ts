import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import type { GatewayFeed } from '../feed/gatewayFeed';
import { DEMO_PASSWORD } from '../accounts/seed';
import { startDispatchRuntime, type DispatchRuntime } from './dispatchRuntime';
import { tempDir, TEST_AUDIT_KEY } from '../../../tests/unit/fixtures';

const noTier = () => ({ ruleId: null, targetSeconds: null, met: null, marginSeconds: null });

/** A feed that is never connected: the runtime only needs its command and connection hooks. */
const offlineFeed = {
  onConnectionChange: () => () => {},
  command: async () => ({ ok: false }),
} as unknown as GatewayFeed;

describe('dispatch runtime: seat actions outside the lifecycle are audited', () => {
  const start = async () => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    runtime = await startDispatchRuntime({
      db: repo.db,
      repository: repo,
      feed: offlineFeed,
      emit: () => {},
      demoOperators: true,
      auditKey: TEST_AUDIT_KEY,
      tierFor: noTier,
    });
    return runtime;
  };
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let runtime: DispatchRuntime;
  afterEach(async () => {
    await runtime.close();
    repo.close();
    tmp.cleanup();
  });

  it('refuses seat controls to the unsigned seat and to the wrong role; attributes the rest to the signed-in operator', async () => {
    await start();
    expect(() => runtime.requireSeatControl('alarm')).toThrow(/sign in first/);
    expect(runtime.operatorName()).toBe('seat:unsigned');
    await runtime.handlers['operator.signIn']({ username: 'duty', password: DEMO_PASSWORD });
    expect(runtime.requireSeatControl('cameraAim')).toBe('duty');
    expect(() => runtime.requireSeatControl('drillClock')).toThrow(
      /drillClock needs trainer or supervisor; duty is duty_officer/,
    );
    runtime.auditSeatAction(runtime.operatorName(), 'camera.ptz', 'camera:1', { cameraId: '1', ok: true });
    expect(runtime.audit.recent(1)[0]).toMatchObject({
      operator: 'duty',
      action: 'camera.ptz',
      subject: 'camera:1',
    });
    await runtime.handlers['operator.signOut']();
    await runtime.handlers['operator.signIn']({ username: 'trainer', password: DEMO_PASSWORD });
    expect(runtime.requireSeatControl('drillClock')).toBe('trainer');
    expect(runtime.audit.verify()).toMatchObject({ ok: true });
  });

  it('stamps the audit head on every outbound command', async () => {
    await start();
    const head = runtime.audit.append({ operator: 'duty', action: 'x', subject: 'y' });
    expect(
      runtime.anchorCommand({ commandId: 'c-12345678', kind: 'unit.recall', payload: { unitId: 'U1' } }),
    ).toEqual({
      commandId: 'c-12345678',
      kind: 'unit.recall',
      payload: { unitId: 'U1' },
      auditHead: head.hash,
    });
  });
});
