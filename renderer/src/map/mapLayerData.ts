/**
 * What the map shows, kept apart from MapLibre's lifecycle: the data each source is drawn from,
 * the install of every layer module at load, and the flush of the sources marked dirty. The
 * controller (mapController.ts) owns the map, the timing of flushes and the public API.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ConsolePack, RoadFeature } from '../../../shared/citypack/schema';
import type { Alert } from '../../../shared/domain/alert';
import type { Unit } from '../../../shared/domain/unit';
import type { CoverageSnapshot } from '../../../shared/contract/routingContract';
import type { CordonAnalysis } from '../../../shared/cordon/schema';
import type { MapLocale } from './theme';
import type { InsightOverlays } from './insightOverlays';
import * as alertsLayer from './layers/alerts';
import * as boundaries from './layers/boundaries';
import * as cameras from './layers/cameras';
import * as cameraCones from './layers/cameraCones';
import * as checkpoints from './layers/checkpoints';
import * as coverageLayer from './layers/coverage';
import * as cordonLayer from './layers/cordon';
import * as districts from './layers/districts';
import * as places from './layers/places';
import * as roads from './layers/roads';
import * as routeLayer from './layers/route';
import * as unitsLayer from './layers/units';
import { whenLiveDrawn } from './layers/common';
import { CameraStates } from './layers/cameraStates';

export type DirtyKey =
  | 'alerts'
  | 'units'
  | 'cameras'
  | 'cameraClusters'
  | 'cameraHighlight'
  | 'route'
  | 'coverage'
  | 'cordon'
  | 'heatmap'
  | 'risk'
  | 'reposition';

/** The sources of the live picture: drawn before the road network is handed to the map. */
const LIVE_SOURCES = [cameras.SOURCE_ID, alertsLayer.SOURCE_ID, unitsLayer.SOURCE_ID];

export class MapLayerData {
  alerts: readonly Alert[] = [];
  readonly units = new Map<string, Unit>();
  /** Live camera states, and which of them the map has yet to be given (feature-state, clusters). */
  readonly cameraStates: CameraStates;
  highlightedCameras: ReadonlySet<string> = new Set();
  highlightedUnits: ReadonlySet<string> = new Set();
  selectedAlertId: string | null = null;
  route: routeLayer.RouteCoords | null = null;
  coverage: CoverageSnapshot['geojson'] | null = null;
  cordon: CordonAnalysis | null = null;
  /** Features per source, from the data last handed to MapLibre. */
  readonly counts: Record<string, number> = {};
  /** Features handed to MapLibre per source since load (full installs and diffs). */
  readonly sent: Record<string, number> = {};
  /** Feature-states set per source since load (camera states: point and cone, under `cameras`). */
  readonly states: Record<string, number> = {};
  /** The stale units when the units were last drawn (see MapController.checkStale). */
  staleSignature = '';
  /** The road network, once it has come (setRoads). */
  private roads: { features: readonly RoadFeature[] } | null = null;
  /** The view cones and the road network have been handed to the map (they wait for the live picture, see install). */
  roadsFilled = false;
  /**
   * The first frame with the cameras, alerts and units drawn has been shown. Until then camera
   * status changes wait (cameraStates): a re-cluster of all 65,000 points in MapLibre's worker
   * held back the cameras' first tiles on the large city.
   */
  liveDrawn = false;
  /** Stops a cone hand-over still under way (a re-install or the map's end). */
  private cancelCones: () => void = () => undefined;
  /** When deferred sources were filled (performance.now()), for MapDebugState.milestones. */
  readonly milestones: Record<string, number> = {};
  private readonly unitDiffer = unitsLayer.unitDiffer();
  private readonly alertDiffer = alertsLayer.alertDiffer();

  constructor(
    private readonly pack: ConsolePack,
    readonly insight: InsightOverlays,
  ) {
    this.cameraStates = new CameraStates(pack.cameras);
  }

  /**
   * Merges live camera online/offline states; cameras not mentioned keep their state. Only the
   * cameras whose drawn state changed wait for the next flushes. True when one did.
   */
  mergeCameraStatus(
    status: ReadonlyMap<string, boolean> | Iterable<[string, boolean]> | Readonly<Record<string, boolean>>,
  ): boolean {
    const entries =
      status instanceof Map
        ? status.entries()
        : Symbol.iterator in status
          ? (status as Iterable<[string, boolean]>)
          : Object.entries(status);
    return this.cameraStates.merge(entries);
  }

