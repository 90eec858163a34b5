/** assignUnits against exhaustive search on small random instances, and the greedy trap. */
import { describe, expect, it } from 'vitest';
import { prng } from '../../../tests/unit/routingGraphs';
import { assignUnits as referenceAssign } from '../../../tests/unit/assignReference';
import { assignUnits, costLayout, MAX_PACKED_NODES, type AssignProblem } from './assign';

/** Lexicographic objective of an assignment: (-count, gaps not on ring 1, gaps on ring 3, total ETA). */
function score(pb: AssignProblem, pairs: [number, number][]): number[] {
  const s = [0, 0, 0, 0];
  for (const [u, g] of pairs) {
    const r = pb.ring[g]!;
    s[0]! -= 1;
    s[1]! += r >= 2 ? 1 : 0;
    s[2]! += r >= 3 ? 1 : 0;
    s[3]! += pb.eta[u]![g]!;
  }
  return s;
}
const cmp = (a: number[], b: number[]) => {
  for (let k = 0; k < a.length; k++) if (Math.abs(a[k]! - b[k]!) > 1e-6) return a[k]! - b[k]!;
  return 0;
};

function brute(pb: AssignProblem): number[] {
  const G = pb.deadline.length;
  let best = [0, 0, 0, 0];
  const used = new Array<boolean>(G).fill(false);
  const pairs: [number, number][] = [];
  const rec = (u: number) => {
    if (u === pb.eta.length) {
      const s = score(pb, pairs);
      if (cmp(s, best) < 0) best = s;
      return;
    }
    rec(u + 1); // unit u idle
    for (let g = 0; g < G; g++)
      if (!used[g] && pb.eta[u]![g]! < pb.deadline[g]!) {
        used[g] = true;
        pairs.push([u, g]);
        rec(u + 1);
        pairs.pop();
        used[g] = false;
      }
  };
  rec(0);
  return best;
}

