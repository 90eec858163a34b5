/**
 * The imperative map. React components hold one MapController and push state into it; all
 * MapLibre calls live here and in the layer modules, never in components (re-render cycles and
 * a WebGL context do not mix).
 *
 * Live updates are coalesced per animation frame (FrameBatcher): however many setX calls arrive
 * between two frames, each source gets at most one setData.
 */
import './maplibreSetup';
import { Map as MaplibreMap, type MapLayerMouseEvent, type Subscription } from 'maplibre-gl';
import type { CityPack } from '../../../shared/citypack/schema';
import { isOpen, type Alert } from '../../../shared/domain/alert';
import { isPositionCurrent, type Unit, type UnitPosition } from '../../../shared/domain/unit';
import type { CoverageSnapshot } from '../../../shared/contract/routingContract';
import type { CordonAnalysis } from '../../../shared/cordon/schema';
import { AlertPulse } from './alertPulse';
import { renderedCounts } from './renderedCounts';
import { AreaDrawTool, type DrawnArea } from './areaDrawTool';
import { FrameBatcher, ThrottledMarks } from './frameBatcher';
import { createBaseStyle, LAYER_MODULES } from './style';
import { LOCAL_IDEOGRAPH_FONT_FAMILY, type MapLocale } from './theme';
import type { MapControllerOptions, MapDebugState } from './mapTypes';
import * as alertsLayer from './layers/alerts';
import * as boundaries from './layers/boundaries';
import * as cameras from './layers/cameras';
import * as checkpoints from './layers/checkpoints';
import * as coverageLayer from './layers/coverage';
import * as cordonLayer from './layers/cordon';
import * as districts from './layers/districts';
import * as places from './layers/places';
import * as roads from './layers/roads';
import * as routeLayer from './layers/route';
import * as unitsLayer from './layers/units';
import { InsightOverlays } from './insightOverlays';
import type { RiskData } from './layers/riskDistricts';
import type { HeatData } from './layers/heatmap';
import type { RepositionPreview } from './layers/reposition';

/**
 * Live layers (units, camera states, the alert points) reach the map at most this often: units
 * report at 1 Hz, alerts may arrive by the dozen a second, and each update repaints the whole
 * (often software-rendered) map, holding the main thread the queue needs (an alert's row does not
 * wait for its map point). User actions (selection, highlights, routes, cordon) are not delayed.
 */
const LIVE_UPDATE_MS = 1000;
/** The sources of the live picture: drawn before the road network is handed to the map. */
const LIVE_SOURCES = [cameras.SOURCE_ID, alertsLayer.SOURCE_ID, unitsLayer.SOURCE_ID];

type DirtyKey =
  | 'alerts'
  | 'units'
  | 'cameras'
  | 'cameraHighlight'
  | 'route'
  | 'coverage'
  | 'cordon'
  | 'heatmap'
  | 'risk'
  | 'reposition';

/** How often unit staleness is re-checked when no data arrives (stale is time-, not data-driven). */
const STALE_CHECK_MS = 5_000;
const SELECT_MIN_ZOOM = 14;
const ALERT_CLICK_LAYERS = [alertsLayer.POINT_LAYER_ID, alertsLayer.SELECTED_LAYER_ID];

export class MapController {
  readonly map: MaplibreMap;

  private readonly pack: CityPack;
  private readonly now: () => number;
  private readonly animate: boolean;
  private locale: MapLocale;
  private alerts: readonly Alert[] = [];
  private readonly units = new Map<string, Unit>();
  private readonly cameraStatus = new Map<string, boolean>();
  private readonly cameraById: ReadonlyMap<string, CityPack['cameras'][number]>;
  /** Cameras whose state changed since the last flush: only these go to the map (updateData). */
  private pendingCameras = new Map<string, CityPack['cameras'][number]>();
  private readonly unitDiffer = unitsLayer.unitDiffer();
  private highlightedCameras: ReadonlySet<string> = new Set();
  private highlightedUnits: ReadonlySet<string> = new Set();
  private selectedAlertId: string | null = null;
  private route: routeLayer.RouteCoords | null = null;
  private coverage: CoverageSnapshot['geojson'] | null = null;
  private cordon: CordonAnalysis | null = null;
  private readonly counts: Record<string, number> = {};
  /** Features handed to MapLibre per source since load (full installs and diffs). */
  private readonly sent: Record<string, number> = {};
  private readonly alertClickListeners = new Set<(alertId: string) => void>();
  private readonly mapClickListeners = new Set<(at: { lng: number; lat: number }, zoom: number) => void>();
  private readonly insight: InsightOverlays;
  private readonly subscriptions: Subscription[] = [];
  private readonly batcher: FrameBatcher<DirtyKey>;
  private readonly live: ThrottledMarks<DirtyKey>;
  private readonly readyPromise: Promise<void>;
  private ready = false;
  private disposed = false;
  private frames = 0;
  private cancelRoads: () => void = () => undefined;
  private readonly pulse: AlertPulse;
  private staleTimer: ReturnType<typeof setInterval> | null = null;
  private staleSignature = '';
  private areaTool: AreaDrawTool | null = null;

