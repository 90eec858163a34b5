// Runs shell commands side by side, as many at a time as the machine has cores: typecheck and
// lint are single-threaded tools (tsc, eslint, prettier), so on two cores two at a time halve
// their wall time. Each command's output is printed whole when it ends, under its name; the exit
// code is the first failure's (or 0), after every command has finished.
//   node scripts/parallel.mjs "tsc -p shared --noEmit" "tsc -p node --noEmit"
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node scripts/parallel.mjs "command" ["command" ...]');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The project's own tools first on PATH, as `npm run` gives them.
const env = {
  ...process.env,
  PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
};
const slots = Math.max(1, Number(process.env.PARALLEL_JOBS) || os.availableParallelism());

function run(command) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('close', (code, signal) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'ok' : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`\n── ${command}: ${status} in ${seconds} s\n${out}`);
      resolve(code === 0 ? 0 : (code ?? 1));
    });
  });
}

const queue = [...commands];
const codes = [];
await Promise.all(
  Array.from({ length: Math.min(slots, queue.length) }, async () => {
    while (queue.length > 0) codes.push(await run(queue.shift()));
  }),
);
process.exit(codes.find((c) => c !== 0) ?? 0);
