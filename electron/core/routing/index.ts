/**
 * The console's routing room: the routing service (road graph, ranking, tiers, coverage) on the
 * engine in node/routing, and the request handlers it answers.
 */
export {
  startRoutingService,
  type RoutingService,
  type RoutingServiceOptions,
  type RoutingLoadInfo,
  type NearbyRanking,
} from './routingService';
export { routingHandlers } from './routingHandlers';
export { coverageFeatures } from './coverageGeojson';
