/**
 * Router: one loaded graph with its profile weights, snap index and search engine — the object
 * the console service keeps per city pack. Also the shared partial-edge arithmetic used by the
 * queries: a point on a road is (piece, offset), and the costs to/from the piece's two end nodes
 * are the corresponding fractions of the piece's directed weights.
 */
import type { RoadGraph } from './graph';
import { DEFAULT_PROFILES, ProfileWeights, type ProfileId, type TravelProfile } from './profiles';
import { SnapIndex, usableBy, type Snap } from './snap';
import type { SearchEngine } from './search';
import { FastEngine } from './fastEngine';
import { ReferenceEngine } from './referenceEngine';

export type EngineKind = 'fast' | 'reference';

export interface RouterOptions {
  profiles?: Readonly<Record<ProfileId, TravelProfile>>;
  engine?: EngineKind;
  /** Points farther than this from any usable road are "off the network". */
  maxSnapMetres?: number;
  /** Speed for the off-road stretch between a point and its snapped road position. */
  offRoadKmh?: number;
  /**
   * The weights of `profiles` already computed for this graph (another thread's Router's, on
   * shared memory: the cordon's worker), instead of computing them again.
   */
  weights?: Readonly<Record<ProfileId, Float64Array>>;
}

export class Router {
  weights: Record<ProfileId, Float64Array>;
  readonly index: SnapIndex;
  readonly engine: SearchEngine;
  readonly maxSnapMetres: number;
  readonly offRoadKmh: number;
  profiles: Readonly<Record<ProfileId, TravelProfile>>;
  private readonly usable = new Map<Float64Array, (p: number) => boolean>();
  /**
   * Memo of recent snaps. AVL positions change every few seconds while alerts and coverage
   * refreshes re-rank the same positions many times; snapping 200 units is ~2 ms of a ranking.
   * Keyed by profile weights, then the exact lng and lat as numbers (a string key cost ~0.2 ms
   * per ranking in formatting alone), so a moved unit simply misses.
   */
  private snapMemo = new Map<Float64Array, Map<number, Map<number, Snap | null>>>();
  private snapMemoSize = 0;

  constructor(
    readonly graph: RoadGraph,
    opts: RouterOptions = {},
  ) {
    this.profiles = opts.profiles ?? DEFAULT_PROFILES;
    this.weights = opts.weights ? { ...opts.weights } : new ProfileWeights(graph, this.profiles).weights;
    this.index = new SnapIndex(graph);
    this.engine = opts.engine === 'reference' ? new ReferenceEngine(graph) : new FastEngine(graph);
    this.maxSnapMetres = opts.maxSnapMetres ?? 500;
    this.offRoadKmh = opts.offRoadKmh ?? 10;
  }

  /**
   * Replaces the travel profiles (calibrated speed factors): every later query uses the new
   * weights; the snap memo is keyed by weights, so it refills by itself.
   */
  setProfiles(profiles: Readonly<Record<ProfileId, TravelProfile>>): void {
    this.profiles = profiles;
    this.weights = new ProfileWeights(this.graph, profiles).weights;
    this.usable.clear();
    this.snapMemo = new Map();
    this.snapMemoSize = 0;
  }

  /** Same graph, weights and index, other engine (benchmarks, property tests). */
  withEngine(kind: EngineKind): Router {
    const r = Object.create(Router.prototype) as Router;
    Object.assign(r, this, {
      engine: kind === 'reference' ? new ReferenceEngine(this.graph) : new FastEngine(this.graph),
      snapMemo: new Map(),
      snapMemoSize: 0,
    });
    return r;
  }

  snap(lng: number, lat: number, profile: ProfileId): Snap | null {
    const w = this.weights[profile];
    let byLng = this.snapMemo.get(w);
    if (!byLng) this.snapMemo.set(w, (byLng = new Map()));
    let byLat = byLng.get(lng);
    if (!byLat) byLng.set(lng, (byLat = new Map()));
    const hit = byLat.get(lat);
    if (hit !== undefined) return hit;
    let u = this.usable.get(w);
    if (!u) this.usable.set(w, (u = usableBy(w)));
    const s = this.index.snap(lng, lat, u, this.maxSnapMetres);
    if (this.snapMemoSize >= 20_000) {
      // Crude bound; refills in one round.
      this.snapMemo = new Map([[w, (byLng = new Map([[lng, (byLat = new Map())]]))]]);
      this.snapMemoSize = 0;
    }
    byLat.set(lat, s);
    this.snapMemoSize++;
    return s;
  }

  /** Seconds for the off-road connector of a snap (walking/crawling to the road). */
  offRoadSeconds(s: Snap, profile: ProfileId): number {
    const kmh = Math.min(this.offRoadKmh, this.profiles[profile].maxKmh);
    return s.distance / (kmh / 3.6);
  }
}

/** Fractions of a piece's directed weights for a point at `offset` on it. */
export interface PartialCosts {
  /** Seconds from the point forward to the piece's `to` node (Infinity if one-way against). */
  toEnd: number;
  /** Seconds from the point backward to the `from` node. */
  toStart: number;
  /** Seconds from the `from` node forward to the point. */
  fromStart: number;
  /** Seconds from the `to` node backward to the point. */
  fromEnd: number;
}

export function partialCosts(s: Snap, w: Float64Array): PartialCosts {
  const f = s.length > 0 ? s.offset / s.length : 0;
  const fwd = w[2 * s.piece]!;
  const bwd = w[2 * s.piece + 1]!;
  return {
    toEnd: part(1 - f, fwd),
    toStart: part(f, bwd),
    fromStart: part(f, fwd),
    fromEnd: part(1 - f, bwd),
  };
}

/**
 * A fraction of a directed weight. A point exactly at an end node of a one-way piece costs 0 to
 * that node, not 0 × Infinity = NaN (a NaN made such units "not reached": found on Columbus).
 */
function part(fraction: number, weight: number): number {
  return fraction <= 0 ? 0 : fraction * weight;
}

/** Direct travel along one piece from offset a to offset b, Infinity if the direction is closed. */
export function samePieceCost(a: Snap, b: Snap, w: Float64Array): number {
  if (a.piece !== b.piece || a.length <= 0) return Infinity;
  const d = (b.offset - a.offset) / a.length;
  return d >= 0 ? part(d, w[2 * a.piece]!) : part(-d, w[2 * a.piece + 1]!);
}
