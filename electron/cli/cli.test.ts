import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedDataFile } from '../../tests/unit/sharedData';
import { runCli } from './main';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) },
  };
}

describe('cli', () => {
  it('pack build + eta on the Monaco extract', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'routing-cli-'));
    const b = io();
    expect(
      await runCli(
        ['pack', 'build', '--osm', sharedDataFile('osm', 'monaco.osm.pbf'), '--out', path.join(dir, 'pack')],
        b.io,
      ),
    ).toBe(0);
    expect(existsSync(path.join(dir, 'pack', 'routing.json'))).toBe(true);
    expect(b.err.join('')).toMatch(/nodes/);
    writeFileSync(path.join(dir, 'from.csv'), 'lng,lat\n7.4283,43.7393\n9.5,45\n');
    writeFileSync(path.join(dir, 'to.csv'), '7.4202,43.7313\n');
    const e = io();
    const code = await runCli(
      [
        'eta',
        '--pack',
        path.join(dir, 'pack'),
        '--from',
        path.join(dir, 'from.csv'),
        '--to',
        path.join(dir, 'to.csv'),
      ],
      e.io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(e.out.join('')) as {
      seconds: (number | null)[][];
      metres: (number | null)[][];
      loadMs: number;
    };
    expect(json.seconds[0]![0]!).toBeGreaterThan(60);
    expect(json.seconds[1]![0]).toBeNull();
    expect(json.metres[0]![0]!).toBeGreaterThan(1000);
  });

  it('reports unknown commands and missing options as usage errors', async () => {
    expect(await runCli(['nope'], io().io)).toBe(2);
    const e = io();
    expect(await runCli(['eta', '--pack', '/nonexistent'], e.io)).toBe(2);
    expect(e.err.join('')).toMatch(/missing --from/);
  });
});
