import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestTargetPath, resolveStaticPath } from './staticPath';

const root = path.resolve('/srv/renderer');

describe('resolveStaticPath (both hosts: browser static server and app://)', () => {
  it('refuses malformed percent-encoding with 400 instead of throwing', () => {
    for (const p of ['/%', '/%E0%A4%A', '/assets/%zz', '/%ED%A0%80'])
      expect(resolveStaticPath(root, p)).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses traversal, also when encoded', () => {
    for (const p of ['/../x', '/%2e%2e/x', '/a/..%2f..%2fx', '/%2E%2E%2F'])
      expect(resolveStaticPath(root, p)).toMatchObject({ ok: false, status: 403 });
  });

  it('maps directories to index.html, and for app:// every extensionless view', () => {
    expect(resolveStaticPath(root, '/')).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
      decoded: '/',
    });
    expect(resolveStaticPath(root, '/wall')).toMatchObject({ ok: true, file: path.join(root, 'wall') });
    expect(resolveStaticPath(root, '/wall', { extensionlessToIndex: true })).toMatchObject({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveStaticPath(root, '/assets/a%20b.js', { extensionlessToIndex: true })).toMatchObject({
      ok: true,
      file: path.join(root, 'assets', 'a b.js'),
    });
  });

  it('takes the path of an origin-form request target only', () => {
    expect(requestTargetPath('/a/b?x=1#f')).toBe('/a/b');
    expect(requestTargetPath(undefined)).toBe('/');
    expect(requestTargetPath('http://evil/x')).toBeNull();
    expect(requestTargetPath('*')).toBeNull();
  });
});
