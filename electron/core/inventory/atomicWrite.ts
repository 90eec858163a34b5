import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** Writes through a temp file in the same directory and renames it: readers see the old file or the new one, never half. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(tmp, text, 'utf8');
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