  /** Adds every source and layer with the current data; returns the cancel of the deferred roads. */
  install(map: MaplibreMap, locale: MapLocale, now: number, onLiveDrawn: () => void): () => void {
    const { pack, counts } = this;
    counts[boundaries.SOURCE_ID] = boundaries.install(map, pack.boundaries, locale).features.length;
    counts[districts.SOURCE_ID] = districts.install(map, pack.districts, locale).features.length;
    // The road network and the view cones wait until the live picture is drawn (whenLiveDrawn).
    counts[roads.SOURCE_ID] = roads.install(map, { features: [] }, locale).features.length;
    const cancelDeferred = whenLiveDrawn(
      map,
      () => LIVE_SOURCES.every((id) => map.getSource(id) !== undefined && map.isSourceLoaded(id)),
      () => {
        this.liveDrawn = true;
        onLiveDrawn();
        this.fillDeferred(map);
      },
    );
    counts[coverageLayer.SOURCE_ID] = coverageLayer.install(map, this.coverage).features.length;
    counts[cordonLayer.SOURCE_ID] = cordonLayer.install(map, this.cordon).features.length;
    counts[places.SOURCE_ID] = places.install(map, pack.places, locale).features.length;
    counts[cameras.SOURCE_ID] = cameras.install(
      map,
      pack.cameras,
      this.cameraStates.status,
      this.highlightedCameras,
    ).features.length;
    this.cameraStates.installed(); // the install drew the current states
    counts[cameras.HIGHLIGHT_SOURCE_ID] = cameras.toHighlightCollection(
      pack.cameras,
      this.highlightedCameras,
    ).features.length;
    counts[checkpoints.SOURCE_ID] = checkpoints.install(map, pack.checkpoints).features.length;
    counts[routeLayer.SOURCE_ID] = routeLayer.install(map, this.route).features.length;
    this.insight.install(map, counts);
    const alertFc = alertsLayer.install(map, this.alerts);
    this.alertDiffer.reset(alertFc.features as alertsLayer.AlertFeature[]);
    counts[alertsLayer.SOURCE_ID] = alertFc.features.length;
    const unitFc = unitsLayer.install(map, [...this.units.values()], now, this.highlightedUnits);
    this.unitDiffer.reset(unitFc.features as unitsLayer.UnitFeature[]);
    counts[unitsLayer.SOURCE_ID] = unitFc.features.length;
    for (const [id, n] of Object.entries(counts)) this.sent[id] = n;
    alertsLayer.select(map, this.selectedAlertId);
    this.staleSignature = unitsLayer.staleUnitIds([...this.units.values()], now).join(',');
    return () => {
      cancelDeferred();
      this.cancelCones();
    };
  }

  /**
   * The road network, which the renderer loads apart from the pack (`city.roads`): drawn once it
   * has come and the live picture is drawn, whichever is last.
   */
  setRoads(map: MaplibreMap | null, network: { features: readonly RoadFeature[] }): void {
    this.roads = network;
    if (map && this.liveDrawn) this.fillRoads(map);
  }

  /** The view cones (smaller, wanted first at the selection zoom), then the road network. */
  private fillDeferred(map: MaplibreMap): void {
    const { counts, milestones } = this;
    milestones['liveDrawn'] = performance.now();
    counts[cameras.FOV_SOURCE_ID] = 0;
    this.cancelCones();
    this.cancelCones = cameraCones.fillConesInChunks(
      map,
      this.pack.cameras,
      this.cameraStates.status,
      (sent, done) => {
        counts[cameras.FOV_SOURCE_ID] = (counts[cameras.FOV_SOURCE_ID] ?? 0) + sent;
        this.addSent(cameras.FOV_SOURCE_ID, sent);
        if (done) milestones['conesFilled'] = performance.now();
      },
    );
    this.fillRoads(map);
  }

  private fillRoads(map: MaplibreMap): void {
    if (!this.roads || this.roadsFilled) return;
    const roadCount = roads.update(map, this.roads).features.length;
    this.counts[roads.SOURCE_ID] = roadCount;
    this.addSent(roads.SOURCE_ID, roadCount);
    this.roadsFilled = true;
    this.milestones['roadsFilled'] = performance.now();
  }

  /** All alerts at once (setData), after something else had the alert source (the warm-up). */
  resetAlerts(map: MaplibreMap): void {
    const fc = alertsLayer.update(map, this.alerts);
    this.alertDiffer.reset(fc.features as alertsLayer.AlertFeature[]);
    this.counts[alertsLayer.SOURCE_ID] = fc.features.length;
    this.addSent(alertsLayer.SOURCE_ID, fc.features.length);
  }

  /** Hands the sources marked dirty to MapLibre. */
  flush(map: MaplibreMap, keys: ReadonlySet<DirtyKey>, now: number): void {
    const { counts } = this;
    if (keys.has('alerts')) {
      const { fc, sent } = alertsLayer.updateChanged(map, this.alertDiffer, this.alerts);
      counts[alertsLayer.SOURCE_ID] = fc.features.length;
      this.addSent(alertsLayer.SOURCE_ID, sent);
    }
    if (keys.has('route')) counts[routeLayer.SOURCE_ID] = routeLayer.update(map, this.route).features.length;
    if (keys.has('coverage'))
      counts[coverageLayer.SOURCE_ID] = coverageLayer.update(map, this.coverage).features.length;
    if (keys.has('cordon'))
      counts[cordonLayer.SOURCE_ID] = cordonLayer.update(map, this.cordon).features.length;
    this.insight.flush(map, counts, keys);
    if (keys.has('units')) {
      const units = [...this.units.values()];
      const { fc, sent } = unitsLayer.updateChanged(map, this.unitDiffer, units, now, this.highlightedUnits);
      counts[unitsLayer.SOURCE_ID] = fc.features.length;
      this.addSent(unitsLayer.SOURCE_ID, sent);
      this.staleSignature = unitsLayer.staleUnitIds(units, now).join(',');
    }
    // Camera changes wait for their own (throttled) flushes: a frame flushed for another key must
    // not take them.
    let changedCameras: readonly { id: string }[] = [];
    if (keys.has('cameras')) {
      const { changed, states } = this.cameraStates.flushStates(map);
      changedCameras = changed;
      this.states[cameras.SOURCE_ID] = (this.states[cameras.SOURCE_ID] ?? 0) + states;
    }
    if (keys.has('cameraClusters')) this.addSent(cameras.SOURCE_ID, this.cameraStates.flushClusters(map));
    // The highlight source carries the online flag itself, so a status change of one refreshes it.
    if (keys.has('cameraHighlight') || changedCameras.some((c) => this.highlightedCameras.has(c.id))) {
      counts[cameras.HIGHLIGHT_SOURCE_ID] = cameras.setHighlighted(
        map,
        this.pack.cameras,
        this.highlightedCameras,
        this.cameraStates.status,
      ).features.length;
    }
  }

  private addSent(sourceId: string, n: number): void {
    this.sent[sourceId] = (this.sent[sourceId] ?? 0) + n;
  }
}
