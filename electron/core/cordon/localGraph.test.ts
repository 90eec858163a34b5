/**
 * The renumbered graph of the police searches (localGraph.ts) is the same graph under another node
 * numbering, and a search on it settles the same nodes with the same distances and the same
 * predecessors, ties included: on a grid where many equal-cost paths tie, on the demo city and on
 * Monaco OSM roads. Predecessors show the heap's tie order (the first tight node settled wins).
 */
import { describe, expect, it } from 'vitest';
import { Router } from '../../../node/routing/router';
import { loadPackGraph, type RoadGraph } from '../../../node/routing';
import { DEMO_DIR } from '../../../tests/unit/cordonSetup';
import { osmGraph, prng, tieGrid } from '../../../tests/unit/routingGraphs';
import { edgeWeights, graphNodes, hilbertOrder, localGraph } from './localGraph';

const grid = tieGrid;

/** The same piece ends, coordinates and per-node edges (refs in order) under the map back. */
function expectSameGraph(g: RoadGraph, lg: RoadGraph): void {
  const ids = graphNodes(lg);
  expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: g.nodeCount }, (_, i) => i));
  for (let p = 0; p < g.pieceCount; p++) {
    expect(ids[lg.pieceFrom[p]!]).toBe(g.pieceFrom[p]);
    expect(ids[lg.pieceTo[p]!]).toBe(g.pieceTo[p]);
  }
  for (let i = 0; i < lg.nodeCount; i++) {
    const v = ids[i]!;
    expect([lg.nodeLng[i], lg.nodeLat[i]]).toEqual([g.nodeLng[v], g.nodeLat[v]]);
    const refs = (h: RoadGraph, x: number) =>
      Array.from(h.edgeRef.subarray(h.firstEdge[x], h.firstEdge[x + 1]));
    expect(refs(lg, i)).toEqual(refs(g, v));
    for (let e = lg.firstEdge[i]!, f = g.firstEdge[v]!; e < lg.firstEdge[i + 1]!; e++, f++)
      expect(ids[lg.edgeTarget[e]!]).toBe(g.edgeTarget[f]);
  }
}

/** Searches from random seeds, forward and reverse: distances and predecessors node for node. */
function expectSameSearches(g: RoadGraph, seed: number, n: number): number {
  const lg = localGraph(g);
  const ids = graphNodes(lg);
  const local = new Int32Array(g.nodeCount);
  ids.forEach((v, i) => (local[v] = i));
  const router = new Router(g);
  const localRouter = new Router(lg, { weights: router.weights });
  const rnd = prng(seed);
  let tied = 0;
  for (let k = 0; k < n; k++) {
    const a = Math.floor(rnd() * g.nodeCount);
    const b = Math.floor(rnd() * g.nodeCount);
    const weights = router.weights[(['car', 'ebike', 'foot'] as const)[k % 3]!];
    const q = { weights, reverse: k % 2 === 1, seedNodes: [a, b], seedCosts: [0, rnd() * 30], maxCost: 900 };
    const r = router.engine.run(q);
    const dist = Array.from({ length: g.nodeCount }, (_, v) => [r.dist(v), r.pred(v)]);
    const lr = localRouter.engine.run({ ...q, seedNodes: [local[a]!, local[b]!] });
    expect(Array.from({ length: g.nodeCount }, (_, v) => [lr.dist(local[v]!), lr.pred(local[v]!)])).toEqual(
      dist,
    );
    // Nodes with two tight predecessors: the heap's tie order picked one of them.
    for (let v = 0; v < g.nodeCount; v++) {
      let tight = 0;
      for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++) {
        const x = g.edgeTarget[e]!;
        const ref = q.reverse ? g.edgeRef[e]! : g.edgeRef[e]! ^ 1;
        if (r.dist(x) + weights[ref]! === r.dist(v)) tight++;
      }
      if (tight > 1) tied++;
    }
  }
  return tied;
}

describe('localGraph', () => {
  it('numbers nodes along the curve: an edge joins nearby numbers', () => {
    // Mean |local(a) − local(b)| over the edges: 772 → 58 on the demo city, 279 → 41 on Monaco.
    const span = (g: RoadGraph) => {
      let sum = 0;
      for (let v = 0; v < g.nodeCount; v++)
        for (let e = g.firstEdge[v]!; e < g.firstEdge[v + 1]!; e++) sum += Math.abs(g.edgeTarget[e]! - v);
      return sum / g.edgeTarget.length;
    };
    for (const g of [loadPackGraph(DEMO_DIR).graph, osmGraph('monaco')]) {
      expect(Array.from(graphNodes(localGraph(g)))).toEqual(Array.from(hilbertOrder(g)));
      expect(span(localGraph(g))).toBeLessThan(span(g) / 4);
    }
  });

  it('is the same graph under the renumbering', () => {
    const g = grid(9);
    expectSameGraph(g, localGraph(g));
    const demo = loadPackGraph(DEMO_DIR).graph;
    expectSameGraph(demo, localGraph(demo));
  });

  it('gives the same searches, ties broken the same way, on a tie grid, the demo city and Monaco', () => {
    expect(expectSameSearches(grid(15), 3, 12)).toBeGreaterThan(100);
    expectSameSearches(loadPackGraph(DEMO_DIR).graph, 5, 6);
    expectSameSearches(osmGraph('monaco'), 7, 6);
  });

  it('lays out the weights in edge order, both directions, kept per weights', () => {
    const g = localGraph(osmGraph('monaco'));
    const w = new Router(g).weights.car;
    const forward = edgeWeights(g, w, false);
    const reverse = edgeWeights(g, w, true);
    expect(Array.from(forward)).toEqual(Array.from(g.edgeRef, (r) => w[r]));
    expect(Array.from(reverse)).toEqual(Array.from(g.edgeRef, (r) => w[r ^ 1]));
    expect(forward).not.toEqual(reverse); // one-way streets
    expect(edgeWeights(g, w, false)).toBe(forward);
    expect(edgeWeights(g, Float64Array.from(w), false)).not.toBe(forward); // new weights, new array
  });
});
