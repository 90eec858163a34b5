/** Public types of the map controller (kept apart so mapController.ts stays about behaviour). */
import type { MapLocale } from './theme';

/** An area drawn on the map to pick cameras (the `cameras.inArea` argument shape). */
export type DrawnArea =
  { circle: { lng: number; lat: number; radiusM: number } } | { polygon: [number, number][] };

export interface MapControllerOptions {
  locale?: MapLocale;
  /** Clock for unit staleness; injectable for scenario replay and tests. */
  now?: () => number;
  /**
   * Pulse urgent alerts (default true). While the pulse runs the map repaints every frame, so it
   * never fires 'idle' and `map.loaded()` is mostly false; E2E screenshots may want it off
   * (or emulate prefers-reduced-motion, which also stops it).
   */
  animate?: boolean;
}

export interface MapDebugState {
  /**
   * Style, the deferred road network and every source's tiles loaded. Not just `map.loaded()`: while urgent alerts pulse,
   * each frame's paint update marks the style dirty, so that is false most of the time.
   */
  loaded: boolean;
  /** Raw `map.loaded()`. */
  mapLoaded: boolean;
  /** All layers installed (whenReady resolved). */
  ready: boolean;
  /** Feature counts per source, from the data last handed to MapLibre. */
  counts: Record<string, number>;
  /** Features handed to MapLibre per source since load (the install, then incremental diffs). */
  sent: Record<string, number>;
  /**
   * Feature-states set per source since load: a camera's state change is drawn this way, counted
   * under `cameras` (its point, and its cone for a fixed camera); `sent` counts data only.
   */
  states: Record<string, number>;
  /**
   * Camera changes not yet on the map: waiting for the next live update (`states`) and for the
   * clusters' next update (`clusters`, at most every 10 s). The frame bench waits for none.
   */
  pendingCameras: { states: number; clusters: number };
  /** Frames MapLibre has drawn since load: shows whether the map idles between live updates. */
  frames: number;
  selectedAlertId: string | null;
  highlightedCameras: number;
  highlightedUnits: number;
  locale: MapLocale;
  /** The last area the officer finished drawing for camera selection. */
  drawnArea: DrawnArea | null;
  /** Features drawn in the current viewport (see renderedCounts). */
  rendered: Record<string, number>;
  /** Camera points and cones drawn offline in the current viewport, by camera id (renderedOfflineCameras). */
  offlineCameras: { points: string[]; cones: string[] };
  /**
   * When the load's steps happened, in the page's clock (performance.now(), ms since navigation):
   * `created` (the pack arrived, the controller was made), `styleLoaded`, `installed` (every layer
   * added with its data), `liveDrawn` (the first frame that drew the loaded cameras, alerts and
   * units), `conesFilled` and `roadsFilled` (the deferred sources handed over after it).
   * For the first-usable-map bench's split.
   */
  milestones: Record<string, number>;
}
