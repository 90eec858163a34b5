/**
 * The imperative map. React components hold one MapController and push state into it; all
 * MapLibre calls live here and in the layer modules, never in components (re-render cycles and
 * a WebGL context do not mix).
 *
 * Updates are coalesced per animation frame (FrameBatcher): however many setX calls arrive
 * between two frames, each source gets at most one update. The live feed's timing (units, camera
 * states, alerts) is liveLayers.ts's.
 */
import './maplibreSetup';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ConsolePack, RoadFeature } from '../../../shared/citypack/schema';
import { isOpen, type Alert } from '../../../shared/domain/alert';
import type { Unit, UnitPosition } from '../../../shared/domain/unit';
import type { CoverageSnapshot } from '../../../shared/contract/routingContract';
import type { CordonAnalysis } from '../../../shared/cordon/schema';
import { AlertPulse } from './alertPulse';
import { AreaDrawTool, type DrawnArea } from './areaDrawTool';
import { FrameBatcher } from './frameBatcher';
import { LiveLayers } from './liveLayers';
import type { MapLocale } from './theme';
import { createConsoleMap } from './createConsoleMap';
import { MapDiagnostics } from './mapDiagnostics';
import type { MapControllerOptions, MapDebugState } from './mapTypes';
import * as alertsLayer from './layers/alerts';
import * as cordonLayer from './layers/cordon';
import * as routeLayer from './layers/route';
import { InsightOverlays } from './insightOverlays';
import { MapLayerData, type DirtyKey } from './mapLayerData';
import { warmUpAlertPrograms } from './layers/alertsWarmUp';
import { applyLabelLocale, MapClickListeners } from './mapClicks';
import type { RiskData } from './layers/riskDistricts';
import type { HeatData } from './layers/heatmap';
import type { RepositionPreview } from './layers/reposition';

const SELECT_MIN_ZOOM = 14;

export class MapController {
  readonly map: MaplibreMap;

  private readonly pack: ConsolePack;
  private readonly now: () => number;
  private readonly animate: boolean;
  private locale: MapLocale;
  private readonly data: MapLayerData;
  private readonly clicks = new MapClickListeners();
  private readonly batcher: FrameBatcher<DirtyKey>;
  private readonly live: LiveLayers;
  private readonly readyPromise: Promise<void>;
  private liveDrawnResolve: () => void = () => undefined;
  private readonly liveDrawnPromise = new Promise<void>((resolve) => (this.liveDrawnResolve = resolve));
  private ready = false;
  private disposed = false;
  private cancelDeferred: () => void = () => undefined;
  private cancelWarmUp: () => void = () => undefined;
  /** The alert layers show the warm-up placeholder: alert data waits for its restore. */
  private warmingUp = false;
  private readonly pulse: AlertPulse;
  private areaTool: AreaDrawTool | null = null;
  private readonly diagnostics: MapDiagnostics;

