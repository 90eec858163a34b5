/**
 * Public surface of the map module. Importing this pulls in maplibre-gl (browser only); Node code
 * and tests should import the pure layer modules directly instead.
 */
export { MapController } from './mapController';
export { prewarmMapWorker } from './maplibreSetup';
export type { MapControllerOptions, MapDebugState } from './mapTypes';
export type { MapLocale } from './theme';
export { STALE_AFTER_MS } from './layers/units';
export { createBaseStyle, createFullStyle } from './style';
export { TIER_COLORS as COVERAGE_TIER_COLORS } from './layers/coverage';
export type { RouteCoords } from './layers/route';
export type { DrawnArea } from './areaDrawTool';
