/**
 * The live feed's way onto the map: units, camera states and alerts are stored in MapLayerData at
 * once and reach the map at most once per LIVE_UPDATE_MS, the camera clusters' states at most
 * once per CLUSTER_SYNC_MS; units going stale by the clock alone are redrawn on a timer. The
 * controller (mapController.ts) owns the map and the frame loop these marks feed.
 */
import { isPositionCurrent, type Unit, type UnitPosition } from '../../../shared/domain/unit';
import type { Alert } from '../../../shared/domain/alert';
import { ThrottledMarks } from './frameBatcher';
import type { DirtyKey, MapLayerData } from './mapLayerData';
import * as unitsLayer from './layers/units';

/**
 * Live layers (units, camera states, the alert points) reach the map at most this often: units
 * report at 1 Hz, alerts may arrive by the dozen a second, and each update repaints the whole
 * (often software-rendered) map, holding the main thread the queue needs (an alert's row does not
 * wait for its map point). User actions (selection, highlights, routes, cordon) are not delayed.
 */
export const LIVE_UPDATE_MS = 1000;

/**
 * The clustered cameras' `online` properties (the clusters' grey ring) are brought up to date at
 * most this often. Each update re-clusters every camera in MapLibre's worker (65,000 on the large
 * city), whatever the number of changes; once a second that competed with the frames on two
 * cores. The cameras' own points and cones show a change at the next live update (feature-state);
 * only a cluster's ring may lag by up to this interval (see layers/cameraStates.ts).
 */
export const CLUSTER_SYNC_MS = 10_000;

/** How often unit staleness is re-checked when no data arrives (stale is time-, not data-driven). */
const STALE_CHECK_MS = 5_000;

type CameraStatusInput =
  ReadonlyMap<string, boolean> | Iterable<[string, boolean]> | Readonly<Record<string, boolean>>;

export class LiveLayers {
  private readonly live: ThrottledMarks<DirtyKey>;
  private readonly clusters: ThrottledMarks<DirtyKey>;
  private staleTimer: ReturnType<typeof setInterval> | null;

  constructor(
    private readonly data: MapLayerData,
    /** Marks a source for the next frame's flush (a no-op before the layers are installed). */
    private readonly mark: (key: DirtyKey) => void,
    /** The map is installed and not disposed: before that, data is only stored. */
    private readonly active: () => boolean,
    private readonly now: () => number,
  ) {
    this.live = new ThrottledMarks<DirtyKey>(mark, new Set(['units', 'cameras', 'alerts']), LIVE_UPDATE_MS);
    this.clusters = new ThrottledMarks<DirtyKey>(mark, new Set(['cameraClusters']), CLUSTER_SYNC_MS);
    this.staleTimer = setInterval(() => this.checkStale(), STALE_CHECK_MS);
  }

  setAlerts(alerts: readonly Alert[]): void {
    this.data.alerts = alerts;
    this.request('alerts');
  }

  /** Full replacement of units (definitions, status and positions). */
  setUnits(units: readonly Unit[]): void {
    this.data.units.clear();
    for (const u of units) this.data.units.set(u.id, u);
    this.request('units');
  }

  /**
   * Merges AVL position reports. Reports for unknown units are dropped (setUnits defines the
   * roster); reports older than the unit's current position are dropped too, because feeds can
   * deliver out of order and a late packet must not jump a car backwards.
   */
  updateUnitPositions(positions: readonly UnitPosition[]): void {
    let changed = false;
    for (const p of positions) {
      const unit = this.data.units.get(p.unitId);
      if (!unit) continue;
      if (!isPositionCurrent(unit.position, p)) continue;
      this.data.units.set(p.unitId, { ...unit, position: p });
      changed = true;
    }
    if (changed) this.request('units');
  }

  /** Merges live camera states; before the live picture is first drawn they only wait. */
  setCameraStatus(status: CameraStatusInput): void {
    if (this.data.mergeCameraStatus(status) && this.data.liveDrawn) this.requestCameras();
  }

  /** The live picture was first drawn: the camera changes held until then go out. */
  onLiveDrawn(): void {
    this.requestCameras();
  }

  cancel(): void {
    this.live.cancel();
    this.clusters.cancel();
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.staleTimer = null;
  }

  private requestCameras(): void {
    if (this.data.cameraStates.hasPendingStates) this.request('cameras');
    if (this.data.cameraStates.hasPendingClusters && this.active()) this.clusters.request('cameraClusters');
  }

  private request(key: 'units' | 'cameras' | 'alerts'): void {
    if (this.active()) this.live.request(key);
  }

  /**
   * Units go stale by the clock alone, with no new data to trigger a redraw. Redraw when the set
   * of stale units changes, and while any are stale (their age label keeps counting).
   */
  private checkStale(): void {
    if (!this.active()) return;
    const ids = unitsLayer.staleUnitIds([...this.data.units.values()], this.now());
    const signature = ids.join(',');
    if (signature !== this.data.staleSignature || ids.length > 0) this.mark('units');
  }
}
