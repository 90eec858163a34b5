import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the repository (or unpacked app) root from a starting directory: the nearest folder
 * holding `resources/city`. Bundled entry points live in dist/<x>/, sources in electron/<x>/.
 */
export function findAppRoot(startDir: string): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (existsSync(path.join(dir, 'resources', 'city'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the app root (a folder with resources/city) above ${startDir}`);
    dir = parent;
  }
}

/**
 * The console database folder when no `--data-dir` is given: `.data/console` under the app
 * root, as the browser host and `npm start` use, so `npm run cli -- audit verify` checks the
 * log the console writes. (Electron started by hand without --data-dir uses its userData folder.)
 */
export function defaultDataDir(appRoot: string): string {
  return path.join(appRoot, '.data', 'console');
}
