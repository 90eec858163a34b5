import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serveStatic } from './staticFiles';
import { tempDir } from '../../tests/unit/fixtures';
import { INDEX_TITLE, SECRET, rawGet, writeRendererFixture } from '../../tests/unit/rawHttp';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function startStatic(): Promise<number> {
  const tmp = tempDir('static-');
  cleanup.push(tmp.cleanup);
  const server = http.createServer(serveStatic(writeRendererFixture(tmp.dir), {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(
    () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  );
  return (server.address() as AddressInfo).port;
}

describe('browser host static files', () => {
  it('answers malformed percent-encoding with 400 and keeps serving', async () => {
    const port = await startStatic();
    for (const target of ['/%', '/%E0%A4%A', '/assets/%zz', '/%C0%AF', '/%ED%A0%80']) {
      expect({ target, status: (await rawGet(port, target)).status }).toEqual({ target, status: 400 });
    }
    expect(await rawGet(port, '/assets/app.js')).toMatchObject({ status: 200, body: 'console.log(1)' });
  });

  it('serves files, decoded names and the index fallback; refuses traversal', async () => {
    const port = await startStatic();
    expect(await rawGet(port, '/assets/a%20b%25.js')).toMatchObject({ status: 200, body: 'spaced' });
    expect(await rawGet(port, '/wall')).toMatchObject({ status: 200 });
    expect((await rawGet(port, '/wall')).body).toContain(INDEX_TITLE);
    expect((await rawGet(port, '/missing.js')).status).toBe(404);
    for (const target of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '//etc/passwd',
      '/%00',
      'http://evil/x',
    ]) {
      const reply = await rawGet(port, target);
      expect(reply.body).not.toContain(SECRET);
      // Either refused, or a client-side view path that gets the index page.
      if (reply.status === 200) expect(reply.body).toContain(INDEX_TITLE);
      else expect([400, 403, 404]).toContain(reply.status);
    }
  });
});
