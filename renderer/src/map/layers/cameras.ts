/**
 * Sharp Eyes cameras. Tens of thousands of points in a real city, so the main source clusters when
 * zoomed out. Highlighted cameras (e.g. the nearest ones linked to an alert) live in a separate,
 * unclustered source so they stay visible even where their neighbours are folded into a cluster.
 * Fixed cameras get a field-of-view wedge at street zoom (its features: cameraCones.ts).
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import type { Camera, CameraKind } from '../../../../shared/domain/camera';
import { COLORS, FONT_BOLD, type MapLocale } from '../theme';
import { collection, geojsonSource, installSourceAndLayers, setSourceData, slot } from './common';

export const SOURCE_ID = 'cameras';
export const FOV_SOURCE_ID = 'cameras-fov';
export const HIGHLIGHT_SOURCE_ID = 'cameras-highlight';
/** Above this zoom every camera is drawn individually. */
export const CLUSTER_MAX_ZOOM = 13;
export const FOV_LAYER_ID = 'cameras-fov';
export const POINT_LAYER_ID = 'cameras-point';

/**
 * What the map's camera layers read. No name (65,000 of them were a fifth of the load's hand-over)
 * and no camera id: the 20-digit id string was a third of the bytes MapLibre copied to its worker
 * (its own serialisation, the structured clone, and back on the worker side); a drawn camera is
 * known by its feature id, its index in the pack (`cameraIdOf`).
 */
export interface CameraProps {
  kind: CameraKind;
  class: 1 | 2 | 3;
  online: boolean;
}

/** Live online/offline state overrides the pack's static `online` flag. */
export type CameraStatus = ReadonlyMap<string, boolean>;

export const isOnline = (c: Camera, status?: CameraStatus): boolean => status?.get(c.id) ?? c.online;

/** Fixed cameras get a wedge; PTZ domes and 360° cameras do not. */
export const hasWedge = (c: Camera): boolean => c.heading !== null && c.fov !== null && c.fov < 360;

/**
 * The camera points. Each feature's id is its camera's index in `cameras` (plus `firstIndex`):
 * small unique numbers that key both `updateData` diffs and feature-state. The cameras' own ids
 * are 20-digit strings, which MapLibre would hash to 32 bits for feature-state (with 65,000
 * cameras, likely two sharing a hash and one drawn in the other's state).
 */
export function toFeatureCollection(
  cameras: readonly Camera[],
  status?: CameraStatus,
  firstIndex: number | null = 0,
): FeatureCollection<Point, CameraProps> {
  return collection(
    cameras.map((c, i) => ({
      type: 'Feature' as const,
      ...(firstIndex === null ? {} : { id: firstIndex + i }),
      geometry: { type: 'Point' as const, coordinates: [c.lng, c.lat] },
      properties: { kind: c.kind, class: c.class, online: isOnline(c, status) },
    })),
  );
}

/** The camera a drawn point or cone stands for: its feature id is its index in the pack's list. */
export function cameraIdOf(
  cameras: readonly Camera[],
  featureId: string | number | undefined,
): string | undefined {
  return typeof featureId === 'number' ? cameras[featureId]?.id : undefined;
}

/** The subset of cameras with the given ids, for the highlight source. */
export function toHighlightCollection(
  cameras: readonly Camera[],
  ids: ReadonlySet<string>,
  status?: CameraStatus,
): FeatureCollection<Point, CameraProps> {
  if (ids.size === 0) return collection([]);
  // No feature ids: the highlight source is replaced whole and carries the live state itself.
  return toFeatureCollection(
    cameras.filter((c) => ids.has(c.id)),
    status,
    null,
  );
}

export const KIND_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'kind'],
  'gun',
  COLORS.cameraGun,
  'dome',
  COLORS.cameraDome,
  'face',
  COLORS.cameraFace,
  'anpr',
  COLORS.cameraAnpr,
  'eagle',
  COLORS.cameraEagle,
  COLORS.cameraGun,
];
/**
 * The drawn state: the camera's feature-state (set on each live change, cameraStates.ts) over the
 * source's `online` property (the state when the source was built, or last re-clustered).
 */
const ONLINE: ExpressionSpecification = ['boolean', ['feature-state', 'online'], ['get', 'online']];
const colorBy = (online: ExpressionSpecification): ExpressionSpecification => [
  'case',
  online,
  KIND_COLOR,
  COLORS.cameraOffline,
];
const POINT_COLOR = colorBy(ONLINE);
/** The highlight source is rebuilt on each change of its cameras: its property is the state. */
const HIGHLIGHT_COLOR = colorBy(['==', ['get', 'online'], true]);
const UNCLUSTERED: ExpressionSpecification = ['!', ['has', 'point_count']];
const CLUSTERED: ExpressionSpecification = ['has', 'point_count'];

