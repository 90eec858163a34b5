import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../gateway/server';
import { fixtureScenario, tempDir, waitFor, writeFixture } from './gatewayFixtures';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { openDatabase } from '../../electron/core/db/database';
import { ConsoleRepository } from '../../electron/core/db/consoleRepository';
import { GatewayFeed } from '../../electron/core/feed/gatewayFeed';
import type { FeedBatchResult } from '../../electron/core/db/consoleRepository';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('the feed flush', () => {
  it('writes the first messages after a quiet spell at once, not at the end of the flush window', async () => {
    const dir = tempDir('feed-flush-');
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1));
    const gateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 0.001, // the scenario's own alert never falls due
      tickMs: 10,
      stateDir: path.join(dir, 'state'),
      fsync: false,
    });
    cleanup.push(() => gateway.close());
    const repository = new ConsoleRepository(openDatabase(path.join(dir, 'console')));
    cleanup.push(() => repository.close());
    repository.seedFromPack(await loadCityPack(packDir));
    const commits: FeedBatchResult[] = [];
    let connected = false;
    const feed = new GatewayFeed({
      url: gateway.url,
      token: 'demo-token',
      consoleId: 'flush-test',
      repository,
      knownCameras: new Set(),
      // A window far longer than the test's waits: a flush that waited it out would time the test out.
      flushIntervalMs: 600_000,
      onCommitted: (result) => commits.push(result),
      onStatus: () => {},
    });
    feed.onConnectionChange((c) => (connected = c));
    feed.start();
    cleanup.push(() => feed.stop());
    await waitFor(() => connected, 15_000, 'the feed connected');

    // The units' positions sent on connect are the first messages after a quiet spell.
    await waitFor(() => commits.some((c) => c.positions.length > 0), 15_000, 'the first positions committed');
    expect(repository.lastSeq()).toBeGreaterThan(0);
  }, 60_000);
});
