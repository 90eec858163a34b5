import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../gateway/server';
import { LOG_FILE, type WireEnvelope } from '../../gateway/feed/feedLog';
import { fixtureScenario, tempDir, waitFor, writeFixture } from './gatewayFixtures';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { openDatabase } from '../../electron/core/db/database';
import { ConsoleRepository } from '../../electron/core/db/consoleRepository';
import { GatewayFeed } from '../../electron/core/feed/gatewayFeed';
import type { FeedStatus } from '../../shared/contract/api';
import { alertReport } from './fixtures';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const MB = 1_000_000;

/**
 * A state dir as an older gateway left it: 120 alerts of 1 MB each (the old intake took them),
 * then one valid alert. Appended directly, as the log format is one JSON line per append.
 */
function appendOversizedBacklog(
  stateDir: string,
  headSeq: number,
): { validId: string; oversizedSeqs: number[] } {
  const sentAt = new Date().toISOString();
  const lines: string[] = [];
  const oversizedSeqs = Array.from({ length: 120 }, (_, i) => headSeq + 1 + i);
  for (const seq of oversizedSeqs) {
    const entry: WireEnvelope = {
      seq,
      type: 'alert',
      sentAt,
      payload: { ...alertReport({ id: `big-${seq}` }), attachment: 'x'.repeat(MB) },
    };
    lines.push(JSON.stringify({ entries: [entry] }));
  }
  const valid: WireEnvelope = {
    seq: headSeq + 121,
    type: 'alert',
    sentAt,
    payload: alertReport({ id: 'valid-after-backlog' }),
  };
  lines.push(JSON.stringify({ entries: [valid] }));
  fs.appendFileSync(path.join(stateDir, LOG_FILE), `${lines.join('\n')}\n`);
  return { validId: 'valid-after-backlog', oversizedSeqs };
}

describe('resuming a console behind a backlog of oversized envelopes', () => {
  it('receives the valid alert behind 120 × 1 MB envelopes without a reconnect loop', async () => {
    const dir = tempDir('feed-backlog-');
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1));
    const stateDir = path.join(dir, 'state');
    const options = {
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 0.001,
      tickMs: 10,
      stateDir,
      fsync: false,
    };
    const first = await startGateway(options);
    await first.close();
    const { validId, oversizedSeqs } = appendOversizedBacklog(stateDir, first.headSeq());
    const gateway = await startGateway(options);
    cleanup.push(() => gateway.close());

    const repository = new ConsoleRepository(openDatabase(path.join(dir, 'console')));
    cleanup.push(() => repository.close());
    repository.seedFromPack(await loadCityPack(packDir));
    const connections: boolean[] = [];
    const statuses: FeedStatus[] = [];
    const feed = new GatewayFeed({
      url: gateway.url,
      token: 'demo-token',
      consoleId: 'backlog-test',
      repository,
      knownCameras: new Set(),
      onCommitted: () => {},
      onStatus: (s) => statuses.push(s),
    });
    feed.onConnectionChange((connected) => connections.push(connected));
    feed.start();
    cleanup.push(() => feed.stop());

    const stored = () => repository.alerts.list({ includeClosed: true }).some((a) => a.id === validId);
    await waitFor(stored, 15_000, 'the valid alert behind the backlog');
    expect(connections).toEqual([true]);
    expect(statuses.filter((s) => s.state === 'disconnected' || s.state === 'error')).toEqual([]);
    // Every oversized envelope is kept for inspection with its reason, none silently dropped.
    const quarantined = repository.meta.listQuarantine(1000).filter((q) => q.type === 'alert');
    expect(quarantined.map((q) => q.seq).sort((a, b) => a! - b!)).toEqual(oversizedSeqs);
    expect(quarantined[0]!.reason).toMatch(/bytes/);
  }, 60_000);
});