  constructor(container: HTMLElement, pack: ConsolePack, options: MapControllerOptions = {}) {
    const createdAt = performance.now();
    this.pack = pack;
    this.data = new MapLayerData(pack, new InsightOverlays(pack));
    this.now = options.now ?? Date.now;
    this.animate = options.animate ?? true;
    this.locale = options.locale ?? 'zh-CN';
    this.map = createConsoleMap(container, pack.manifest);
    this.diagnostics = new MapDiagnostics(this.map, pack, this.data, createdAt);
    this.batcher = new FrameBatcher((keys) => this.flush(keys));
    this.live = new LiveLayers(
      this.data,
      (key) => this.markDirty(key),
      () => this.ready && !this.disposed,
      this.now,
    );
    this.pulse = new AlertPulse(
      this.map,
      () => this.animate && this.ready && !this.disposed && this.hasUrgentAlert(),
    );
    this.readyPromise = new Promise<void>((resolve) => {
      // If disposed before load, this never settles: callers awaiting it from an unmounted
      // component simply never continue, instead of getting a rejection to handle.
      this.map.once('load', () => {
        if (this.disposed) return;
        this.diagnostics.mark('styleLoaded');
        this.installAll();
        this.diagnostics.mark('installed');
        this.ready = true;
        this.pulse.ensureRunning();
        resolve();
      });
    });
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /**
   * Resolves at the first frame that drew the cameras, alerts and units (or the first idle map):
   * what waits for it (the road network's request) does not compete with the first picture.
   */
  whenLiveDrawn(): Promise<void> {
    return this.liveDrawnPromise;
  }

  // ---- data ------------------------------------------------------------------------------

  setAlerts(alerts: readonly Alert[]): void {
    this.live.setAlerts(alerts);
    this.pulse.ensureRunning();
  }

  /** Full replacement of units (definitions, status and positions). */
  setUnits(units: readonly Unit[]): void {
    this.live.setUnits(units);
  }

  /** Merges AVL position reports (late and unknown ones dropped: LiveLayers.updateUnitPositions). */
  updateUnitPositions(positions: readonly UnitPosition[]): void {
    this.live.updateUnitPositions(positions);
  }

  /**
   * Merges live camera online/offline states; cameras not mentioned keep their state. A camera
   * whose drawn state changed is re-coloured at the next live update, its cluster later.
   */
  setCameraStatus(
    status: ReadonlyMap<string, boolean> | Iterable<[string, boolean]> | Readonly<Record<string, boolean>>,
  ): void {
    this.live.setCameraStatus(status);
  }

  /** The road network (loaded apart from the pack): drawn after the live picture. */
  setRoads(network: { features: readonly RoadFeature[] }): void {
    if (!this.disposed) this.data.setRoads(this.ready ? this.map : null, network);
  }

  /** Lets the officer draw a circle or polygon; `onDone` gets it (camera selection by area). */
  drawArea(kind: 'circle' | 'polygon', onDone: (area: DrawnArea) => void): void {
    void this.whenReady().then(() => (this.areaTool ??= new AreaDrawTool(this.map)).start(kind, onDone));
  }

  clearArea(): void {
    this.areaTool?.clear();
  }

  /** The selected alert's best route (unit → alert), or null to clear it. */
  setRoute(coords: routeLayer.RouteCoords | null): void {
    this.data.route = coords;
    this.markDirty('route');
  }

  /** The coverage overlay (roads by arrival tier), or null to switch it off. */
  setCoverage(geojson: CoverageSnapshot['geojson'] | null): void {
    this.data.coverage = geojson;
    this.markDirty('coverage');
  }

  /** The selected alert's cordon, or null; a newly opened one fits the view to ring 1 and its gaps. */
  setCordon(analysis: CordonAnalysis | null): void {
    if (this.ready) cordonLayer.focus(this.map, this.data.cordon, analysis);
    this.data.cordon = analysis;
    this.markDirty('cordon');
  }

  /** The alert heat map's points (警情云图), or null to switch it off. */
  setHeatmap(data: HeatData | null): void {
    this.data.insight.heat = data;
    this.markDirty('heatmap');
  }

  /** The repositioning preview (moves and the coverage after them), or null to clear it. */
  setRepositionPreview(preview: RepositionPreview | null): void {
    this.data.insight.reposition = preview;
    this.markDirty('reposition');
  }

  /** District and place risk grades, or null to switch them off. */
  setRisk(data: RiskData | null): void {
    this.data.insight.risk = data;
    this.markDirty('risk');
  }

  /** Calls `cb(lngLat, zoom)` on any click on the map (hot spots). Returns the unsubscribe function. */
  onMapClick(cb: (at: { lng: number; lat: number }, zoom: number) => void): () => void {
    return this.clicks.onMap(cb);
  }

  // ---- selection & highlight ------------------------------------------------------------

  /** Rings the alert and flies to it (a jump under prefers-reduced-motion). */
  selectAlert(id: string | null): void {
    this.data.selectedAlertId = id;
    this.markDirty('alerts'); // a selected alert's point is drawn now, not at the live interval's end
    if (this.ready && !this.warmingUp) alertsLayer.select(this.map, id); // else the warm-up's restore selects it
    const alert = id ? this.data.alerts.find((a) => a.id === id) : undefined;
    if (!alert) return;
    const center: [number, number] = [alert.position.lng, alert.position.lat];
    if (!this.ready) {
      this.map.jumpTo({ center, zoom: Math.max(this.map.getZoom(), SELECT_MIN_ZOOM) });
      return;
    }
    this.map.flyTo({ center, zoom: Math.max(this.map.getZoom(), SELECT_MIN_ZOOM), maxDuration: 1500 });
  }

  highlightCameras(ids: Iterable<string>): void {
    this.data.highlightedCameras = new Set(ids);
    this.markDirty('cameraHighlight');
  }

  highlightUnits(ids: Iterable<string>): void {
    this.data.highlightedUnits = new Set(ids);
    this.markDirty('units');
  }

  /** Calls `cb(alertId)` when an alert on the map is clicked. Returns the unsubscribe function. */
  onAlertClick(cb: (alertId: string) => void): () => void {
    return this.clicks.onAlert(cb);
  }

  /** Switches every label layer's `text-field` between `name` and `nameEn`. */
  setLocale(locale: MapLocale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    if (!this.ready) return; // installAll uses this.locale
    applyLabelLocale(this.map, locale);
  }

  // ---- diagnostics & lifecycle ----------------------------------------------------------

  getDebugState(): MapDebugState {
    const { ready, disposed, locale } = this;
    return this.diagnostics.state({ ready, disposed, locale, drawnArea: this.areaTool?.lastArea ?? null });
  }

  /**
   * Bench hook (bench/mapFrames.ts): redraw every frame, whether or not anything changed, so a
   * map with no live updates and one with them are compared drawing the same number of frames.
   */
  setRepaintEveryFrame(on: boolean): void {
    this.map.repaint = on;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.cancel();
    this.live.cancel();
    this.pulse.stop();
    this.cancelDeferred();
    this.cancelWarmUp();
    this.clicks.dispose();
    this.map.remove();
  }

  // ---- internals ------------------------------------------------------------------------

  private installAll(): void {
    const { map } = this;
    this.cancelDeferred = this.data.install(map, this.locale, this.now(), () => {
      this.live.onLiveDrawn();
      this.liveDrawnResolve();
    });
    if (this.data.alerts.length === 0) {
      this.warmingUp = true;
      this.cancelWarmUp = warmUpAlertPrograms(map, this.pack.manifest.center, () => {
        this.warmingUp = false;
        this.data.resetAlerts(map);
        alertsLayer.select(map, this.data.selectedAlertId);
      });
    }
    this.clicks.wire(map);
  }

  private markDirty(key: DirtyKey): void {
    // Before load, state is only stored: installAll picks it up.
    if (this.ready && !this.disposed) this.batcher.mark(key);
  }

  private flush(keys: ReadonlySet<DirtyKey>): void {
    if (this.disposed) return;
    // Real alerts end the warm-up (the first one compiles the programs anyway); an empty update
    // would only replace the placeholder before a frame drew it.
    if (this.warmingUp && keys.has('alerts')) {
      if (this.data.alerts.length > 0) this.cancelWarmUp();
      else keys = new Set([...keys].filter((k) => k !== 'alerts'));
    }
    this.data.flush(this.map, keys, this.now());
  }

  private hasUrgentAlert(): boolean {
    return this.data.alerts.some((a) => a.priority === 1 && isOpen(a.status));
  }
}