  constructor(container: HTMLElement, pack: CityPack, options: MapControllerOptions = {}) {
    this.pack = pack;
    this.cameraById = new Map(pack.cameras.map((c) => [c.id, c]));
    this.insight = new InsightOverlays(pack);
    this.now = options.now ?? Date.now;
    this.animate = options.animate ?? true;
    this.locale = options.locale ?? 'zh-CN';
    const { manifest } = pack;
    this.map = new MaplibreMap({
      container,
      style: createBaseStyle(),
      center: manifest.center,
      zoom: manifest.zoom,
      minZoom: 5,
      // North stays up: a rotated map on a shared video wall disorients everyone else in the room.
      dragRotate: false,
      pitchWithRotate: false,
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      fadeDuration: 0,
      attributionControl: {
        compact: false,
        customAttribution: manifest.synthetic ? 'Synthetic demo city（合成演示数据）' : manifest.attribution,
      },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.on('render', () => this.frames++);
    this.batcher = new FrameBatcher((keys) => this.flush(keys));
    this.live = new ThrottledMarks<DirtyKey>(
      (key) => this.markDirty(key),
      new Set(['units', 'cameras', 'alerts']),
      LIVE_UPDATE_MS,
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
        this.installAll();
        this.ready = true;
        this.pulse.ensureRunning();
        resolve();
      });
    });
    this.staleTimer = setInterval(() => this.checkStale(), STALE_CHECK_MS);
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  // ---- data ------------------------------------------------------------------------------

  setAlerts(alerts: readonly Alert[]): void {
    this.alerts = alerts;
    this.markLive('alerts');
    this.pulse.ensureRunning();
  }

  /** Full replacement of units (definitions, status and positions). */
  setUnits(units: readonly Unit[]): void {
    this.units.clear();
    for (const u of units) this.units.set(u.id, u);
    this.markLive('units');
  }

  /**
   * Merges AVL position reports. Reports for unknown units are dropped (setUnits defines the
   * roster); reports older than the unit's current position are dropped too, because feeds can
   * deliver out of order and a late packet must not jump a car backwards.
   */
  updateUnitPositions(positions: readonly UnitPosition[]): void {
    let changed = false;
    for (const p of positions) {
      const unit = this.units.get(p.unitId);
      if (!unit) continue;
      if (!isPositionCurrent(unit.position, p)) continue;
      this.units.set(p.unitId, { ...unit, position: p });
      changed = true;
    }
    if (changed) this.markLive('units');
  }

  /**
   * Merges live camera online/offline states; cameras not mentioned keep their state. Only the
   * cameras whose drawn state changed are sent to the map at the next frame.
   */
  setCameraStatus(
    status: ReadonlyMap<string, boolean> | Iterable<[string, boolean]> | Readonly<Record<string, boolean>>,
  ): void {
    const entries =
      status instanceof Map
        ? status.entries()
        : Symbol.iterator in status
          ? (status as Iterable<[string, boolean]>)
          : Object.entries(status);
    const changed = cameras.mergeStatus(this.cameraStatus, entries, this.cameraById);
    if (changed.length === 0) return;
    for (const c of changed) this.pendingCameras.set(c.id, c);
    this.markLive('cameras');
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
    this.route = coords;
    this.markDirty('route');
  }

  /** The coverage overlay (roads by arrival tier), or null to switch it off. */
  setCoverage(geojson: CoverageSnapshot['geojson'] | null): void {
    this.coverage = geojson;
    this.markDirty('coverage');
  }

  /** The selected alert's cordon, or null; a newly opened one fits the view to ring 1 and its gaps. */
  setCordon(analysis: CordonAnalysis | null): void {
    if (this.ready) cordonLayer.focus(this.map, this.cordon, analysis);
    this.cordon = analysis;
    this.markDirty('cordon');
  }

  /** The alert heat map's points (警情云图), or null to switch it off. */
  setHeatmap(data: HeatData | null): void {
    this.insight.heat = data;
    this.markDirty('heatmap');
  }

  /** The repositioning preview (moves and the coverage after them), or null to clear it. */
  setRepositionPreview(preview: RepositionPreview | null): void {
    this.insight.reposition = preview;
    this.markDirty('reposition');
  }

  /** District and place risk grades, or null to switch them off. */
  setRisk(data: RiskData | null): void {
    this.insight.risk = data;
    this.markDirty('risk');
  }

