import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayEvents, type GatewayHello } from '../shared/protocol/feed';
import { startGateway } from './server';
import { startDrillRoom } from './scenario/drillRoom';
import { fixtureScenario, tempDir, writeFixture } from '../tests/unit/gatewayFixtures';
import { selfSignedCert } from '../tests/unit/selfSignedCert';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function fixture() {
  const dir = tempDir('remote-listen-');
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(2));
  return {
    dir,
    common: { scenario: scenarioFile, pack: packDir, port: 0, speed: 1, tickMs: 10, fsync: false },
  };
}

function httpsJson(
  url: string,
  ca: Buffer,
  method = 'GET',
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca, headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const REFUSED =
  /refusing to listen on 0\.0\.0\.0: it is not a loopback address.*--allow-remote --tls-cert FILE --tls-key FILE/;

describe('gateway: where it listens', () => {
  it('refuses a non-loopback --host without --allow-remote and TLS, for a gateway and a drill room', async () => {
    const { common } = fixture();
    await expect(startGateway({ ...common, host: '0.0.0.0' })).rejects.toThrow(REFUSED);
    await expect(startDrillRoom({ ...common, seats: 2, host: '0.0.0.0' })).rejects.toThrow(REFUSED);
  });

  it('with --allow-remote and a certificate, serves the feed and the admin endpoints over HTTPS', async () => {
    const { dir, common } = fixture();
    const { certFile, keyFile, cert } = selfSignedCert(dir);
    const gateway = await startGateway({
      ...common,
      host: '0.0.0.0',
      allowRemote: true,
      tlsCertFile: certFile,
      tlsKeyFile: keyFile,
    });
    cleanup.push(() => gateway.close());
    expect(gateway.url).toBe(`https://127.0.0.1:${gateway.port}`);
    const hello = await new Promise<GatewayHello>((resolve, reject) => {
      const socket = io(gateway.url, {
        auth: { token: 'demo-token', since: 0, consoleId: 'tls-test' },
        transports: ['websocket'],
        reconnection: false,
        ca: cert.toString(),
      });
      cleanup.push(() => socket.disconnect());
      socket.on(GatewayEvents.hello, resolve);
      socket.on('connect_error', reject);
    });
    expect(hello.gatewayId).toBe(gateway.gatewayId);
    expect(await httpsJson(`${gateway.url}/admin/state`, cert)).toMatchObject({
      status: 200,
      json: { gatewayId: gateway.gatewayId },
    });
    await expect(fetch(`http://127.0.0.1:${gateway.port}/healthz`)).rejects.toThrow();
  });

  it('a drill room over HTTPS still moves every seat’s clock at once', async () => {
    const { dir, common } = fixture();
    const { certFile, keyFile, cert } = selfSignedCert(dir);
    const room = await startDrillRoom({
      ...common,
      seats: 2,
      host: '0.0.0.0',
      allowRemote: true,
      tlsCertFile: certFile,
      tlsKeyFile: keyFile,
    });
    cleanup.push(() => room.close());
    const base = room.url.replace('0.0.0.0', '127.0.0.1');
    expect(base).toMatch(/^https:\/\//);
    const paused = await httpsJson(`${base}/room/clock`, cert, 'POST', { action: 'pause' });
    expect(paused.status).toBe(200);
    expect((paused.json.seats as { clock: { paused: boolean } }[]).map((s) => s.clock.paused)).toEqual([
      true,
      true,
    ]);
    expect((await httpsJson(`${base}/room/clock`, cert, 'POST', { action: 'fly' })).status).toBe(400);
    expect(
      (await httpsJson(`${base}/room/clock`, cert, 'POST', { action: 'seek', toSeconds: 0 })).status,
    ).toBe(409);
  });

  it('the CLI exits 1 with the message for --host 0.0.0.0', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('gateway', 'main.ts'), '--host', '0.0.0.0', '--port', '0'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(REFUSED);
  }, 60_000);
});
