/**
 * Writes the synthetic demo city pack (resources/city/demo/*) and the demo scenario
 * (resources/drills/demo-evening.json). Deterministic: run it twice, get the same bytes.
 *   npx tsx resources/generator/main.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './generate';
import { runLargeCityCli } from './largeCityCli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// With --cameras/--units/--out: the large city instead (largeCityCli.ts).
if (await runLargeCityCli(process.argv.slice(2))) process.exit(0);

const files = generateAll();
let total = 0;
for (const [rel, text] of Object.entries(files)) {
  const full = path.join(root, rel);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text, 'utf8');
  const bytes = Buffer.byteLength(text, 'utf8');
  total += bytes;
  console.log(`${rel.padEnd(44)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`total ${(total / 1024 / 1024).toFixed(2)} MiB`);