  /** Calls `cb(lngLat, zoom)` on any click on the map (hot spots). Returns the unsubscribe function. */
  onMapClick(cb: (at: { lng: number; lat: number }, zoom: number) => void): () => void {
    this.mapClickListeners.add(cb);
    return () => {
      this.mapClickListeners.delete(cb);
    };
  }

  // ---- selection & highlight ------------------------------------------------------------

  /** Rings the alert and flies to it (a jump under prefers-reduced-motion). */
  selectAlert(id: string | null): void {
    this.selectedAlertId = id;
    this.markDirty('alerts'); // a selected alert's point is drawn now, not at the live interval's end
    if (this.ready) alertsLayer.select(this.map, id);
    const alert = id ? this.alerts.find((a) => a.id === id) : undefined;
    if (!alert) return;
    const center: [number, number] = [alert.position.lng, alert.position.lat];
    if (!this.ready) {
      this.map.jumpTo({ center, zoom: Math.max(this.map.getZoom(), SELECT_MIN_ZOOM) });
      return;
    }
    this.map.flyTo({ center, zoom: Math.max(this.map.getZoom(), SELECT_MIN_ZOOM), maxDuration: 1500 });
  }

  highlightCameras(ids: Iterable<string>): void {
    this.highlightedCameras = new Set(ids);
    this.markDirty('cameraHighlight');
  }

  highlightUnits(ids: Iterable<string>): void {
    this.highlightedUnits = new Set(ids);
    this.markDirty('units');
  }

  /** Calls `cb(alertId)` when an alert on the map is clicked. Returns the unsubscribe function. */
  onAlertClick(cb: (alertId: string) => void): () => void {
    this.alertClickListeners.add(cb);
    return () => {
      this.alertClickListeners.delete(cb);
    };
  }

  /** Switches every label layer's `text-field` between `name` and `nameEn`. */
  setLocale(locale: MapLocale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    if (!this.ready) return; // installAll uses this.locale
    for (const mod of Object.values(LAYER_MODULES)) {
      for (const layer of mod.layers(locale)) {
        if (layer.type !== 'symbol' || !layer.layout?.['text-field'] || !this.map.getLayer(layer.id))
          continue;
        this.map.setLayoutProperty(layer.id, 'text-field', layer.layout['text-field']);
      }
    }
  }

  // ---- diagnostics & lifecycle ----------------------------------------------------------

  getDebugState(): MapDebugState {
    return {
      loaded: !this.disposed && this.ready && !!this.map.isStyleLoaded() && this.map.areTilesLoaded(),
      mapLoaded: !this.disposed && this.map.loaded(),
      ready: this.ready,
      counts: { ...this.counts },
      sent: { ...this.sent },
      frames: this.frames,
      selectedAlertId: this.selectedAlertId,
      highlightedCameras: this.highlightedCameras.size,
      highlightedUnits: this.highlightedUnits.size,
      locale: this.locale,
      drawnArea: this.areaTool?.lastArea ?? null,
      rendered: this.ready && !this.disposed ? renderedCounts(this.map) : {},
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.batcher.cancel();
    this.live.cancel();
    this.pulse.stop();
    this.cancelRoads();
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.staleTimer = null;
    for (const s of this.subscriptions) s.unsubscribe();
    this.alertClickListeners.clear();
    this.mapClickListeners.clear();
    this.map.remove();
  }

  // ---- internals ------------------------------------------------------------------------

  private installAll(): void {
    const { pack, map, locale } = this;
    const now = this.now();
    this.counts[boundaries.SOURCE_ID] = boundaries.install(map, pack.boundaries, locale).features.length;
    this.counts[districts.SOURCE_ID] = districts.install(map, pack.districts, locale).features.length;
    this.counts[roads.SOURCE_ID] = 0;
    this.cancelRoads = roads.installDeferred(
      map,
      pack.roads,
      locale,
      () => LIVE_SOURCES.every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id)),
      (fc) => {
        this.counts[roads.SOURCE_ID] = fc.features.length;
        this.addSent(roads.SOURCE_ID, fc.features.length);
      },
    );
    this.counts[coverageLayer.SOURCE_ID] = coverageLayer.install(map, this.coverage).features.length;
    this.counts[cordonLayer.SOURCE_ID] = cordonLayer.install(map, this.cordon).features.length;
    this.counts[places.SOURCE_ID] = places.install(map, pack.places, locale).features.length;
    this.counts[cameras.SOURCE_ID] = cameras.install(
      map,
      pack.cameras,
      this.cameraStatus,
      this.highlightedCameras,
    ).features.length;
    this.pendingCameras.clear(); // the install drew the current states
    this.counts[cameras.HIGHLIGHT_SOURCE_ID] = cameras.toHighlightCollection(
      pack.cameras,
      this.highlightedCameras,
    ).features.length;
    this.counts[checkpoints.SOURCE_ID] = checkpoints.install(map, pack.checkpoints).features.length;
    this.counts[routeLayer.SOURCE_ID] = routeLayer.install(map, this.route).features.length;
    this.insight.install(map, this.counts);
    this.counts[alertsLayer.SOURCE_ID] = alertsLayer.install(map, this.alerts).features.length;
    const unitFc = unitsLayer.install(map, [...this.units.values()], now, this.highlightedUnits);
    this.unitDiffer.reset(unitFc.features as unitsLayer.UnitFeature[]);
    this.counts[unitsLayer.SOURCE_ID] = unitFc.features.length;
    for (const [id, n] of Object.entries(this.counts)) this.sent[id] = n;
    alertsLayer.select(map, this.selectedAlertId);
    this.staleSignature = unitsLayer.staleUnitIds([...this.units.values()], now).join(',');

