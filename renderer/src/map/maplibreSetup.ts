/**
 * One-time MapLibre setup for Vite. Imported by mapController.ts for its side effects, before any
 * map is created.
 *
 * MapLibre 6 ships its worker as a separate ES module; `?url` makes Vite emit it as an asset with a
 * local URL (dev server or the packaged app), so the worker never comes from a CDN.
 */
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

setWorkerUrl(workerUrl);

/**
 * Starts MapLibre's worker (its thread, the fetch and compile of its module) now rather than
 * when the first map is made. The renderer calls it as it asks for the city pack: on the large
 * city the pack takes seconds to arrive and be parsed, and a worker started only with the map
 * began after the map's install (a trace of the load: its thread started 1.7 s after the cameras
 * were handed to it, at load 11), so the cameras' clustering waited for it.
 */
export function prewarmMapWorker(): void {
  prewarm();
}
