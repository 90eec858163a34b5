/**
 * Helpers shared by the layer modules. Type-only imports of maplibre-gl: this file (and every layer
 * module) must load in Node for unit tests, where the browser bundle cannot.
 */
import type { GeoJSONSource, Map as MaplibreMap, StyleImageMetadata } from 'maplibre-gl';
import type { GeoJSONSourceSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/**
 * Z-order slots, bottom to top. MapLibre has no native slots, so each layer spec carries its slot in
 * `metadata` and is inserted below the first layer of a higher slot. This lets a module keep all
 * its layers together (e.g. boundary fill and boundary lines) while the lines still draw above the
 * roads another module adds.
 */
export const SLOTS = ['area', 'road', 'border', 'coverage', 'label', 'static-point', 'live'] as const;
export type Slot = (typeof SLOTS)[number];
export const SLOT_KEY = 'dispatch:slot';

export function slotOf(layer: LayerSpecification): Slot {
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

export const emptyCollection = <G extends Geometry = Geometry, P = Record<string, unknown>>(): FeatureCollection<G, P> => ({
  type: 'FeatureCollection',
  features: [],
});

export function collection<G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}

/** GeoJSON source spec with the options every layer source shares. */
export function geojsonSource(data: FeatureCollection, extra: Partial<GeoJSONSourceSpecification> = {}): GeoJSONSourceSpecification {
  return { type: 'geojson', data: data as GeoJSONSourceSpecification['data'], ...extra };
}

/** Adds a layer below the first existing layer of a higher slot (see SLOTS). */
export function addLayerInSlot(map: MaplibreMap, layer: LayerSpecification): void {
  const rank = SLOTS.indexOf(slotOf(layer));
  const existing = map.getStyle()?.layers ?? [];
  const before = existing.find((l) => SLOTS.indexOf(slotOf(l)) > rank);
  map.addLayer(layer, before?.id);
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

/** Registers a runtime-drawn image unless already present (style reloads keep images). */
export function addImageOnce(
  map: MaplibreMap,
  id: string,
  image: { width: number; height: number; data: Uint8Array | Uint8ClampedArray },
  options: Partial<StyleImageMetadata> = {},
): void {
  if (!map.hasImage(id)) map.addImage(id, image, options);
}