    const onClick = (e: MapLayerMouseEvent): void => {
      const id = e.features?.[0]?.properties?.['id'];
      if (typeof id === 'string') for (const cb of [...this.alertClickListeners]) cb(id);
    };
    const canvas = map.getCanvas();
    this.subscriptions.push(
      map.on('click', ALERT_CLICK_LAYERS, onClick),
      map.on('click', (e) => {
        for (const cb of [...this.mapClickListeners])
          cb({ lng: e.lngLat.lng, lat: e.lngLat.lat }, map.getZoom());
      }),
      map.on('mouseenter', ALERT_CLICK_LAYERS, () => (canvas.style.cursor = 'pointer')),
      map.on('mouseleave', ALERT_CLICK_LAYERS, () => (canvas.style.cursor = '')),
    );
  }

  /** Live-feed changes (positions, camera states, alerts): at most one map update per LIVE_UPDATE_MS. */
  private markLive(key: 'units' | 'cameras' | 'alerts'): void {
    if (this.ready && !this.disposed) this.live.request(key);
  }

  private markDirty(key: DirtyKey): void {
    // Before load, state is only stored: installAll picks it up.
    if (this.ready && !this.disposed) this.batcher.mark(key);
  }

  private flush(keys: ReadonlySet<DirtyKey>): void {
    if (this.disposed) return;
    const { map, pack } = this;
    if (keys.has('alerts'))
      this.counts[alertsLayer.SOURCE_ID] = alertsLayer.update(map, this.alerts).features.length;
    if (keys.has('route'))
      this.counts[routeLayer.SOURCE_ID] = routeLayer.update(map, this.route).features.length;
    if (keys.has('coverage'))
      this.counts[coverageLayer.SOURCE_ID] = coverageLayer.update(map, this.coverage).features.length;
    if (keys.has('cordon'))
      this.counts[cordonLayer.SOURCE_ID] = cordonLayer.update(map, this.cordon).features.length;
    this.insight.flush(map, this.counts, keys);
    if (keys.has('units')) {
      const units = [...this.units.values()];
      const now = this.now();
      const { fc, sent } = unitsLayer.updateChanged(map, this.unitDiffer, units, now, this.highlightedUnits);
      this.counts[unitsLayer.SOURCE_ID] = fc.features.length;
      this.addSent(unitsLayer.SOURCE_ID, sent);
      this.staleSignature = unitsLayer.staleUnitIds(units, now).join(',');
    }
    // Camera changes wait for their own (throttled) flush: a frame flushed for another key must
    // not drop them.
    const changedCameras: CityPack['cameras'][number][] = [];
    if (keys.has('cameras')) {
      changedCameras.push(...this.pendingCameras.values());
      this.pendingCameras.clear();
    }
    if (changedCameras.length)
      this.addSent(cameras.SOURCE_ID, cameras.updateStatus(map, changedCameras, this.cameraStatus));
    // Highlighted cameras carry the online flag too, so a status change of one refreshes them.
    if (keys.has('cameraHighlight') || changedCameras.some((c) => this.highlightedCameras.has(c.id))) {
      this.counts[cameras.HIGHLIGHT_SOURCE_ID] = cameras.setHighlighted(
        map,
        pack.cameras,
        this.highlightedCameras,
        this.cameraStatus,
      ).features.length;
    }
  }

  private addSent(sourceId: string, n: number): void {
    this.sent[sourceId] = (this.sent[sourceId] ?? 0) + n;
  }

  /**
   * Units go stale by the clock alone, with no new data to trigger a redraw. Redraw when the set
   * of stale units changes, and while any are stale (their age label keeps counting).
   */
  private checkStale(): void {
    if (!this.ready || this.disposed) return;
    const ids = unitsLayer.staleUnitIds([...this.units.values()], this.now());
    const signature = ids.join(',');
    if (signature !== this.staleSignature || ids.length > 0) this.batcher.mark('units');
  }

  private hasUrgentAlert(): boolean {
    return this.alerts.some((a) => a.priority === 1 && isOpen(a.status));
  }
}
