/**
 * The demo city (resources/city/demo): 14 road crossings of the city boundary, 7 of them also on
 * the provincial border (which follows the city boundary in the south and east), and three left
 * unguarded on purpose — X305 (city boundary, north), X318 and Y027 (provincial border).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR, loadDemoCordon } from '../../../tests/unit/cordonSetup';
import type { CityPack } from '../../../shared/citypack/schema';
import { runCli } from '../../cli/main';
import { analyseCordon, type CordonInput } from './analyse';
import { CordonAnalysisSchema } from './types';

const DIR = DEMO_DIR;
let pack: CityPack;
let input: CordonInput;

beforeAll(async () => {
  const demo = await loadDemoCordon();
  pack = demo.pack;
  input = demo.input({ lng: 112.85, lat: 35.5 }, 600);
});

describe('cordon on the demo city', () => {
  it('finds the three unguarded crossings as gaps on rings 2 and 3', () => {
    const a = analyseCordon(input);
    expect(CordonAnalysisSchema.safeParse(a).success).toBe(true);
    const ring = (r: number) => a.crossings.filter((c) => c.ring === r);
    const gapRefs = (r: number) =>
      ring(r)
        .filter((c) => !c.covered)
        .map((c) => c.roadRef)
        .sort();
    expect(ring(2)).toHaveLength(14);
    expect(gapRefs(2)).toEqual(['X305', 'X318', 'Y027']);
    expect(ring(3)).toHaveLength(7);
    expect(gapRefs(3)).toEqual(['X318', 'Y027']);
    expect(a.counts.find((c) => c.ring === 2)).toMatchObject({ total: 14, covered: 11, gaps: 3 });
    // Ring 3 is only the stretch shared with the neighbour province near the city.
    expect(a.rings.find((r) => r.ring === 3)!.geometry.type).toBe('MultiLineString');
  });

  it('covered crossings match the checkpoint on the same road', () => {
    const a = analyseCordon(input);
    const cps = new Map(pack.checkpoints.map((c) => [c.id, c]));
    const covered = a.crossings.filter((c) => c.covered && c.ring >= 2);
    expect(covered).toHaveLength(11 + 5);
    for (const c of covered) {
      const cp = cps.get(c.checkpointId!)!;
      expect(cp.road).toBe(c.roadRef);
      expect(cp.level).not.toBe('district');
      expect(c.checkpointMetres!).toBeLessThanOrEqual(300);
    }
    // Every city and provincial checkpoint guards some crossing.
    const used = new Set(covered.map((c) => c.checkpointId));
    for (const cp of pack.checkpoints) if (cp.level !== 'district') expect(used.has(cp.id)).toBe(true);
    // 'matching' levels: a city checkpoint does not count on the provincial ring.
    const m = analyseCordon({ ...input, options: { rings: [3], checkpointLevels: 'matching' } });
    expect(
      m.crossings.filter((c) => c.covered).every((c) => cps.get(c.checkpointId!)!.level === 'provincial'),
    ).toBe(true);
  });

  it('ring 1 is the suspect’s reach; the race and the assignment are consistent', () => {
    const a = analyseCordon({ ...input, options: { ring1: { mode: 'isochrone', leadSeconds: 300 } } });
    const r1 = a.crossings.filter((c) => c.ring === 1);
    expect(r1.length).toBeGreaterThan(5);
    for (const c of r1) expect(c.suspectSeconds!).toBeGreaterThanOrEqual(-1); // hull holds the reach (lead: ≥ 300 s at most tips)
    for (const c of a.crossings) {
      if (c.status === 'interceptable') expect(c.policeSeconds!).toBeLessThan(c.suspectSeconds ?? Infinity);
      if (c.status === 'lost') expect(c.policeSeconds ?? Infinity).toBeGreaterThanOrEqual(c.suspectSeconds!);
    }
    expect(a.assignment.length).toBeGreaterThan(0);
    expect(new Set(a.assignment.map((x) => x.unitId)).size).toBe(a.assignment.length);
    const byId = new Map(a.crossings.map((c) => [c.id, c]));
    for (const x of a.assignment) {
      expect(byId.get(x.crossingId)!.status).toBe('interceptable');
      expect(x.marginSeconds!).toBeGreaterThan(0);
    }
    // A county as ring 1.
    const county = analyseCordon({
      ...input,
      options: { rings: [1], ring1: { mode: 'boundary', id: '149901' } },
    });
    expect(county.rings[0]!.source).toBe('boundary');
    expect(county.crossings.length).toBeGreaterThan(5);
  });

  it('runs from the CLI', async () => {
    const out: string[] = [];
    const code = await runCli(
      ['cordon', '--pack', DIR, '--at', '112.85,35.5', '--elapsed', '600', '--rings', '2', '--no-routes'],
      { stdout: (t) => void out.push(t), stderr: () => {} },
    );
    expect(code).toBe(0);
    const a = CordonAnalysisSchema.parse(JSON.parse(out.join('')));
    expect(a.counts[0]).toMatchObject({ ring: 2, gaps: 3 });
    expect(a.assignment.every((x) => x.route === undefined)).toBe(true);
  });
});
