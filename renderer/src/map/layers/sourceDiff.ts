/**
 * Incremental GeoJSON source updates (MapLibre's `GeoJSONSource.updateData`): only the features
 * that changed cross to the map's worker, instead of a `setData` that re-sends, re-parses and
 * re-indexes every unit or alert. (A clustered source is still re-clustered whole by any update:
 * camera states are drawn through feature-state instead, see cameraStates.ts.) Sources updated
 * this way are declared with `promoteId: 'id'` (UPDATABLE), so features are keyed by their `id`
 * property, or carry numeric feature ids (the cameras).
 */
import type { GeoJSONSource, GeoJSONSourceDiff, Map as MaplibreMap } from 'maplibre-gl';
import type { Feature } from 'geojson';

/** Source options that make `updateData` possible: features keyed by their `id` property. */
export const UPDATABLE = { promoteId: 'id' } as const;

/** Features a diff carries (removed ids count too): what crosses to the worker. */
export function diffSize(diff: GeoJSONSourceDiff): number {
  return (diff.remove?.length ?? 0) + (diff.add?.length ?? 0) + (diff.update?.length ?? 0);
}

/**
 * Applies a diff to a GeoJSON source; returns how many features it sent (0 when empty or the
 * source is missing). A rejection (the map was removed meanwhile) is reported as a warning.
 */
export function updateSourceData(
  map: Pick<MaplibreMap, 'getSource'>,
  sourceId: string,
  diff: GeoJSONSourceDiff,
): number {
  const size = diffSize(diff);
  if (size === 0) return 0;
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) return 0;
  source.updateData(diff).catch((err: unknown) => console.warn(`map: updateData(${sourceId}) failed`, err));
  return size;
}

const defaultSignature = (f: Feature): string => JSON.stringify([f.geometry, f.properties]);

/**
 * Remembers each feature as last sent (by id) so that the next full list turns into a diff: new
 * or changed features are added (an add replaces the feature with the same id), vanished ones
 * removed. Building the list stays O(n) but cheap; what is expensive (serialising to the
 * worker and re-indexing there) only happens for what changed.
 */
export class FeatureDiffer<F extends Feature> {
  private sent = new Map<string, string>();

  constructor(
    private readonly idOf: (feature: F) => string,
    /** What counts as a change; properties the style never reads may be left out. */
    private readonly signature: (feature: F) => string = defaultSignature,
  ) {}

  /** After a full setData with these features. */
  reset(features: readonly F[]): void {
    this.sent = new Map(features.map((f) => [this.idOf(f), this.signature(f)]));
  }

  diff(features: readonly F[]): GeoJSONSourceDiff {
    const next = new Map<string, string>();
    const add: F[] = [];
    for (const f of features) {
      const id = this.idOf(f);
      const sig = this.signature(f);
      next.set(id, sig);
      if (this.sent.get(id) !== sig) add.push(f);
    }
    const remove = [...this.sent.keys()].filter((id) => !next.has(id));
    this.sent = next;
    return { ...(remove.length ? { remove } : {}), ...(add.length ? { add } : {}) };
  }
}
