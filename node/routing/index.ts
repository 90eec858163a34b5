/**
 * Public API of the routing engine (pure Node: no Electron, React or DOM).
 *
 *   const { graph } = loadPackGraph(packDir, { cacheDir });   // or importOsmPbf / loadGraphCache
 *   const router = new Router(graph);                          // keep one per city pack
 *   rankForAlert(router, alert, units, { tiers })              // ETA ranking + 1-3-5 verdicts
 *   isochrone(router, point, 300, 'car')                       // reachable road + polygons
 *   coverage(router, units, { tiers: [60, 180, 300] })         // share of road per tier
 */
import { rankUnits, type RankOptions, type RankUnit, type UnitEta } from './rank';
import type { Router } from './router';
import {
  DEFAULT_TIER_CONFIG,
  evaluateTier,
  type ResponseTierConfig,
  type TierAlert,
  type TierEvaluation,
} from './tiers';

export { Router, type RouterOptions, type EngineKind } from './router';
export {
  rankUnits,
  type RankUnit,
  type RankOptions,
  type RankResult,
  type UnitEta,
  type EtaStatus,
} from './rank';
export { isochrone, type IsochroneOptions, type IsochroneResult } from './isochrone';
export { coverage, type CoverageOptions, type CoverageResult } from './coverage';
export { importOsmPbf, type OsmImportOptions } from './osmImport';
export { buildGraph, type ProgressFn, type RawNetwork } from './graphBuild';
export { loadGraphCache, saveGraphCache, GraphCacheError } from './cache';
export { shareGraph, sharedGraphOf, graphFromShared, isSharedGraph, type SharedGraph } from './sharedGraph';
export { loadPackGraph, writeRoutingDir, type LoadedGraph, type LoadPackGraphOptions } from './pack';
export { parseRoads, roadsToRawNetwork } from './packImport';
export { graphSummary, type RoadGraph, type Position } from './graph';
export {
  DEFAULT_PROFILES,
  PROFILE_IDS,
  calibratedProfiles,
  type ProfileId,
  type TravelProfile,
} from './profiles';
export * from './tiers';
export { heapPush, heapPop } from './typedHeap';
// The pieces the cordon and the city-pack build work with (electron/core/cordon, citypack): the
// package's only way in, enforced by the lint (eslint.config.js).
export { partialCosts, samePieceCost, type PartialCosts } from './router';
export {
  HIGHWAY_CLASSES,
  CLASS_CODE,
  FLAG_ONEWAY,
  FLAG_ROUNDABOUT,
  FLAG_OUTSIDE,
  pieceShape,
  type HighwayClass,
  type RoadGraphMeta,
} from './graph';
export { pieceReach, ownPieceReach, unionIntervals, totalLength, type Interval } from './reach';
export type { SearchResult, SearchQuery, SearchEngine } from './search';
export { usableBy, SnapIndex, type Snap } from './snap';
export { computeWeights, pieceSpeedKmh, CAR_CLASS_SPEED_KMH, ProfileWeights } from './profiles';
export { convexHull } from './geo';
export { decodeOsmPbf, OsmPbfError, type OsmPbfHandlers } from './osmPbf';
export {
  readOsmNetwork,
  splitWays,
  carWayAttributes,
  parseMaxspeed,
  type RoadArea,
  type OsmWayAttributes,
  type SourceWay,
} from './osmImport';
export { ROUTING_MANIFEST, GRAPH_FILE, RoutingManifestSchema, type RoutingManifest } from './pack';

export interface RankForAlertOptions extends RankOptions {
  tiers?: ResponseTierConfig;
  /** Units standing at their post (for the 1-minute rule). */
  atPost?: ReadonlySet<string>;
}

export interface RankedUnit extends UnitEta {
  tier: TierEvaluation;
}

/** Ranks units for an alert and attaches the 1-3-5 tier verdict to each. */
export function rankForAlert(
  router: Router,
  alert: TierAlert & { lng: number; lat: number },
  units: readonly RankUnit[],
  opts: RankForAlertOptions = {},
): RankedUnit[] {
  const config = opts.tiers ?? DEFAULT_TIER_CONFIG;
  return rankUnits(router, alert, units, opts).results.map((r) => ({
    ...r,
    tier: evaluateTier(config, { type: r.type, atPost: opts.atPost?.has(r.unitId) }, alert, r.seconds),
  }));
}
