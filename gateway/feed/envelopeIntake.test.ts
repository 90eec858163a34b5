import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayEvents, MAX_ENVELOPE_BYTES, type CommandAck } from '../../shared/protocol/feed';
import { startGateway } from '../server';
import type { RunningGateway } from '../gatewayTypes';
import { IntakeRefused, intakeRefusal, utf8Length } from '../../shared/protocol/envelopeIntake';
import { REFUSED_FILE, type RefusedEntry } from './refusedIntake';
import { checkScenario } from '../../shared/scenario/scenarioFile';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  writeFixturePack,
} from '../../tests/unit/gatewayFixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const alert = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  source: '110',
  category: 'theft',
  priority: 3,
  reportedAt: '2026-11-20T19:00:05+08:00',
  location: { lng: 112.851, lat: 35.49, crs: 'WGS84' },
  address: '建设路',
  caller: { phone: '13812345678' },
  description: '电动车被盗',
  ...overrides,
});

async function start(): Promise<RunningGateway & { stateDir: string }> {
  const dir = tempDir('intake-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1));
  const stateDir = path.join(dir, 'state');
  const gateway = await startGateway({
    scenario: scenarioFile,
    pack: packDir,
    port: 0,
    speed: 0.001,
    tickMs: 10,
    stateDir,
    fsync: false,
  });
  cleanup.push(() => gateway.close());
  return Object.assign(gateway, { stateDir });
}

const inject = (gateway: RunningGateway, type: string, payload: unknown) =>
  fetch(`${gateway.url}/admin/inject`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
    body: JSON.stringify({ type, payload }),
  });

describe('gateway intake', () => {
  it('refuses an envelope over the byte limit, with the reason, and keeps it for inspection', async () => {
    const gateway = await start();
    const c = recordingClient(gateway.url);
    cleanup.push(() => c.close());
    const head = gateway.headSeq();
    for (let i = 0; i < 3; i++) {
      const res = await inject(gateway, 'alert', alert(`big-${i}`, { attachment: 'x'.repeat(1_000_000) }));
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(
        /^refused: envelope of 10\d{5} bytes exceeds the feed's limit of 65536 bytes/,
      );
    }
    expect(gateway.headSeq()).toBe(head);
    const ok = await inject(gateway, 'alert', alert('valid-after-refusals'));
    expect(ok.status).toBe(200);
    await waitFor(
      () => c.envelopes.some((e) => (e.payload as { id?: string }).id === 'valid-after-refusals'),
      5000,
      'the valid alert',
    );
    expect(c.envelopes.filter((e) => (e.payload as { id?: string }).id?.startsWith('big-'))).toEqual([]);

    const refused = (await (
      await fetch(`${gateway.url}/admin/refused`, { headers: { authorization: 'Bearer demo-token' } })
    ).json()) as { count: number; recent: RefusedEntry[] };
    expect(refused.count).toBe(3);
    // Newest first; the raw cut to an excerpt in memory.
    expect(refused.recent.map((r) => [r.source, r.type, r.raw.slice(0, 13)])).toEqual(
      [2, 1, 0].map((i) => ['inject', 'alert', `{"id":"big-${i}"`]),
    );
    expect(refused.recent[0]!.raw.length).toBeLessThan(3000);
    expect(refused.recent[0]!.reason).toMatch(/exceeds the feed's limit/);
    // The file keeps every refusal whole.
    const kept = fs
      .readFileSync(path.join(gateway.stateDir, REFUSED_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RefusedEntry);
    expect(
      kept.map((k) => (JSON.parse(k.raw) as { id: string; attachment: string }).attachment.length),
    ).toEqual([1_000_000, 1_000_000, 1_000_000]);
  });

  it('refuses text a console would alter (a lone surrogate in any field), from inject and from commands', async () => {
    const gateway = await start();
    for (const payload of [
      alert('a-1', { address: '建设路\uD800' }),
      alert('a-2', { caller: { name: '\uDC00', phone: '13812345678' } }),
      alert('a\uDBFF'),
    ]) {
      const res = await inject(gateway, 'alert', payload);
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toMatch(/lone UTF-16 surrogate/);
    }
    expect(() => gateway.inject('alert', alert('a-3', { description: 'x\uD800' }))).toThrow(IntakeRefused);

    const c = recordingClient(gateway.url);
    cleanup.push(() => c.close());
    await waitFor(() => c.socket.connected, 5000, 'connect');
    const ack = (await c.socket.timeout(3000).emitWithAck(GatewayEvents.command, {
      commandId: 'cmd-surrogate-1',
      kind: 'unit.assign',
      payload: { unitId: 'U-CAR-1', alertId: 'A-\uD800', lng: 112.851, lat: 35.49 },
    })) as CommandAck;
    expect(ack).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^refused: text at payload\.alertId holds a lone UTF-16 surrogate/),
    });
    const state = (await (
      await fetch(`${gateway.url}/admin/state`, { headers: { authorization: 'Bearer demo-token' } })
    ).json()) as { refusedIntake: number };
    expect(state.refusedIntake).toBe(5);
    // Kept exactly: the file's JSON escapes the lone half, and reading it back gives it again.
    const kept = fs
      .readFileSync(path.join(gateway.stateDir, REFUSED_FILE), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RefusedEntry);
    expect((JSON.parse(kept[0]!.raw) as { address: string }).address).toBe('建设路\uD800');
  });

  it('measures the envelope as it goes on the wire', () => {
    const header = 80; // seq, sentAt, type and the braces
    expect(intakeRefusal({ type: 'alert', payload: 'x'.repeat(MAX_ENVELOPE_BYTES - 2 * header) })).toBeNull();
    expect(intakeRefusal({ type: 'alert', payload: 'x'.repeat(MAX_ENVELOPE_BYTES) })).toMatchObject({
      bytes: expect.any(Number),
    });
    expect(intakeRefusal({ type: 'alert', payload: { n: 10n } })).toMatchObject({
      reason: expect.stringMatching(/not JSON/),
      bytes: null,
    });
    // Multi-byte text counts in UTF-8 bytes, not characters.
    expect(
      intakeRefusal({ type: 'alert', payload: '警'.repeat(MAX_ENVELOPE_BYTES / 3 + 10) }),
    ).not.toBeNull();
  });

  it('holds a scenario file to the same rule: a drill with text a console would alter fails at load', async () => {
    const dir = tempDir('intake-scenario-');
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const pack = await loadCityPack(writeFixturePack(path.join(dir, 'pack')));
    const scenario = fixtureScenario(2);
    const alertEvent = scenario.events.find((e) => e.type === 'alert')!;
    alertEvent.payload = { ...(alertEvent.payload as object), address: '泽州路\uDFFF' };
    expect(() => checkScenario(scenario, pack)).toThrow(
      /events\[\d+\] \(alert at t=[\d.]+\): text at payload\.address holds a lone UTF-16 surrogate \(U\+DFFF\)/,
    );
  });
});

describe('utf8Length', () => {
  it('counts bytes as Buffer.byteLength does, lone surrogates included', () => {
    for (const text of ['', 'abc', 'é', '指挥', '😀', 'a\ud800b', '\udc00', 'x\ud83d', '😀\ud83d\ude00é']) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});
