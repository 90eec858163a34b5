import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlertReport } from '../../shared/domain/alert';
import type { FeedEnvelope } from '../../shared/protocol/feed';

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'dispatch-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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

export function envelope(seq: number, type: FeedEnvelope['type'], payload: unknown, sentAt = new Date().toISOString()): FeedEnvelope {
  return { seq, type, sentAt, payload };
}