export function layers(_locale: MapLocale = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: FOV_LAYER_ID,
      type: 'fill',
      source: FOV_SOURCE_ID,
      // From the zoom an alert is selected at, so the officer sees which linked cameras face it.
      minzoom: 14,
      metadata: slot('coverage'),
      paint: {
        'fill-color': POINT_COLOR,
        'fill-opacity': ['case', ONLINE, 0.12, 0.05],
      },
    },
    {
      id: 'cameras-cluster',
      type: 'circle',
      source: SOURCE_ID,
      filter: CLUSTERED,
      metadata: slot('static-point'),
      paint: {
        'circle-color': COLORS.cameraCluster,
        'circle-opacity': 0.6,
        'circle-radius': ['step', ['get', 'point_count'], 9, 20, 12, 100, 16, 1000, 21],
        // A grey ring flags clusters that hide offline cameras.
        'circle-stroke-color': ['case', ['>', ['get', 'offline'], 0], COLORS.cameraOffline, COLORS.cameraGun],
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: 'cameras-cluster-count',
      type: 'symbol',
      source: SOURCE_ID,
      filter: CLUSTERED,
      metadata: slot('static-point'),
      // Counts never hide place or road labels: ignore-placement keeps them out of collision.
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': FONT_BOLD,
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#e6f6ff' },
    },
    {
      id: POINT_LAYER_ID,
      type: 'circle',
      source: SOURCE_ID,
      filter: UNCLUSTERED,
      metadata: slot('static-point'),
      paint: {
        'circle-color': POINT_COLOR,
        // Class-1 (key) video points drawn larger.
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['match', ['get', 'class'], 1, 3.5, 2.5],
          17,
          ['match', ['get', 'class'], 1, 6, 4.5],
        ],
        'circle-stroke-color': COLORS.halo,
        'circle-stroke-width': 1,
        // Slightly subdued: cameras are context, alerts and units are the news.
        'circle-opacity': ['case', ONLINE, 0.85, 0.6],
      },
    },
    {
      id: 'cameras-highlight',
      type: 'circle',
      source: HIGHLIGHT_SOURCE_ID,
      metadata: slot('static-point'),
      paint: {
        'circle-color': HIGHLIGHT_COLOR,
        'circle-radius': 5,
        'circle-stroke-color': COLORS.highlight,
        'circle-stroke-width': 2.5,
      },
    },
  ];
}

export const LAYERS: LayerSpecification[] = layers();

/**
 * Cluster source: counts offline cameras per cluster for the stroke colour above, from the
 * `online` property (feature-state does not reach clusters), which cameraStates.ts brings up to
 * date at most every few seconds: each update re-clusters every camera in MapLibre's worker.
 * Features are keyed by their numeric id (toFeatureCollection), for updateData and feature-state.
 */
export const source = (fc: FeatureCollection = toFeatureCollection([])) =>
  geojsonSource(fc, {
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: 45,
    // Pairs are not worth a bubble: the two dots say more than a "2".
    clusterMinPoints: 3,
    clusterProperties: { offline: ['+', ['case', ['==', ['get', 'online'], true], 0, 1]] },
  });
export const highlightSource = (fc: FeatureCollection = collection([])) => geojsonSource(fc);

/**
 * Adds the camera sources and layers. The view cones are added empty: they are drawn from the
 * selection zoom only, and 47,000 of them on the large city were a third of the load's hand-over
 * to MapLibre's worker; `fillConesInChunks` (cameraCones.ts) hands them over once the live picture is drawn.
 */
export function install(
  map: MaplibreMap,
  cameras: readonly Camera[],
  status?: CameraStatus,
  highlighted: ReadonlySet<string> = new Set(),
): FeatureCollection {
  const [fov, ...rest] = layers();
  const fc = toFeatureCollection(cameras, status);
  // Sources before the layers that use them; FOV and highlight have their own sources.
  installSourceAndLayers(map, FOV_SOURCE_ID, geojsonSource(collection([])), fov ? [fov] : []);
  if (!map.getSource(HIGHLIGHT_SOURCE_ID))
    map.addSource(HIGHLIGHT_SOURCE_ID, highlightSource(toHighlightCollection(cameras, highlighted, status)));
  installSourceAndLayers(map, SOURCE_ID, source(fc), rest);
  return fc;
}

export function setHighlighted(
  map: MaplibreMap,
  cameras: readonly Camera[],
  ids: ReadonlySet<string>,
  status?: CameraStatus,
): FeatureCollection {
  const fc = toHighlightCollection(cameras, ids, status);
  setSourceData(map, HIGHLIGHT_SOURCE_ID, fc);
  return fc;
}
