/**
 * Live camera states on the map (issue 16). A state change is drawn through feature-state: the
 * changed camera's point and view cone are re-coloured on the page's main thread, in the tiles
 * already loaded, and nothing crosses to MapLibre's worker. Updating the sources' data instead
 * (`updateData`) re-clustered all 65,000 cameras of the large city in the worker and re-tiled them,
 * once a second with 50 changes a second: the frame time's spread between bench runs.
 *
 * The clusters cannot read feature-state: their grey ring (some camera in it offline) counts the
 * clustered source's `online` property. That property is brought up to date by `flushClusters`,
 * which the caller runs at most every few seconds (CLUSTER_SYNC_MS in liveLayers.ts) with the net
 * changes since the last run. Whether a change alters some cluster's ring is not known without
 * asking the worker's cluster index (asynchronous, per cluster and zoom), so the rule is time:
 * a ring may lag by that interval, while the camera's own point and cone show the change at once.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Camera } from '../../../../shared/domain/camera';
import { FOV_SOURCE_ID, SOURCE_ID, hasWedge, isOnline } from './cameras';
import { updateSourceData } from './sourceDiff';

/**
 * Merges live states into `current` and returns the cameras whose drawn state changed: a report
 * repeating the state already shown (or the pack's own `online` flag) changes nothing, and is not
 * stored either. The session snapshot reports all 65,000 cameras of the large city at the load,
 * nearly all as the pack has them: storing each made the map's copy of the states (and every copy
 * of it) 65,000 entries long.
 */
export function mergeStatus(
  current: Map<string, boolean>,
  incoming: Iterable<[string, boolean]>,
  byId: Pick<ReadonlyMap<string, Camera>, 'get'>,
): Camera[] {
  const changed: Camera[] = [];
  for (const [id, online] of incoming) {
    const camera = byId.get(id);
    if (!camera || isOnline(camera, current) === online) continue;
    current.set(id, online);
    changed.push(camera);
  }
  return changed;
}

type StateMap = Pick<MaplibreMap, 'getSource' | 'setFeatureState'>;

/** The cameras' live states and what of them the map has been given. */
export class CameraStates {
  /** Live states over the pack's flags (cameras reported at least once). */
  readonly status = new Map<string, boolean>();
  /** Changed since their feature-state was last set. */
  private readonly pendingStates = new Map<string, Camera>();
  /** Changed since the clustered source's `online` properties were last brought up to date. */
  private readonly pendingClusters = new Map<string, Camera>();
  /** The clustered source's `online` property where the live state set it (else the pack's flag). */
  private clustered = new Map<string, boolean>();
  /** A camera's feature id on the map: its index in the pack (cameras.toFeatureCollection). */
  private readonly indexOf = new Map<string, number>();
  /** The camera by id, through `indexOf` (one 65,000-entry map built at the load, not two). */
  private readonly byId: Pick<ReadonlyMap<string, Camera>, 'get'>;

  constructor(cameras: readonly Camera[]) {
    for (let i = 0; i < cameras.length; i++) this.indexOf.set(cameras[i]!.id, i);
    this.byId = {
      get: (id) => {
        const i = this.indexOf.get(id);
        return i === undefined ? undefined : cameras[i];
      },
    };
  }

  /** Merges live states; true when some camera's drawn state changed (it then waits for a flush). */
  merge(incoming: Iterable<[string, boolean]>): boolean {
    const changed = mergeStatus(this.status, incoming, this.byId);
    for (const c of changed) {
      this.pendingStates.set(c.id, c);
      this.pendingClusters.set(c.id, c);
    }
    return changed.length > 0;
  }

  get hasPendingStates(): boolean {
    return this.pendingStates.size > 0;
  }

  get hasPendingClusters(): boolean {
    return this.pendingClusters.size > 0;
  }

  /** Cameras waiting for their feature-state and for their clusters' update (MapDebugState). */
  get pending(): { states: number; clusters: number } {
    return { states: this.pendingStates.size, clusters: this.pendingClusters.size };
  }

  /** The camera sources were just built from `status`: nothing waits. */
  installed(): void {
    this.pendingStates.clear();
    this.pendingClusters.clear();
    this.clustered = new Map(this.status);
  }

  /**
   * Sets the feature-state of every camera changed since the last call: its point and, for a
   * fixed camera, its cone. Returns the cameras and the feature-states set.
   */
  flushStates(map: StateMap): { changed: Camera[]; states: number } {
    const changed = [...this.pendingStates.values()];
    this.pendingStates.clear();
    let states = 0;
    for (const c of changed) {
      const id = this.indexOf.get(c.id)!;
      const online = isOnline(c, this.status);
      map.setFeatureState({ source: SOURCE_ID, id }, { online });
      states++;
      if (!hasWedge(c)) continue;
      map.setFeatureState({ source: FOV_SOURCE_ID, id }, { online });
      states++;
    }
    return { changed, states };
  }

  /**
   * Brings the clustered source's `online` properties up to date: one property update per camera
   * whose state differs from what that source holds (a camera that went offline and back since
   * the last call sends nothing). Each call that sends anything re-clusters every camera in the
   * worker. Returns the features sent.
   */
  flushClusters(map: StateMap): number {
    const update = [];
    for (const c of this.pendingClusters.values()) {
      const online = isOnline(c, this.status);
      if (online === (this.clustered.get(c.id) ?? c.online)) continue;
      this.clustered.set(c.id, online);
      update.push({ id: this.indexOf.get(c.id)!, addOrUpdateProperties: [{ key: 'online', value: online }] });
    }
    this.pendingClusters.clear();
    return updateSourceData(map, SOURCE_ID, { update });
  }
}
