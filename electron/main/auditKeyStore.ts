/**
 * The audit log's HMAC key in Electron: kept beside the data folder as `<data-dir>.audit-key.enc`,
 * encrypted with safeStorage (the OS keychain: Keychain, DPAPI, libsecret/kwallet), so copying
 * the files off the machine does not carry a usable key. Where safeStorage cannot encrypt (Linux
 * without a keyring), the browser host's 0600 key file is used instead, with a warning.
 */
import { safeStorage } from 'electron';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  auditKeyPath,
  decodeAuditKey,
  fileAuditKeyProvider,
  newAuditKeyHex,
  type AuditKeyProvider,
} from '../core/audit/auditKey';

export function safeStorageAuditKeyProvider(dataDir: string): AuditKeyProvider {
  if (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    console.warn(
      'audit key: the OS keychain is not available to safeStorage; using the 0600 key file beside the data folder',
    );
    return fileAuditKeyProvider(dataDir);
  }
  const file = `${auditKeyPath(dataDir)}.enc`;
  let cached: Buffer | null = null;
  let created = false;
  return {
    source: `${file} (safeStorage)`,
    created: () => created,
    key() {
      if (cached) return cached;
      if (!existsSync(file)) {
        mkdirSync(path.dirname(file), { recursive: true });
        try {
          writeFileSync(file, safeStorage.encryptString(newAuditKeyHex()), { mode: 0o600, flag: 'wx' });
          created = true;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
      }
      chmodSync(file, 0o600);
      cached = decodeAuditKey(safeStorage.decryptString(readFileSync(file)), file);
      return cached;
    },
  };
}