describe('assignUnits', () => {
  it('beats greedy nearest-unit where it must', () => {
    // Gap 0 is most urgent; unit 0 is nearest to it but is the only one able to reach gap 1.
    const pb = {
      eta: [
        [50, 60],
        [80, Infinity],
      ],
      deadline: [90, 100],
      ring: [2, 2],
    };
    expect(assignUnits(pb).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('prefers inner rings at equal count, then the lower total ETA', () => {
    expect(assignUnits({ eta: [[10, 10]], deadline: [100, 100], ring: [3, 1] })).toEqual([[0, 1]]);
    expect(assignUnits({ eta: [[30, 10]], deadline: [100, 100], ring: [2, 2] })).toEqual([[0, 1]]);
    expect(assignUnits({ eta: [[10], [5]], deadline: [100], ring: [1] })).toEqual([[1, 0]]);
    expect(assignUnits({ eta: [[120]], deadline: [100], ring: [1] })).toEqual([]); // too late
  });

  it('matches exhaustive search on 300 random instances', () => {
    const rnd = prng(7);
    for (let n = 0; n < 300; n++) {
      const U = 1 + Math.floor(rnd() * 5);
      const G = 1 + Math.floor(rnd() * 5);
      const pb: AssignProblem = {
        eta: Array.from({ length: U }, () =>
          Array.from({ length: G }, () => (rnd() < 0.2 ? Infinity : Math.round(rnd() * 600))),
        ),
        deadline: Array.from({ length: G }, () => Math.round(rnd() * 700)),
        ring: Array.from({ length: G }, () => 1 + Math.floor(rnd() * 3)),
      };
      const pairs = assignUnits(pb);
      expect(new Set(pairs.map((p) => p[0])).size).toBe(pairs.length);
      expect(new Set(pairs.map((p) => p[1])).size).toBe(pairs.length);
      for (const [u, g] of pairs) expect(pb.eta[u]![g]!).toBeLessThan(pb.deadline[g]!);
      expect(cmp(score(pb, pairs), brute(pb))).toBe(0);
    }
  });

  it('gives the very pairs of the first implementation on large instances with ties', () => {
    // Units parked in threes at the same station (identical rows), ETAs in 10 s steps: many ties,
    // where another algorithm or another order of the same one could pick other optimal pairs.
    const rnd = prng(5);
    for (let n = 0; n < 12; n++) {
      const U = 1 + Math.floor(rnd() * 150);
      const G = 1 + Math.floor(rnd() * 250);
      const rows = Array.from({ length: Math.ceil(U / 3) }, () =>
        Array.from({ length: G }, () => (rnd() < 0.3 ? Math.round(rnd() * 60) * 10 : Infinity)),
      );
      const pb: AssignProblem = {
        eta: Array.from({ length: U }, (_, u) => rows[u % rows.length]!),
        deadline: Array.from({ length: G }, () => rnd() * 600),
        ring: Array.from({ length: G }, () => 1 + Math.floor(rnd() * 3)),
      };
      const pairs = assignUnits(pb);
      expect(pairs).toEqual(referenceAssign(pb));
      if (n === 0) expect(pairs.length).toBeGreaterThan(0);
      // The same gaps as columns of wider rows (cols), as analyse.ts passes the ETA matrix.
      const cols = Array.from({ length: G }, (_, g) => 2 * g + 1);
      const wide = pb.eta.map((row) =>
        Array.from({ length: 2 * G + 1 }, (_, k) => (k % 2 ? row[(k - 1) / 2]! : 0)),
      );
      expect(assignUnits({ ...pb, eta: wide, cols })).toEqual(pairs);
    }
  });

  it('solves each connected part of the unit–gap graph on its own, with the same pairs', () => {
    // Units and gaps in clusters (no edge between clusters), stacked units and 10 s steps for ties:
    // each part gets its own network, and the pairs must be those of one network for the fleet.
    const rnd = prng(11);
    for (let n = 0; n < 40; n++) {
      const U = 1 + Math.floor(rnd() * 60);
      const G = 1 + Math.floor(rnd() * 100);
      const parts = 2 + Math.floor(rnd() * 5);
      const unitPart = Array.from({ length: U }, () => Math.floor(rnd() * parts));
      const gapPart = Array.from({ length: G }, () => Math.floor(rnd() * parts));
      const eta = Array.from({ length: U }, (_, u) =>
        Array.from({ length: G }, (_, g) =>
          unitPart[u] === gapPart[g] && rnd() < 0.3 ? Math.round(rnd() * 60) * 10 : Infinity,
        ),
      );
      for (let u = 1; u < U; u++) if (unitPart[u] === unitPart[u - 1] && rnd() < 0.3) eta[u] = eta[u - 1]!;
      const pb: AssignProblem = {
        eta,
        deadline: Array.from({ length: G }, () => (rnd() < 0.5 ? 600 : rnd() * 600)),
        ring: Array.from({ length: G }, () => 1 + Math.floor(rnd() * 3)),
      };
      expect(assignUnits(pb)).toEqual(referenceAssign(pb));
    }
  });

  it('keeps the four cost components for networks too large for packed costs', () => {
    expect(costLayout(MAX_PACKED_NODES)).toBe(2);
    expect(costLayout(MAX_PACKED_NODES + 1)).toBe(4);
    // The four-component pass gives the very pairs of the first implementation (packing off).
    const rnd = prng(9);
    for (let n = 0; n < 8; n++) {
      const U = 1 + Math.floor(rnd() * 80);
      const G = 1 + Math.floor(rnd() * 120);
      const rows = Array.from({ length: Math.ceil(U / 3) }, () =>
        Array.from({ length: G }, () => (rnd() < 0.3 ? Math.round(rnd() * 60) * 10 : Infinity)),
      );
      const pb: AssignProblem = {
        eta: Array.from({ length: U }, (_, u) => rows[u % rows.length]!),
        deadline: Array.from({ length: G }, () => rnd() * 600),
        ring: Array.from({ length: G }, () => 1 + Math.floor(rnd() * 3)),
      };
      expect(assignUnits(pb, 0)).toEqual(referenceAssign(pb));
    }
    // A network just above the limit: three units that could close every gap, inner rings first.
    const G = MAX_PACKED_NODES;
    const pb: AssignProblem = {
      eta: [0, 1, 2].map((u) => Float64Array.from({ length: G }, (_, g) => 10 + ((g * 7 + u) % 50))),
      deadline: new Float64Array(G).fill(100),
      ring: Float64Array.from({ length: G }, (_, g) => (g === G - 1 ? 1 : g === 5 ? 2 : 3)),
    };
    const pairs = assignUnits(pb);
    expect(pairs).toEqual(referenceAssign(pb));
    expect(pairs.map(([, g]) => g)).toEqual(expect.arrayContaining([G - 1, 5]));
  });
});
