/** Test helpers: a writable copy of the demo pack and small inventory writers. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const DEMO_PACK_DIR = path.join(ROOT, 'resources', 'city', 'demo');
export const DEMO_INVENTORY_DIR = path.join(ROOT, 'resources', 'city', 'demo-inventory');

export interface TempPack {
  dir: string;
  pack: string;
  cleanup(): void;
  read<T = unknown>(file: string): T;
}

export function tempDemoPack(): TempPack {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'inventory-'));
  const pack = path.join(dir, 'pack');
  cpSync(DEMO_PACK_DIR, pack, { recursive: true });
  return {
    dir,
    pack,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    read: <T>(file: string) => JSON.parse(readFileSync(path.join(pack, file), 'utf8')) as T,
  };
}

/** A camera id in the demo city (adcode 149900) that no demo camera has: county 01, unit 99, IP camera, serial n. */
export const demoCameraId = (n: number): string => `14990199001325${String(n).padStart(6, '0')}`;
