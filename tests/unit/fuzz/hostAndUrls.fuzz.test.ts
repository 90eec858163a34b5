import path from 'node:path';
import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, type RequestHandlers } from '../../../shared/contract/api';
import { requestChannel } from '../../../shared/contract/channels';
import { resolveStaticPath } from '../../../electron/core/staticPath';
import { startHostServer, type HostServer } from '../../../electron/host/hostServer';
import { tempDir } from '../fixtures';
import { INDEX_TITLE, SECRET, rawGet, writeRendererFixture } from '../rawHttp';
import { FUZZ_RUNS, FUZZ_RUNS_NETWORK, utf16String } from './arbitraries';

const ROOT = path.resolve('/srv/renderer');

/** Paths as a client could send them: real-looking ones, percent soup, traversal pieces. */
const percent = fc
  .tuple(
    fc.constantFrom('%', '%E0', '%A4', '%2e', '%2E', '%2f', '%5c', '%00', '%zz', '%ED%A0%80', '%C0%AF'),
    fc.string({ maxLength: 3 }),
  )
  .map(([a, b]) => a + b);
const segment = fc.oneof(
  fc.constantFrom('..', '.', '', 'assets', 'app.js', 'index.html', 'secret.txt', '\\..'),
  percent,
  fc.string({ maxLength: 6 }),
  utf16String(6),
);
const urlPath = fc.oneof(
  fc.webPath(),
  fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
  utf16String(20).map((s) => `/${s}`),
);

describe('fuzz: URL → file resolution (browser host and app://)', () => {
  it('never throws, and what it resolves stays inside the renderer folder', () => {
    fc.assert(
      fc.property(urlPath, fc.boolean(), (pathname, extensionlessToIndex) => {
        const result = resolveStaticPath(ROOT, pathname, { extensionlessToIndex });
        if (result.ok) expect(result.file.startsWith(ROOT + path.sep)).toBe(true);
        else expect([400, 403]).toContain(result.status);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('fuzz: the browser host over the wire', () => {
  let host: HostServer;
  let socket: Socket;
  let cleanup: () => void;
  beforeAll(async () => {
    const tmp = tempDir('fuzz-host-');
    cleanup = tmp.cleanup;
    host = await startHostServer({
      rendererDir: writeRendererFixture(tmp.dir),
      host: '127.0.0.1',
      port: 0,
      apiToken: 'fuzz-token',
    });
    host.attach(
      Object.fromEntries(requestNames.map((name) => [name, async () => null])) as unknown as RequestHandlers,
    );
    socket = io(host.url, { path: '/api', auth: { token: 'fuzz-token' }, transports: ['websocket'] });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  });
  afterAll(async () => {
    socket.disconnect();
    await host.close();
    cleanup();
  });

  it('answers any request target with a status, never the secret, and keeps serving', async () => {
    // Raw request targets: no spaces or line breaks (those end the request line itself).
    const sendable = (c: string) => c.charCodeAt(0) > 0x20 && c.charCodeAt(0) < 0x7f;
    const target = urlPath.map((p) =>
      [...p]
        .map((c) => (sendable(c) ? c : `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`))
        .join(''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          target,
          target.map((t) => `/api${t}`),
        ),
        async (t) => {
          const reply = await rawGet(host.port, t);
          expect(reply.body).not.toContain(SECRET);
          expect([200, 400, 403, 404]).toContain(reply.status);
          if (reply.status === 200 && !t.startsWith('/api')) expect(reply.body.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: FUZZ_RUNS_NETWORK },
    );
    expect((await rawGet(host.port, '/')).body).toContain(INDEX_TITLE);
  });

  it('answers junk API calls with a reply, valid or not, and the binding stays up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...requestNames.map(requestChannel)), fc.string({ maxLength: 20 })),
        fc.jsonValue({ maxDepth: 3 }),
        async (channel, args) => {
          // socket.io carries JSON: what it cannot encode never reaches the host.
          const reply = (await socket.timeout(3000).emitWithAck(channel, args)) as {
            ok: boolean;
            error?: string;
          };
          expect(typeof reply.ok).toBe('boolean');
          if (!reply.ok) expect(reply.error!.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: FUZZ_RUNS_NETWORK },
    );
    const ok = (await socket.timeout(3000).emitWithAck(requestChannel('session.snapshot'), [])) as {
      ok: boolean;
    };
    expect(ok.ok).toBe(true);
  });
});
