/**
 * One-time MapLibre setup for Vite. Imported by mapController.ts for its side effects, before any
 * map is created.
 *
 * MapLibre 6 ships its worker as a separate ES module; `?url` makes Vite emit it as an asset with a
 * local URL (dev server or the packaged app), so the worker never comes from a CDN.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

setWorkerUrl(workerUrl);
