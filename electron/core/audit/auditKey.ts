/**
 * The audit log's HMAC key (审计密钥): kept outside the console database, so whoever can rewrite
 * the database file cannot recompute the chain. Electron keeps it encrypted with the OS keychain
 * (safeStorage, electron/main/auditKeyStore.ts); the browser host and the CLI keep it in a 0600
 * file beside the data folder, `<data-dir>.audit-key` — never inside it, so copying or handing
 * over the data folder does not hand over the key.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const AUDIT_KEY_BYTES = 32;

/** What the core asks for; each host decides where the key lives. */
export interface AuditKeyProvider {
  /** Where the key is kept, for messages and the audit log's `audit.keyed` entry (never the key). */
  readonly source: string;
  /** The key; creates it on first use when the provider may. */
  key(): Buffer;
  /**
   * Whether this provider created the key (the data folder's first keyed use). Only then may a
   * legacy plain-hash log be sealed: sealing later would bless a log rewritten in between.
   */
  created(): boolean;
}

/** `<data-dir>.audit-key`: a sibling of the data folder (the folder's own path plus a suffix). */
export function auditKeyPath(dataDir: string): string {
  return `${path.resolve(dataDir)}.audit-key`;
}

/** Hex key text → bytes; throws on anything else (a damaged key file must not pass as a key). */
export function decodeAuditKey(text: string, source: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${source} is not an audit key (64 hex digits expected)`);
  return Buffer.from(hex, 'hex');
}

export function newAuditKeyHex(): string {
  return randomBytes(AUDIT_KEY_BYTES).toString('hex');
}

/**
 * The key file beside `dataDir`. `create: false` (verification) never writes: a missing key is an
 * error, not a reason to make a new one that would fail every entry.
 */
export function fileAuditKeyProvider(dataDir: string, options: { create?: boolean } = {}): AuditKeyProvider {
  const file = auditKeyPath(dataDir);
  let cached: Buffer | null = null;
  let created = false;
  return {
    source: file,
    created: () => created,
    key() {
      if (cached) return cached;
      if (!existsSync(file)) {
        if (options.create === false)
          throw new Error(
            `no audit key at ${file}: the log cannot be verified without the key it was written with`,
          );
        mkdirSync(path.dirname(file), { recursive: true });
        // 'wx': a second process creating the key at the same moment fails instead of overwriting it.
        try {
          writeFileSync(file, newAuditKeyHex() + '\n', { mode: 0o600, flag: 'wx' });
          created = true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      // The mode is set again in case a umask or a copy widened it.
      chmodSync(file, 0o600);
      cached = decodeAuditKey(readFileSync(file, 'utf8'), file);
      return cached;
    },
  };
}

/** A fixed key (tests, or a key handed over by a host that loaded it itself). */
export function staticAuditKeyProvider(key: Buffer, source = 'static'): AuditKeyProvider {
  if (key.length < 16) throw new Error('audit key too short');
  return { source, key: () => key, created: () => false };
}
