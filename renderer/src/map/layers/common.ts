/**
 * Helpers shared by the layer modules. Type-only imports of maplibre-gl: this file (and every layer
 * module) must load in Node for unit tests, where the browser bundle cannot.
 */
import type { GeoJSONSource, Map as MaplibreMap, StyleImageMetadata } from 'maplibre-gl';
import type { GeoJSONSourceSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Z-order slots, bottom to top. MapLibre has no native slots, so each layer spec carries its slot in
 * `metadata` and is inserted below the first layer of a higher slot. This lets a module keep all
 * its layers together (e.g. boundary fill and boundary lines) while the lines still draw above the
 * roads another module adds. Place names sit above camera clusters (cameras gather in towns and
 * would hide the town's name) but below live data.
 */
export const SLOTS = [
  'base',
  'area',
  'road',
  'border',
  'coverage',
  'label',
  'static-point',
  'place-label',
  'live',
] as const;
export type Slot = (typeof SLOTS)[number];
export const SLOT_KEY = 'dispatch:slot';

/** Untagged layers (added by someone else) count as 'live', i.e. they stay on top. */
export function slotOf(layer: { metadata?: unknown }): Slot {
  const meta = layer.metadata as Record<string, unknown> | undefined;
  const slot = meta?.[SLOT_KEY];
  return (SLOTS as readonly unknown[]).includes(slot) ? (slot as Slot) : 'live';
}

/** Metadata object tagging a layer with its slot. */
export const slot = (s: Slot): { [SLOT_KEY]: Slot } => ({ [SLOT_KEY]: s });

/** Stable sort by slot: the order the full style and the incremental installs both produce. */
export function sortBySlot(layers: readonly LayerSpecification[]): LayerSpecification[] {
  return layers
    .map((layer, index) => ({ layer, index, rank: SLOTS.indexOf(slotOf(layer)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.layer);
}

export const emptyCollection = <
  G extends Geometry = Geometry,
  P = Record<string, unknown>,
>(): FeatureCollection<G, P> => ({
  type: 'FeatureCollection',
  features: [],
});

export function collection<G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

/** GeoJSON source spec with the options every layer source shares. */
export function geojsonSource(
  data: FeatureCollection,
  extra: Partial<GeoJSONSourceSpecification> = {},
): GeoJSONSourceSpecification {
  return { type: 'geojson', data: data as GeoJSONSourceSpecification['data'], ...extra };
}

/** Adds a layer below the first existing layer of a higher slot (see SLOTS). */
export function addLayerInSlot(map: MaplibreMap, layer: LayerSpecification): void {
  const rank = SLOTS.indexOf(slotOf(layer));
  // getLayersOrder + getLayer, not getStyle(): the latter serialises every GeoJSON source.
  const before = map.getLayersOrder().find((id) => {
    const existing = map.getLayer(id);
    return existing !== undefined && SLOTS.indexOf(slotOf(existing)) > rank;
  });
  map.addLayer(layer, before);
}

/** Adds a source (if absent) and its layers in slot order. */
export function installSourceAndLayers(
  map: MaplibreMap,
  sourceId: string,
  source: GeoJSONSourceSpecification,
  layers: readonly LayerSpecification[],
): void {
  if (!map.getSource(sourceId)) map.addSource(sourceId, source);
  for (const layer of layers) if (!map.getLayer(layer.id)) addLayerInSlot(map, layer);
}

/**
 * Replaces a GeoJSON source's data. setData resolves when the worker has the data; a rejection
 * (e.g. the map was removed meanwhile) is reported as a warning rather than left unhandled.
 */
export function setSourceData(map: MaplibreMap, sourceId: string, data: FeatureCollection): void {
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) return;
  source.setData(data).catch((err: unknown) => console.warn(`map: setData(${sourceId}) failed`, err));
}

/**
 * Runs `fill` once the live picture is on screen: at the first frame drawn after `liveDrawn()`
 * says its sources are loaded (checked at each 'sourcedata'), or when the map first goes idle.
 * The largest sources (a prefecture's road network, 300,000 pieces; the view cones of 47,000
 * fixed cameras) are installed empty and filled here: handed over first, their serialisation
 * (seconds of the page's main thread) and tiling held back the cameras' and alerts' tiles and
 * their first frame (bench/mapFrames.ts, first usable map). Returns a cancel.
 */
export function whenLiveDrawn(
  map: Pick<MaplibreMap, 'on' | 'off' | 'loaded'>,
  liveDrawn: () => boolean,
  fill: () => void,
): () => void {
  let done = false;
  let loadedSeen = false;
  const stop = () => {
    done = true;
    map.off('sourcedata', check);
    map.off('idle', onIdle);
    map.off('render', onRender);
  };
  const run = () => {
    if (done) return;
    stop();
    fill();
  };
  function check() {
    if (!done && liveDrawn()) loadedSeen = true;
  }
  // The frame after the live sources loaded has drawn them: fill after it.
  function onRender() {
    if (loadedSeen) run();
  }
  function onIdle() {
    if (liveDrawn() || map.loaded()) run();
  }
  map.on('sourcedata', check);
  map.on('render', onRender);
  map.on('idle', onIdle);
  return stop;
}

/** Registers a runtime-drawn image unless already present (style reloads keep images). */
export function addImageOnce(
  map: MaplibreMap,
  id: string,
  image: { width: number; height: number; data: Uint8Array | Uint8ClampedArray },
  options: Partial<StyleImageMetadata> = {},
): void {
  if (!map.hasImage(id)) map.addImage(id, image, options);
}

function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ((ring[j]?.[0] ?? 0) - (ring[i]?.[0] ?? 0)) * ((ring[j]?.[1] ?? 0) + (ring[i]?.[1] ?? 0));
  return a / 2;
}

function insideRing(p: readonly [number, number], ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
      inside = true !== inside;
  }
  return inside;
}

/**
 * One label anchor per polygon. Symbol layers on polygon sources place a label in every tile the
 * polygon crosses (repeated district names); labelling a point source avoids that. Uses the
 * centroid of the largest outer ring, or its bbox centre / first vertex if a concave shape puts
 * the centroid outside.
 */
export function polygonLabelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const outers =
    geometry.type === 'Polygon'
      ? [geometry.coordinates[0] ?? []]
      : geometry.coordinates.map((p) => p[0] ?? []);
  let ring: readonly Position[] = [];
  for (const r of outers) if (Math.abs(ringArea(r)) > Math.abs(ringArea(ring))) ring = r;
  if (ring.length === 0) ring = outers[0] ?? [];
  let cx = 0;
  let cy = 0;
  let a6 = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const f = xj * yi - xi * yj;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
    a6 += 3 * f;
  }
  const centroid: [number, number] = a6 !== 0 ? [cx / a6, cy / a6] : [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0];
  if (insideRing(centroid, ring)) return centroid;
  const xs = ring.map((p) => p[0] ?? 0);
  const ys = ring.map((p) => p[1] ?? 0);
  const mid: [number, number] = [
    (Math.min(...xs) + Math.max(...xs)) / 2,
    (Math.min(...ys) + Math.max(...ys)) / 2,
  ];
  return insideRing(mid, ring) ? mid : [ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0];
}
