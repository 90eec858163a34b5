/**
 * The shortest-path engine interface shared by the fast and the reference implementation, so that
 * every query (ranking, isochrone, coverage) can run on either and tests can compare them.
 */
export interface SearchQuery {
  /** Seconds per directed edge ref (profiles.ts); Infinity = closed. */
  weights: Float64Array;
  /**
   * false: costs from the seeds outwards (unit → everywhere).
   * true: costs from everywhere *to* the seeds (everywhere → alert), using each edge backwards.
   */
  reverse: boolean;
  seedNodes: ArrayLike<number>;
  seedCosts: ArrayLike<number>;
  /** Stop expanding beyond this cost (seconds). */
  maxCost: number;
  /** Optional early stop: once all these nodes are settled, the search ends. */
  targets?: ArrayLike<number>;
  /**
   * Optional early stop: called with each node as it is settled (after `targets` are counted) and
   * its final cost; true ends the search before that node's edges are expanded. The route to a road
   * point stops once the end of the point's piece it arrives through is decided
   * (electron/core/cordon/routes.ts).
   */
  stop?: (node: number, cost: number) => boolean;
  /**
   * Also sum road metres along the tree (`metres(v)`), so callers need not walk the pred chain
   * of every node they read (ranking needs the distance of all units, the line of only a few).
   */
  trackMetres?: boolean;
  /** Metres already travelled at each seed (e.g. the partial piece to the alert); default 0. */
  seedMetres?: ArrayLike<number>;
}

/** A finished search. Valid until the engine's next run (the fast engine reuses its arrays). */
export interface SearchResult {
  /** Seconds, Infinity when not reached (or beyond maxCost). */
  dist(node: number): number;
  /**
   * The directed edge ref of the tree edge at this node, -1 for seeds / unreached.
   * Forward search: the edge that entered the node. Reverse search: the edge that leaves the node
   * towards the seeds (the direction a unit actually drives).
   */
  pred(node: number): number;
  /** Metres along the tree path of dist(node); NaN unless the query set trackMetres. */
  metres?(node: number): number;
  /** Nodes settled by the search (for diagnostics and benchmarks). */
  readonly settled: number;
}

export interface SearchEngine {
  readonly name: 'fast' | 'reference';
  run(q: SearchQuery): SearchResult;
}
