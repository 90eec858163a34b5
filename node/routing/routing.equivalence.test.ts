/**
 * Property test: the fast engine returns the same travel times as the reference engine on random
 * queries (Monaco whole, Heidelberg city centre), both for full search trees and for rankings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { osmGraph, prng } from '../../tests/unit/routingGraphs';
import type { RoadGraph } from './graph';
import { Router } from './router';
import { rankUnits, type RankUnit } from './rank';
import { coverage } from './coverage';
import { PROFILE_IDS } from './profiles';
import { distanceMeters as distanceM } from '../../shared/domain/geo';

interface Case {
  name: 'monaco' | 'heidelberg';
  box?: [number, number, number, number];
}
const CASES: Case[] = [{ name: 'monaco' }, { name: 'heidelberg', box: [8.64, 49.38, 8.73, 49.43] }];

for (const c of CASES) {
  describe(`fast engine == reference engine (${c.name})`, () => {
    let g: RoadGraph;
    let fast: Router;
    let ref: Router;
    let nodes: number[];
    beforeAll(() => {
      g = osmGraph(c.name);
      fast = new Router(g, { engine: 'fast' });
      ref = fast.withEngine('reference');
      nodes = [];
      for (let v = 0; v < g.nodeCount; v++) {
        const [x0, y0, x1, y1] = c.box ?? g.meta.bbox;
        if (g.nodeLng[v]! >= x0 && g.nodeLng[v]! <= x1 && g.nodeLat[v]! >= y0 && g.nodeLat[v]! <= y1)
          nodes.push(v);
      }
    });

    it('same distances over whole search trees from random sources', () => {
      const rnd = prng(7);
      for (let i = 0; i < 12; i++) {
        const src = nodes[Math.floor(rnd() * nodes.length)]!;
        const profile = PROFILE_IDS[i % PROFILE_IDS.length]!;
        const q = {
          weights: fast.weights[profile],
          reverse: i % 2 === 0,
          seedNodes: [src],
          seedCosts: [0],
          maxCost: 1200,
        };
        const a = fast.engine.run(q);
        const da = Array.from({ length: g.nodeCount }, (_, v) => a.dist(v));
        const b = ref.engine.run(q);
        for (let v = 0; v < g.nodeCount; v++) {
          const x = da[v]!;
          const y = b.dist(v);
          if (x === Infinity || y === Infinity) expect(x).toBe(y);
          else expect(Math.abs(x - y)).toBeLessThan(1e-6);
        }
      }
    });

    it('same ETAs for ≥ 200 random unit→alert pairs with mixed profiles', () => {
      const rnd = prng(c.name.length * 101);
      const jitter = () => (rnd() - 0.5) * 0.0006;
      const point = () => {
        const v = nodes[Math.floor(rnd() * nodes.length)]!;
        return { lng: g.nodeLng[v]! + jitter(), lat: g.nodeLat[v]! + jitter() };
      };
      let pairs = 0;
      for (let i = 0; i < 25; i++) {
        const alert = point();
        const units: RankUnit[] = Array.from({ length: 10 }, (_, k) => ({
          id: `u${k}`,
          type: PROFILE_IDS[k % 4]!,
          ...point(),
        }));
        const a = rankUnits(fast, alert, units, { maxSeconds: 3600, routes: 0 }).results;
        const b = rankUnits(ref, alert, units, { maxSeconds: 3600, routes: 0 }).results;
        const byId = new Map(b.map((r) => [r.unitId, r]));
        for (const r of a) {
          const o = byId.get(r.unitId)!;
          expect(r.status).toBe(o.status);
          if (r.seconds === null) expect(o.seconds).toBeNull();
          else expect(Math.abs(r.seconds - o.seconds!)).toBeLessThan(1e-6);
          pairs++;
        }
      }
      expect(pairs).toBeGreaterThanOrEqual(200);
    });

    it('metres summed in the search tree match the length of the drawn route, on both engines', () => {
      const rnd = prng(c.name.length * 7);
      const point = () => {
        const v = nodes[Math.floor(rnd() * nodes.length)]!;
        return { lng: g.nodeLng[v]! + (rnd() - 0.5) * 0.0006, lat: g.nodeLat[v]! + (rnd() - 0.5) * 0.0004 };
      };
      let checked = 0;
      for (let i = 0; i < 10; i++) {
        const alert = point();
        const units: RankUnit[] = Array.from({ length: 8 }, (_, k) => ({
          id: `u${k}`,
          type: PROFILE_IDS[k % 4]!,
          ...point(),
        }));
        for (const router of [fast, ref])
          for (const r of rankUnits(router, alert, units, { maxSeconds: 3600, routes: 8 }).results) {
            if (!r.route) continue;
            let len = 0;
            for (let k = 1; k < r.route.length; k++)
              len += distanceM(r.route[k - 1]![0], r.route[k - 1]![1], r.route[k]![0], r.route[k]![1]);
            expect(Math.abs(len - r.metres!)).toBeLessThan(0.5 + 1e-4 * len);
            checked++;
          }
      }
      expect(checked).toBeGreaterThan(100);
    });

    it('same coverage shares', () => {
      const rnd = prng(3);
      const units: RankUnit[] = Array.from({ length: 20 }, (_, k) => {
        const v = nodes[Math.floor(rnd() * nodes.length)]!;
        return { id: `u${k}`, type: PROFILE_IDS[k % 4]!, lng: g.nodeLng[v]!, lat: g.nodeLat[v]! };
      });
      const a = coverage(fast, units);
      const b = coverage(ref, units);
      a.tiers.forEach((t, k) => expect(t.coveredMetres).toBeCloseTo(b.tiers[k]!.coveredMetres, 3));
    });
  });
}
