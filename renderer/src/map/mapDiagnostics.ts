/**
 * What the map says about itself to tests and benches (MapDebugState, window.__mapDebug): frames
 * drawn, the load's milestones and what the viewport shows. Kept apart so mapController.ts stays
 * about driving the map; nothing here changes what the map draws.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ConsolePack } from '../../../shared/citypack/schema';
import type { DrawnArea } from './areaDrawTool';
import type { MapLayerData } from './mapLayerData';
import type { MapDebugState } from './mapTypes';
import type { MapLocale } from './theme';
import { renderedCounts, renderedOfflineCameras } from './renderedCounts';

/** The controller's own state at the time of asking (it owns these, the diagnostics only read them). */
export interface ControllerStatus {
  ready: boolean;
  disposed: boolean;
  locale: MapLocale;
  drawnArea: DrawnArea | null;
}

export class MapDiagnostics {
  private frames = 0;
  private readonly milestones: Record<string, number>;

  /**
   * `createdAt`: when the controller was made (the pack arrived), stamped before the map was
   * created so the first-usable-map bench's split includes the map's creation.
   */
  constructor(
    private readonly map: MaplibreMap,
    private readonly pack: ConsolePack,
    private readonly data: MapLayerData,
    createdAt: number,
  ) {
    this.milestones = { created: createdAt };
    map.on('render', () => this.frames++);
  }

  /** Stamps a load step in the page's clock (see MapDebugState.milestones). */
  mark(step: string): void {
    this.milestones[step] = performance.now();
  }

  state({ ready, disposed, locale, drawnArea }: ControllerStatus): MapDebugState {
    const { map, data } = this;
    const drawing = ready && !disposed;
    return {
      loaded: drawing && data.roadsFilled && !!map.isStyleLoaded() && map.areTilesLoaded(),
      mapLoaded: !disposed && map.loaded(),
      ready,
      counts: { ...data.counts },
      sent: { ...data.sent },
      states: { ...data.states },
      pendingCameras: data.cameraStates.pending,
      frames: this.frames,
      selectedAlertId: data.selectedAlertId,
      highlightedCameras: data.highlightedCameras.size,
      highlightedUnits: data.highlightedUnits.size,
      locale,
      drawnArea,
      rendered: drawing ? renderedCounts(map) : {},
      offlineCameras: drawing ? renderedOfflineCameras(map, this.pack.cameras) : { points: [], cones: [] },
      milestones: { ...this.milestones, ...data.milestones },
    };
  }
}
