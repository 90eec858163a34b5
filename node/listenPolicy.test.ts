import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackHost, listenSecurity, ListenRefused } from './listenPolicy';
import { tempDir } from '../tests/unit/fixtures';
import { selfSignedCert } from '../tests/unit/selfSignedCert';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function cert() {
  const tmp = tempDir('listen-');
  cleanup.push(tmp.cleanup);
  return { ...selfSignedCert(tmp.dir), dir: tmp.dir };
}

describe('listen policy', () => {
  it('knows loopback from everything else', () => {
    for (const host of [
      '127.0.0.1',
      '127.8.9.10',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ])
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '[::]', '192.168.1.20', '10.0.0.1', 'fe80::1', 'trainer.local', ''])
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
  });

  it('serves loopback over plain HTTP', () => {
    expect(listenSecurity({ host: '127.0.0.1' })).toBeNull();
  });

  it('refuses any other address without --allow-remote and TLS, saying what is missing', () => {
    const { certFile, keyFile } = cert();
    const refused = (options: Parameters<typeof listenSecurity>[0]) => () => listenSecurity(options);
    expect(refused({ host: '0.0.0.0' })).toThrow(ListenRefused);
    expect(refused({ host: '0.0.0.0' })).toThrow(
      /refusing to listen on 0\.0\.0\.0: it is not a loopback address.*\(missing: --allow-remote --tls-cert FILE --tls-key FILE\)/,
    );
    expect(refused({ host: '192.168.1.20', allowRemote: true })).toThrow(
      /missing: --tls-cert FILE --tls-key FILE\)/,
    );
    expect(refused({ host: '::', tlsCertFile: certFile, tlsKeyFile: keyFile })).toThrow(
      /missing: --allow-remote\)/,
    );
    expect(refused({ host: '0.0.0.0', allowRemote: true, tlsCertFile: certFile })).toThrow(
      /missing: --tls-key FILE\)/,
    );
  });

  it('serves HTTPS with a usable certificate and key, and says which file is wrong otherwise', () => {
    const { certFile, keyFile, dir } = cert();
    expect(
      listenSecurity({
        host: '0.0.0.0',
        allowRemote: true,
        tlsCertFile: certFile,
        tlsKeyFile: keyFile,
      })?.cert.toString(),
    ).toContain('BEGIN CERTIFICATE');
    expect(listenSecurity({ host: '127.0.0.1', tlsCertFile: certFile, tlsKeyFile: keyFile })).not.toBeNull();
    expect(() => listenSecurity({ host: '127.0.0.1', tlsCertFile: certFile })).toThrow(
      /--tls-cert and --tls-key go together/,
    );
    const missing = path.join(dir, 'nope.pem');
    expect(() =>
      listenSecurity({ host: '0.0.0.0', allowRemote: true, tlsCertFile: missing, tlsKeyFile: keyFile }),
    ).toThrow(`cannot read --tls-cert ${missing}`);
    const garbage = path.join(dir, 'garbage.pem');
    fs.writeFileSync(garbage, 'not a key');
    expect(() =>
      listenSecurity({ host: '0.0.0.0', allowRemote: true, tlsCertFile: certFile, tlsKeyFile: garbage }),
    ).toThrow(/are not usable together/);
  });
});
