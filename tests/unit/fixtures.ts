import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlertReport } from '../../shared/domain/alert';
import type { FeedEnvelope } from '../../shared/protocol/feed';
import { staticAuditKeyProvider } from '../../electron/core/audit/auditKey';

/** A fresh temporary directory, removed by the returned cleanup (with the audit key file a console may create beside it). */
export function tempDir(prefix = 'dispatch-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.audit-key`, { force: true });
    },
  };
}

export function alertReport(overrides: Partial<AlertReport> = {}): AlertReport {
  return {
    id: '110-20261120-0001',
    source: '110',
    category: 'robbery',
    priority: 1,
    reportedAt: '2026-11-20T19:00:05+08:00',
    location: { lng: 112.851, lat: 35.49, crs: 'WGS84' },
    address: '建设路与泽州路交叉口',
    caller: { name: '张先生', phone: '13812345678' },
    description: '两名男子持刀抢劫金店后驾车向南逃离',
    ...overrides,
  };
}

export function envelope(
  seq: number,
  type: FeedEnvelope['type'],
  payload: unknown,
  sentAt = new Date().toISOString(),
): FeedEnvelope {
  return { seq, type, sentAt, payload };
}

/** A fixed audit HMAC key for tests (real seats use electron/core/audit/auditKey.ts). */
export const TEST_AUDIT_KEY = staticAuditKeyProvider(Buffer.alloc(32, 7), 'test');
