// Builds everything the hosts run: the renderer (Vite) and the Node/Electron entry points
// (esbuild). `--if-stale` skips the work when no source is newer than the last build.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const sourceDirs = ['renderer', 'electron', 'shared', 'node', 'gateway'].map((d) => path.join(root, d));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function isStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const extra = ['package.json', 'vite.config.ts'].map((f) => statSync(path.join(root, f)).mtimeMs);
  return Math.max(...sourceDirs.filter(existsSync).map(newestMtime), ...extra) > built;
}

export async function buildAll({ quiet = false } = {}) {
  const started = Date.now();
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  const node = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    packages: 'external',
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild({
      ...node,
      entryPoints: [path.join(root, 'electron/host/main.ts')],
      outfile: path.join(dist, 'host/main.mjs'),
      format: 'esm',
    }),
    esbuild({
      ...node,
      entryPoints: [path.join(root, 'gateway/main.ts')],
      outfile: path.join(dist, 'gateway/main.mjs'),
      format: 'esm',
    }),
    esbuild({
      ...node,
      entryPoints: [path.join(root, 'gateway/streams/mediaServerMain.ts')],
      outfile: path.join(dist, 'gateway/media.mjs'),
      format: 'esm',
    }),
    // CommonJS for Electron's main process; `import.meta.url` in the Node code it bundles (the CLI
    // commands' default data folder) becomes this bundle's own file URL instead of empty.
    esbuild({
      ...node,
      entryPoints: [path.join(root, 'electron/main/index.ts')],
      outfile: path.join(dist, 'electron/main.cjs'),
      format: 'cjs',
      external: ['electron'],
      banner: {
        js: '"use strict";\nconst __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;',
      },
      define: { 'import.meta.url': '__bundleFileUrl' },
    }),
    // The cordon's worker thread (electron/core/cordon/cordonWorker.ts starts it from beside the host
    // bundles). Self-contained: a packaged app runs it unpacked from the asar (electron-builder.yml),
    // where no node_modules is beside it.
    esbuild({
      ...node,
      packages: undefined,
      entryPoints: [path.join(root, 'electron/core/cordon/cordonWorkerMain.ts')],
      outfile: path.join(dist, 'workers/cordonWorker.mjs'),
      format: 'esm',
    }),
    // The sandboxed preload cannot require npm packages: bundle everything but electron.
    esbuild({
      ...node,
      packages: undefined,
      entryPoints: [path.join(root, 'electron/preload/index.ts')],
      outfile: path.join(dist, 'electron/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
  mkdirSync(dist, { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  if (!quiet) console.log(`build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) console.log('build is up to date');
  else await buildAll();
}
