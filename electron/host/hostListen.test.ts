import https from 'node:https';
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostServer, type HostServerOptions } from './hostServer';
import { tempDir } from '../../tests/unit/fixtures';
import { INDEX_TITLE, writeRendererFixture } from '../../tests/unit/rawHttp';
import { selfSignedCert } from '../../tests/unit/selfSignedCert';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function fixture() {
  const tmp = tempDir('host-listen-');
  cleanup.push(tmp.cleanup);
  return { dir: tmp.dir, rendererDir: writeRendererFixture(tmp.dir) };
}

async function start(options: Partial<HostServerOptions> & { rendererDir: string }) {
  const server = await startHostServer({ host: '127.0.0.1', port: 0, apiToken: 'secret-token', ...options });
  cleanup.push(() => server.close());
  return server;
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('browser host: where it listens', () => {
  it('refuses a non-loopback --host with a clear message, before binding', async () => {
    const { rendererDir } = fixture();
    await expect(startHostServer({ rendererDir, host: '0.0.0.0', port: 0, apiToken: 't' })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0: it is not a loopback address.*--allow-remote --tls-cert FILE --tls-key FILE/,
    );
    await expect(
      startHostServer({ rendererDir, host: '0.0.0.0', port: 0, apiToken: 't', allowRemote: true }),
    ).rejects.toThrow(/missing: --tls-cert FILE --tls-key FILE/);
  });

  it('serves loopback over plain HTTP as before', async () => {
    const { rendererDir } = fixture();
    const server = await start({ rendererDir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/`)).text()).toContain(INDEX_TITLE);
    // Next to socket.io's /api/ but not under it: answered, not left hanging.
    expect((await fetch(`${server.url}/apix.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/api`)).status).toBe(200);
  });

  it('with --allow-remote and a certificate, serves the page and the API over HTTPS only', async () => {
    const { dir, rendererDir } = fixture();
    const { certFile, keyFile, cert } = selfSignedCert(dir);
    const server = await start({
      rendererDir,
      host: '0.0.0.0',
      allowRemote: true,
      tlsCertFile: certFile,
      tlsKeyFile: keyFile,
    });
    expect(server.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/);
    const local = `https://127.0.0.1:${server.port}`;
    expect(await httpsGet(`${local}/`, cert)).toMatchObject({
      status: 200,
      body: expect.stringContaining(INDEX_TITLE),
    });
    // Nothing in clear text on that port.
    await expect(fetch(`http://127.0.0.1:${server.port}/`)).rejects.toThrow();
    // The API over wss, token checked as before.
    const connected = await new Promise<string>((resolve) => {
      const socket = io(local, {
        path: '/api',
        auth: { token: 'secret-token' },
        transports: ['websocket'],
        reconnection: false,
        ca: cert.toString(),
      });
      cleanup.push(() => socket.disconnect());
      socket.on('connect', () => resolve('connected'));
      socket.on('connect_error', (err) => resolve(err.message));
    });
    expect(connected).toBe('connected');
  });
});
