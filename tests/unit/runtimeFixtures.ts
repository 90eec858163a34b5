/**
 * Console runtimes against an in-process gateway, for the tests that run the console's whole Node
 * side: a temp folder with the fixture pack and scenario, gateways on it and console runtimes on
 * their own data folders. Everything a test starts is closed (and the folder removed) after it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { startGateway } from '../../gateway/server';
import type { GatewayOptions } from '../../gateway/gatewayTypes';
import {
  startConsoleRuntime,
  type ConsoleRuntime,
  type ConsoleRuntimeOptions,
} from '../../electron/core/consoleRuntime';
import { fixtureScenario, tempDir, writeFixture } from './gatewayFixtures';

type Fixture = ReturnType<typeof writeFixture> & { root: string };

export function runtimeFixtures() {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  /** A temp folder with the fixture pack and a scenario of one alert an hour long. */
  function fixture(prefix: string): Fixture {
    const root = tempDir(prefix);
    cleanup.push(() => rmSync(root, { recursive: true, force: true }));
    return { root, ...writeFixture(root, fixtureScenario(1, 3600)) };
  }

  /** A gateway on the fixture at speed 1, ticking every 10 ms, without fsync. */
  async function gateway(f: Fixture, options: Partial<GatewayOptions> = {}) {
    const g = await startGateway({
      scenario: f.scenarioFile,
      pack: f.packDir,
      port: 0,
      speed: 1,
      tickMs: 10,
      fsync: false,
      ...options,
    });
    cleanup.push(() => g.close());
    return g;
  }

  /**
   * A console runtime on `dataDir` (created) with the demo operators. `close()` may be called by
   * the test itself; the cleanup then does not close it again.
   */
  async function runtime(
    options: Pick<ConsoleRuntimeOptions, 'dataDir' | 'packDir' | 'gatewayUrl'> &
      Partial<ConsoleRuntimeOptions>,
  ): Promise<ConsoleRuntime> {
    mkdirSync(options.dataDir, { recursive: true });
    const r = await startConsoleRuntime({
      gatewayToken: 'demo-token',
      host: 'browser',
      version: 'test',
      emit: () => {},
      demoOperators: true,
      ...options,
    });
    let closed = false;
    const close = r.close;
    r.close = async () => {
      if (closed) return;
      closed = true;
      await close();
    };
    cleanup.push(() => r.close());
    return r;
  }

  return { cleanup, fixture, gateway, runtime };
}
