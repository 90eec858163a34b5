import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

/**
 * Where a server of ours (browser host, gateway, drill room) may listen, shared so all of them
 * apply one rule. Loopback is served over plain HTTP. Any other address would put the API and
 * its token (in the host's URL, in the gateway's handshake) on the network, so it is refused
 * unless the operator asks for it explicitly (--allow-remote) and gives a certificate and key
 * (--tls-cert, --tls-key): then the server speaks HTTPS only.
 */
export interface ListenOptions {
  host: string;
  allowRemote?: boolean;
  tlsCertFile?: string | null;
  tlsKeyFile?: string | null;
}

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

export class ListenRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenRefused';
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}

function readPem(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ListenRefused(`cannot read ${flag} ${file}: ${(err as Error).message}`);
  }
}

/**
 * Checks the listen options before anything binds: null for plain HTTP (loopback only), the
 * certificate and key for HTTPS; throws ListenRefused with what to do otherwise.
 */
export function listenSecurity(options: ListenOptions): TlsMaterial | null {
  const { host, allowRemote = false, tlsCertFile = null, tlsKeyFile = null } = options;
  const remote = !isLoopbackHost(host);
  if (remote && !(allowRemote && tlsCertFile && tlsKeyFile)) {
    const missing = [
      allowRemote ? null : '--allow-remote',
      tlsCertFile ? null : '--tls-cert FILE',
      tlsKeyFile ? null : '--tls-key FILE',
    ]
      .filter(Boolean)
      .join(' ');
    throw new ListenRefused(
      `refusing to listen on ${host}: it is not a loopback address, and over plain HTTP the API and its token would cross the network readable by anyone on it. ` +
        `Use --host 127.0.0.1, or serve other machines over HTTPS with --allow-remote --tls-cert FILE --tls-key FILE (missing: ${missing}).`,
    );
  }
  if (!tlsCertFile !== !tlsKeyFile)
    throw new ListenRefused('--tls-cert and --tls-key go together: give both, or neither');
  if (!tlsCertFile || !tlsKeyFile) return null;
  const material = { cert: readPem('--tls-cert', tlsCertFile), key: readPem('--tls-key', tlsKeyFile) };
  try {
    tls.createSecureContext(material);
  } catch (err) {
    throw new ListenRefused(
      `the TLS certificate ${tlsCertFile} and key ${tlsKeyFile} are not usable together: ${(err as Error).message}`,
    );
  }
  return material;
}

export type WebServer = http.Server | https.Server;

/** An HTTP server, or an HTTPS one with this certificate. */
export function createWebServer(material: TlsMaterial | null, handler?: http.RequestListener): WebServer {
  if (!material) return handler ? http.createServer(handler) : http.createServer();
  return handler ? https.createServer(material, handler) : https.createServer(material);
}

export const schemeOf = (material: TlsMaterial | null): 'http' | 'https' => (material ? 'https' : 'http');
