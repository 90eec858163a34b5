import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Sends a GET with the request target byte for byte (fetch and http.request would normalise
 * or refuse a malformed one) and reads the whole reply.
 */
export function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match)
        return reject(
          new Error(`no HTTP response to ${JSON.stringify(target)}: ${JSON.stringify(text.slice(0, 200))}`),
        );
      resolve({ status: Number(match[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

export const INDEX_TITLE = '<title>index</title>';
export const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';

/** A renderer folder in `dir`, next to a secret file the server must never hand out. */
export function writeRendererFixture(dir: string): string {
  const root = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), `<!doctype html>${INDEX_TITLE}`);
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'a b%.js'), 'spaced');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  return root;
}
