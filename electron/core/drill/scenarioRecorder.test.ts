/**
 * The recorder round trip on real files: a console database fed like a live session (alerts, a
 * unit going off duty, a camera going offline, a dispatch) → `cli drill record` → the scenario
 * validates and loads in the real loader and a drill gateway starts on it; the database is untouched.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { loadCityPack } from '../../../node/citypack/loadCityPack';
import { openDatabase, DATABASE_FILE } from '../db/database';
import { ConsoleRepository } from '../db/consoleRepository';
import { decodeFeedMessages } from '../feed/feedDecoder';
import { loadScenario } from '../../../node/loadScenario';
import { startGateway } from '../../../gateway/server';
import {
  FIXTURE_CAMERAS,
  FIXTURE_UNITS,
  tempDir,
  writeFixturePack,
} from '../../../tests/unit/gatewayFixtures';
import { alertReport, envelope } from '../../../tests/unit/fixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
const T0 = Date.parse('2026-11-20T11:00:00.000Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

async function session() {
  const root = tempDir('drill-record-');
  cleanup.push(() => rmSync(root, { recursive: true, force: true }));
  const packDir = writeFixturePack(path.join(root, 'pack'));
  const pack = await loadCityPack(packDir);
  const dataDir = path.join(root, 'console');
  const repo = new ConsoleRepository(openDatabase(dataDir));
  repo.seedFromPack(pack);
  const feed = (seq: number, type: 'alert' | 'unit.status' | 'camera.status', payload: unknown, at: number) =>
    repo.applyFeedBatch(
      decodeFeedMessages([envelope(seq, type, payload)], {
        lastSeq: repo.lastSeq(),
        knownUnits: repo.knownUnitIds(),
        knownCameras: new Set(FIXTURE_CAMERAS),
        receivedAt: iso(at),
      }),
    );
  feed(1, 'alert', alertReport({ id: 'before-window' }), -60);
  feed(
    2,
    'alert',
    alertReport({ id: '110-REC-1', location: { lng: 112.851, lat: 35.491, crs: 'GCJ02' } }),
    10,
  );
  feed(3, 'unit.status', { unitId: FIXTURE_UNITS[2], status: 'off_duty', at: iso(20) }, 20);
  feed(
    4,
    'alert',
    alertReport({
      id: '12345-REC-2',
      source: '12345',
      category: 'complaint',
      priority: 4,
      caller: { phone: '13900000000' },
    }),
    45,
  );
  feed(5, 'camera.status', { cameraId: FIXTURE_CAMERAS[1], online: false, at: iso(50) }, 50);
  feed(6, 'alert', alertReport({ id: 'after-window' }), 400);
  // The duty officer's dispatch, as the dispatch service stores it.
  repo.db
    .prepare('INSERT INTO dispatches (alert_id, unit_id, dispatched_at) VALUES (?, ?, ?)')
    .run('110-REC-1', FIXTURE_UNITS[0], iso(40));
  repo.close();
  return { root, packDir, dataDir };
}

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
};
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('drill record', () => {
  it('records a window of a session as a valid scenario that loads and replays', async () => {
    const { root, packDir, dataDir } = await session();
    const out = path.join(root, 'recorded.json');
    const before = hash(path.join(dataDir, DATABASE_FILE));
    const cli = io();
    const code = await runCli(
      [
        'drill',
        'record',
        '--data-dir',
        dataDir,
        '--from',
        iso(0),
        '--to',
        iso(300),
        '--out',
        out,
        '--pack',
        packDir,
        '--id',
        'recorded-test',
      ],
      cli.io,
    );
    expect(cli.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(cli.out.join(''))).toMatchObject({
      id: 'recorded-test',
      alerts: 2,
      events: 4,
      expectedDispatches: 1,
      durationSec: 300,
    });
    expect(hash(path.join(dataDir, DATABASE_FILE))).toBe(before);

    const scenario = await loadScenario(out, await loadCityPack(packDir));
    expect(scenario).toMatchObject({
      version: 2,
      id: 'recorded-test',
      cityPack: 'test-grid',
      durationSec: 300,
    });
    expect(scenario.events.map((e) => [e.t, e.type])).toEqual([
      [10, 'alert'],
      [20, 'unit.status'],
      [45, 'alert'],
      [50, 'camera.status'],
    ]);
    // The caller's original coordinates and system are kept, as the feed sent them.
    expect(scenario.events[0]!.payload).toMatchObject({
      id: '110-REC-1',
      location: { lng: 112.851, lat: 35.491, crs: 'GCJ02' },
    });
    expect(scenario.expected?.dispatches).toEqual([
      { alertId: '110-REC-1', unitIds: [FIXTURE_UNITS[0]], dueT: 40, note: expect.any(String) },
    ]);

    const gateway = await startGateway({
      scenario: out,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 10,
      stateDir: path.join(root, 'gw'),
      fsync: false,
    });
    cleanup.push(() => gateway.close());
    expect(gateway.scenarioTime()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a backwards window and a missing database with a clear message', async () => {
    const { root, dataDir } = await session();
    const bad = io();
    expect(
      await runCli(
        [
          'drill',
          'record',
          '--data-dir',
          dataDir,
          '--from',
          iso(300),
          '--to',
          iso(0),
          '--out',
          path.join(root, 'x.json'),
        ],
        bad.io,
      ),
    ).toBe(1);
    expect(bad.err.join('')).toMatch(/--to .* must be after --from/);
    const missing = io();
    expect(
      await runCli(
        [
          'drill',
          'record',
          '--data-dir',
          path.join(root, 'nope'),
          '--from',
          iso(0),
          '--to',
          iso(1),
          '--out',
          path.join(root, 'y.json'),
        ],
        missing.io,
      ),
    ).toBe(2);
    expect(missing.err.join('')).toMatch(/no console database/);
  });
});
