import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import type { CityPack } from '../../shared/citypack/schema';
import { generateAll } from './generate';

const root = path.resolve(__dirname, '..', '..');
const demoDir = path.join(root, 'resources', 'city', 'demo');

type P = [number, number];
const key = (c: P): string => `${c[0]},${c[1]}`;

function segmentsCross(a: P, b: P, c: P, d: P): boolean {
  const o = (p: P, q: P, r: P): number =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

function outerRing(pack: CityPack, level: string, own: boolean): P[] {
  const f = pack.boundaries.features.find((b) => b.properties.level === level && b.properties.own === own)!;
  if (f.geometry.type !== 'Polygon') throw new Error('expected polygon');
  return f.geometry.coordinates[0] as P[];
}

/** Roads crossing a polyline/ring: [road id, crossing point]. */
function crossings(
  pack: CityPack,
  ring: P[],
  onlyEdges?: (a: P, b: P) => boolean,
): { road: string; at: P }[] {
  const out: { road: string; at: P }[] = [];
  for (const f of pack.roads.features) {
    const cs = f.geometry.coordinates as P[];
    for (let i = 1; i < cs.length; i++) {
      const [a, b] = [cs[i - 1]!, cs[i]!];
      for (let j = 1; j < ring.length; j++) {
        const [c, d] = [ring[j - 1]!, ring[j]!];
        if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.min(a[0], b[0]) > Math.max(c[0], d[0]))
          continue;
        if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.min(a[1], b[1]) > Math.max(c[1], d[1]))
          continue;
        if (onlyEdges && !onlyEdges(ring[j - 1]!, ring[j]!)) continue;
        if (segmentsCross(cs[i - 1]!, cs[i]!, ring[j - 1]!, ring[j]!))
          out.push({ road: f.properties.id, at: cs[i]! });
      }
    }
  }
  return out;
}

describe('demo city pack', () => {
  let pack: CityPack;
  beforeAll(async () => {
    pack = await loadCityPack(demoDir);
  });

  it('loads through the loader and is marked synthetic', () => {
    expect(pack.manifest.id).toBe('yunling-demo');
    expect(pack.manifest.synthetic).toBe(true);
    expect(pack.manifest.attribution).toMatch(/Synthetic/);
  });

  it('has the expected counts', () => {
    expect(pack.districts.features).toHaveLength(34);
    expect(new Set(pack.districts.features.map((d) => d.properties.id)).size).toBe(34);
    expect(pack.units).toHaveLength(39);
    expect(pack.cameras.length).toBeGreaterThanOrEqual(2000);
    expect(pack.roads.features.length).toBeLessThan(6000);
    const levels = pack.boundaries.features.map((b) => b.properties.level);
    expect(levels.filter((l) => l === 'county')).toHaveLength(6);
    expect(levels.filter((l) => l === 'province')).toHaveLength(2);
    const types = pack.units.map((u) => u.type);
    expect(types.filter((t) => t === 'car')).toHaveLength(22);
    expect(types.filter((t) => t === 'special')).toHaveLength(4);
  });

  it('gives every camera a unique, well-formed GB/T 28181 id', () => {
    const ids = pack.cameras.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of pack.cameras) {
      const m = /^1499(0[1-6])(\d{2})(00|04|05)(131|132)5(\d{6})$/.exec(c.id);
      expect(m, c.id).not.toBeNull();
      if (c.kind === 'anpr') expect(m![3]).toBe('05');
    }
    expect(pack.cameras.filter((c) => c.streams.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it('has a connected road network (shared vertices)', () => {
    const adj = new Map<string, string[]>();
    const link = (a: string, b: string): void => {
      if (!adj.has(a)) adj.set(a, []);
      adj.get(a)!.push(b);
    };
    for (const f of pack.roads.features) {
      const cs = f.geometry.coordinates as P[];
      for (let i = 1; i < cs.length; i++) {
        link(key(cs[i - 1]!), key(cs[i]!));
        link(key(cs[i]!), key(cs[i - 1]!));
      }
    }
    const start = adj.keys().next().value as string;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      for (const n of adj.get(stack.pop()!)!) {
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(n);
      }
    }
    expect(seen.size).toBe(adj.size);
  });

  it('places unit homes on road vertices', () => {
    const vertices = new Set(pack.roads.features.flatMap((f) => (f.geometry.coordinates as P[]).map(key)));
    for (const u of pack.units) expect(vertices.has(key([u.home.lng, u.home.lat])), u.id).toBe(true);
  });

  it('has roads crossing the city boundary and the provincial border, not all of them guarded', () => {
    const city = outerRing(pack, 'city', true);
    const own = outerRing(pack, 'province', true);
    const neighbour = new Set(outerRing(pack, 'province', false).map(key));
    const border = crossings(pack, own, (a, b) => neighbour.has(key(a)) && neighbour.has(key(b)));
    const cityCross = crossings(pack, city);
    expect(cityCross.length).toBeGreaterThanOrEqual(border.length);
    expect(border.length).toBeGreaterThan(0);
    expect(cityCross.length - border.length).toBeGreaterThan(0);
    const m = 111_000;
    const guarded = (at: P): boolean =>
      pack.checkpoints.some(
        (c) => c.level !== 'district' && Math.hypot((c.lng - at[0]) * m * 0.81, (c.lat - at[1]) * m) < 800,
      );
    const unguarded = cityCross.filter((c) => !guarded(c.at));
    expect(unguarded.length).toBeGreaterThanOrEqual(1);
    expect(unguarded.length).toBeLessThanOrEqual(4);
    for (const cp of pack.checkpoints) {
      expect(cp.cameraIds.length).toBeGreaterThan(0);
      for (const id of cp.cameraIds) expect(pack.cameras.find((c) => c.id === id)?.kind).toBe('anpr');
    }
  });

  it('matches the committed files and is deterministic', async () => {
    const a = generateAll();
    const b = generateAll();
    expect(a).toEqual(b);
    for (const [rel, text] of Object.entries(a))
      expect(await readFile(path.join(root, rel), 'utf8'), rel).toBe(text);
    const size = Object.entries(a)
      .filter(([rel]) => rel.startsWith('resources/city/'))
      .reduce((s, [, t]) => s + Buffer.byteLength(t), 0);
    expect(size).toBeLessThan(4 * 1024 * 1024);
  });
});
