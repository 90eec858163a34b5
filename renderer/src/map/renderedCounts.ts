import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Camera } from '../../../shared/domain/camera';
import * as alertsLayer from './layers/alerts';
import { WARM_UP_ID } from './layers/alertsWarmUp';
import * as unitsLayer from './layers/units';
import * as cameras from './layers/cameras';
import * as routeLayer from './layers/route';
import * as coverageLayer from './layers/coverage';
import * as cordonLayer from './layers/cordon';
import * as roads from './layers/roads';

/**
 * What MapLibre actually drew in the current viewport, per layer group. A map with a broken
 * style still fires its events, so tests check this rather than only the data handed over.
 */
export function renderedCounts(map: MaplibreMap): Record<string, number> {
  const count = (layerIds: string[]) => {
    const present = layerIds.filter((id) => map.getLayer(id));
    if (!present.length) return 0;
    // The load-time placeholder that compiles the alert layers' programs is not an alert.
    return map.queryRenderedFeatures({ layers: present }).filter((f) => f.properties?.['id'] !== WARM_UP_ID)
      .length;
  };
  return {
    alerts: count([alertsLayer.POINT_LAYER_ID]),
    units: count(unitsLayer.LAYERS.map((l) => l.id)),
    cameras: count(cameras.LAYERS.map((l) => l.id)),
    cameraCones: count([cameras.FOV_LAYER_ID]),
    route: count([routeLayer.LINE_LAYER_ID]),
    coverage: count(coverageLayer.LAYERS.map((l) => l.id)),
    cordon: count(cordonLayer.LAYERS.map((l) => l.id)),
    roads: count(roads.LAYERS.map((l) => l.id)),
  };
}

/**
 * The camera points and cones drawn offline in the current viewport, by camera id (a drawn
 * feature's id is its camera's index in `cameras`): their feature-state where set (live changes),
 * else their source's property. Shows that a live change reached the features MapLibre drew (the
 * state is looked up by the drawn feature's id).
 */
export function renderedOfflineCameras(
  map: MaplibreMap,
  cameraList: readonly Camera[],
): { points: string[]; cones: string[] } {
  const offline = (layerId: string) =>
    map.getLayer(layerId)
      ? map
          .queryRenderedFeatures({ layers: [layerId] })
          .filter((f) => (f.state?.['online'] ?? f.properties?.['online']) === false)
          .map((f) => String(cameras.cameraIdOf(cameraList, f.id)))
      : [];
  return { points: offline(cameras.POINT_LAYER_ID), cones: offline(cameras.FOV_LAYER_ID) };
}
