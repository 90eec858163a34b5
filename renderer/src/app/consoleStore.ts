import type { DrawnArea } from '../map';
import type { Alert } from '../../../shared/domain/alert';
import { isOpen } from '../../../shared/domain/alert';
import { priorityRaised } from '../../../shared/domain/alertRevision';
import { openAlertQueue, updateOpenAlertQueue } from '../../../shared/domain/alertQueue';
import {
  isPositionCurrent,
  type Unit,
  type UnitPosition,
  type UnitStatusReport,
} from '../../../shared/domain/unit';
import type { CameraStatusReport } from '../../../shared/domain/camera';
import { CameraStates, type CameraChangesListener, type CameraStatesView } from './cameraStates';
import type { FeedStatus, Settings, Snapshot, HostInfo } from '../../../shared/contract/api';
import { LeadingThrottle } from '../../../shared/timing/leadingThrottle';

export interface ConsoleState {
  alerts: ReadonlyMap<string, Alert>;
  /** The open alerts in queue order (shared/domain/alertQueue), kept in step with `alerts`. */
  openQueue: readonly Alert[];
  units: ReadonlyMap<string, Unit>;
  cameraOnline: CameraStatesView;
  feed: FeedStatus | null;
  settings: Settings | null;
  host: HostInfo | null;
  selectedAlertId: string | null;
  /** Ids of alerts that arrived after the console loaded and are not yet looked at. */
  unseenAlertIds: ReadonlySet<string>;
  /** The officer asked to draw an area on the map to pick cameras. */
  drawRequest: 'circle' | 'polygon' | null;
  /** A drawn area whose cameras fill the video wall instead of the alert's. */
  cameraArea: DrawnArea | null;
  /** Named cameras (a cordon crossing's ANPR bayonets) that fill the video wall instead of the alert's. */
  cameraList: CameraListOverride | null;
  /** The cordon panel asked to draw its ring-1 polygon (kept apart from the video wall's drawRequest). */
  cordonDrawRequest: boolean;
  /** The polygon drawn for ring 1 of the selected alert's cordon ([lng, lat] vertices, open). */
  cordonPolygon: [number, number][] | null;
}

export interface CameraListOverride {
  ids: string[];
  /** Where they look (the crossing): distance and PTZ aim are taken against it. */
  point?: { lng: number; lat: number };
}

type Listener = () => void;

/** Without animation frames (hidden window), listeners still hear of changes this soon. */
const NOTIFY_FALLBACK_MS = 100;
/** Alert batches are told at most this often (see alertNotifications). */
const ALERTS_NOTIFY_INTERVAL_MS = 32;

/**
 * Renderer-side state, independent of React (read with useSyncExternalStore). Fast updates
 * (unit positions) are merged as they come but listeners are told once per animation frame.
 */
export class ConsoleStore {
  private readonly cameras = new CameraStates((view) => this.set({ cameraOnline: view }));
  private state: ConsoleState = {
    alerts: new Map(),
    openQueue: [],
    units: new Map(),
    cameraOnline: this.cameras.current(),
    feed: null,
    settings: null,
    host: null,
    selectedAlertId: null,
    unseenAlertIds: new Set(),
    drawRequest: null,
    cameraArea: null,
    cameraList: null,
    cordonDrawRequest: false,
    cordonPolygon: null,
  };
  private readonly listeners = new Set<Listener>();
  private frameRequested = false;
  /**
   * At most one alert notification per ALERTS_NOTIFY_INTERVAL_MS, on a timer rather than at the
   * next animation frame: on the large city a software-rendered map frame took 50–150 ms and
   * frame-gated notifications waited behind it. The first batch after a quiet spell is told at once.
   */
  private readonly alertNotifications = new LeadingThrottle(() => this.notify(), ALERTS_NOTIFY_INTERVAL_MS, {
    timers: globalThis,
  });

  constructor(
    private readonly requestFrame: (cb: () => void) => void = (cb) => requestAnimationFrame(() => cb()),
  ) {}

  /**
   * Alert batches received and not yet applied: applied together when the store is next read or
   * told (at most every ALERTS_NOTIFY_INTERVAL_MS), not per feed batch. Each application copies
   * the alerts and the unseen set (thousands at 100 alerts/s): per batch that was the renderer's
   * largest single cost (bench/alertToScreen.ts profile, large city).
   */
  private pendingAlerts: Alert[] = [];

