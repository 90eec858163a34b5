import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The read-only real-data folder beside the repository (OSM extracts, boundaries, POIs; ODbL
 * and other licences, never copied into the repo). SHARED_DATA_DIR overrides the location.
 */
export const SHARED_DATA_DIR =
  process.env.SHARED_DATA_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');

export function sharedDataFile(...parts: string[]): string {
  const file = path.join(SHARED_DATA_DIR, ...parts);
  if (!existsSync(file))
    throw new Error(`Real test data missing: ${file} (set SHARED_DATA_DIR to the shared data folder)`);
  return file;
}
