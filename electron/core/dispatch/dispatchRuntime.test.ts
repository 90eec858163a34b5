import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import type { GatewayFeed } from '../feed/gatewayFeed';
import { DEMO_PASSWORD } from '../accounts/seed';
import { startDispatchRuntime, type DispatchRuntime } from './dispatchRuntime';
import { tempDir } from '../../../tests/unit/fixtures';

/** A feed that is never connected: the runtime only needs its command and connection hooks. */
const offlineFeed = { onConnectionChange: () => () => {}, command: async () => ({ ok: false }) } as unknown as GatewayFeed;

describe('dispatch runtime: seat actions outside the lifecycle are audited', () => {
  let tmp: ReturnType<typeof tempDir>;
  let repo: ConsoleRepository;
  let runtime: DispatchRuntime;
  afterEach(async () => {
    await runtime.close();
    repo.close();
    tmp.cleanup();
  });

  it('attributes settings and PTZ entries to the signed-in operator, or to the unsigned seat', async () => {
    tmp = tempDir();
    repo = new ConsoleRepository(openDatabase(tmp.dir));
    runtime = await startDispatchRuntime({ db: repo.db, repository: repo, feed: offlineFeed, emit: () => {}, demoOperators: true });
    runtime.auditSeatAction('settings.update', 'settings', { changed: { alarmMuted: true }, before: { alarmMuted: false } });
    await runtime.handlers['operator.signIn']({ username: 'duty', password: DEMO_PASSWORD });
    runtime.auditSeatAction('camera.ptz', 'camera:1', { cameraId: '1', ok: true });
    const [ptz, , settings] = runtime.audit.recent(3);
    expect(settings).toMatchObject({ operator: 'seat:unsigned', action: 'settings.update', payload: { changed: { alarmMuted: true } } });
    expect(ptz).toMatchObject({ operator: 'duty', action: 'camera.ptz', subject: 'camera:1' });
    expect(runtime.audit.verify()).toMatchObject({ ok: true });
  });
});