  getState = (): ConsoleState => {
    if (this.pendingAlerts.length > 0) this.applyPendingAlerts();
    return this.state;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  loadSnapshot(snapshot: Snapshot): void {
    this.getState(); // batches before the snapshot first, as they came
    this.cameras.replace(snapshot.cameraStatus);
    this.set({
      alerts: new Map(snapshot.alerts.map((a) => [a.id, a])),
      openQueue: openAlertQueue(snapshot.alerts),
      units: new Map(snapshot.units.map((u) => [u.id, u])),
      feed: snapshot.feed,
      settings: snapshot.settings,
      host: snapshot.host,
    });
  }

  upsertAlerts(alerts: readonly Alert[]): void {
    for (const alert of alerts) this.pendingAlerts.push(alert);
    this.alertNotifications.request();
  }

  private applyPendingAlerts(): void {
    const alerts = this.pendingAlerts;
    this.pendingAlerts = [];
    const next = new Map(this.state.alerts);
    const unseen = new Set(this.state.unseenAlertIds);
    for (const alert of alerts) {
      const before = next.get(alert.id);
      // New, or amended to a higher priority: the officer must look (again), the alarm sounds again.
      // (The alert the officer has open is being looked at: its detail shows the change.)
      const lookedAt = alert.id === this.state.selectedAlertId;
      if ((!before || (priorityRaised(before, alert) && !lookedAt)) && isOpen(alert.status))
        unseen.add(alert.id);
      if (!isOpen(alert.status)) unseen.delete(alert.id);
      // Closed alerts stay known (the officer may still be looking at one); the queue shows open ones.
      next.set(alert.id, alert);
    }
    // A batch after a quiet spell is told at once; batches close behind it are told together
    // shortly after: at 100 alerts/s a render of the whole queue per batch fell behind the feed.
    // In order by insertion: re-sorting thousands of open alerts per feed batch held the renderer.
    const openQueue = updateOpenAlertQueue(this.state.openQueue, this.state.alerts, alerts);
    this.state = { ...this.state, alerts: next, openQueue, unseenAlertIds: unseen };
  }

  applyPositions(positions: readonly UnitPosition[]): void {
    const next = new Map(this.state.units);
    for (const p of positions) {
      const unit = next.get(p.unitId);
      if (unit && isPositionCurrent(unit.position, p)) next.set(p.unitId, { ...unit, position: p });
    }
    this.state = { ...this.state, units: next };
    this.notifyNextFrame();
  }

  /** Units as the host stores them now (a commitment by another seat came or went). */
  upsertUnits(units: readonly Unit[]): void {
    const next = new Map(this.state.units);
    for (const u of units) next.set(u.id, { ...u, position: next.get(u.id)?.position ?? u.position });
    this.set({ units: next });
  }

  applyUnitStatus(reports: readonly UnitStatusReport[]): void {
    const next = new Map(this.state.units);
    for (const r of reports) {
      const unit = next.get(r.unitId);
      if (unit) next.set(r.unitId, { ...unit, status: r.status });
    }
    this.set({ units: next });
  }

  /** Camera state reports: applied and published every CAMERA_STATUS_NOTIFY_MS (see CameraStates). */
  applyCameraStatus(reports: readonly CameraStatusReport[]): void {
    this.cameras.apply(reports);
  }

  /** Only the cameras that changed, at each publication (the map's incremental updates). */
  onCameraChanges(listener: CameraChangesListener): () => void {
    return this.cameras.onChanges(listener);
  }

  setFeed(feed: FeedStatus): void {
    this.set({ feed });
  }

  setSettings(settings: Settings): void {
    this.set({ settings });
  }

  selectAlert(id: string | null): void {
    this.getState(); // batches received while another alert was open are applied as they were
    if (id === this.state.selectedAlertId) return;
    const unseen = new Set(this.state.unseenAlertIds);
    if (id) unseen.delete(id);
    this.set({
      selectedAlertId: id,
      unseenAlertIds: unseen,
      cameraArea: null,
      drawRequest: null,
      cameraList: null,
      cordonDrawRequest: false,
      cordonPolygon: null,
    });
  }

  requestAreaDraw(kind: 'circle' | 'polygon' | null): void {
    this.set({ drawRequest: kind });
  }

  setCameraArea(area: DrawnArea | null): void {
    this.set({ cameraArea: area, drawRequest: null, cameraList: null });
  }

  /** Puts these cameras on the video wall (null gives it back to the alert); a drawn area is dropped. */
  showCameras(ids: readonly string[] | null, point?: { lng: number; lat: number }): void {
    this.set({
      cameraList: ids && ids.length ? { ids: [...ids], ...(point ? { point } : {}) } : null,
      cameraArea: null,
      drawRequest: null,
    });
  }

  requestCordonDraw(on: boolean): void {
    this.set({ cordonDrawRequest: on, ...(on ? { drawRequest: null } : {}) });
  }

  setCordonPolygon(polygon: [number, number][] | null): void {
    this.set({ cordonPolygon: polygon, cordonDrawRequest: false });
  }

  private set(patch: Partial<ConsoleState>): void {
    this.state = { ...this.state, ...patch };
    this.notify();
  }

  /**
   * Tells listeners at the next animation frame, or after NOTIFY_FALLBACK_MS if no frame comes: a
   * hidden or minimised console gets no frames, and an urgent alert must still sound its alarm.
   */
  private notifyNextFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      this.frameRequested = false;
      this.notify();
    };
    const fallback = setTimeout(run, NOTIFY_FALLBACK_MS);
    this.requestFrame(run);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
