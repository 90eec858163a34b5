/**
 * Compiles the alert layers' GPU programs at load, before the first real alert. MapLibre builds a
 * layer's shader program the first time it draws a feature; on a console's first alert of the
 * shift that was a stall of the whole page (0.4–0.9 s with software GL under load, in
 * bench/alertToScreen.ts; ANGLE's shader compiles on Windows stall too), paid exactly when an
 * alert must reach the screen. One placeholder alert is drawn by every alert layer at a faint
 * opacity for one frame, then the layers get their own data and paint back.
 *
 * "Drawn" is checked, not assumed: a frame after the source reported its tiles loaded could still
 * be one without the placeholder (the worker had not taken the new data yet), and the warm-up
 * then compiled nothing; the first alert of a shift still stalled the page 0.3–1.6 s (profiled
 * in bench/alertToScreen.ts runs). Its caller must not replace the placeholder with an empty
 * alert list meanwhile, and cancels the warm-up when real alerts come.
 */
import type { Map as MaplibreMap } from 'maplibre-gl';
import { collection, setSourceData } from './common';
import { POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID, SOURCE_ID, selectedFilter } from './alerts';

/** The placeholder's id: never an alert id (they are never empty and have no control characters). */
export const WARM_UP_ID = '\u0000warm-up';
/** Low enough that no one sees it on a wall; not 0, which MapLibre skips without drawing. */
const FAINT = 0.004;
/**
 * If the placeholder never shows up in a frame (a map sized to nothing), give up after this. Long:
 * on the large city the alert source's tiles wait behind 65,000 cameras' for several seconds, and
 * a real alert ends the warm-up anyway (the caller cancels it).
 */
export const WARM_UP_GIVE_UP_MS = 60_000;
const WARM_UP_LAYERS = [POINT_LAYER_ID, PULSE_LAYER_ID, SELECTED_LAYER_ID];

type CirclePaint = 'circle-opacity' | 'circle-stroke-opacity';
const FAINT_PAINT: [layer: string, property: CirclePaint][] = [
  [POINT_LAYER_ID, 'circle-opacity'],
  [POINT_LAYER_ID, 'circle-stroke-opacity'],
  [PULSE_LAYER_ID, 'circle-stroke-opacity'],
  [SELECTED_LAYER_ID, 'circle-opacity'],
  [SELECTED_LAYER_ID, 'circle-stroke-opacity'],
];

/** Whether the last frame drew the placeholder in every alert layer (its tiles hold it). */
function placeholderDrawn(map: MaplibreMap): boolean {
  const layers = new Set<string>();
  for (const f of map.queryRenderedFeatures({ layers: WARM_UP_LAYERS }))
    if (f.properties?.['id'] === WARM_UP_ID) layers.add(f.layer.id);
  return layers.size === WARM_UP_LAYERS.length;
}

/**
 * Starts the warm-up at `at`; `restore` puts the real alerts and selection back once a frame has
 * drawn the placeholder in every alert layer (or on cancel, or after WARM_UP_GIVE_UP_MS).
 * Returns the cancel function.
 */
export function warmUpAlertPrograms(map: MaplibreMap, at: [number, number], restore: () => void): () => void {
  const saved = FAINT_PAINT.map(([layer, property]) => ({
    layer,
    property,
    value: map.getPaintProperty(layer, property),
  }));
  for (const { layer, property } of saved) map.setPaintProperty(layer, property, FAINT);
  map.setFilter(SELECTED_LAYER_ID, selectedFilter(WARM_UP_ID));
  setSourceData(
    map,
    SOURCE_ID,
    collection([
      {
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: at },
        // Priority 1 and unacknowledged: the pulse layer and every data-driven branch draw it.
        properties: {
          id: WARM_UP_ID,
          priority: 1,
          category: 'other',
          status: 'received',
          unacknowledged: true,
        },
      },
    ]),
  );
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(giveUp);
    map.off('render', onRender);
    for (const { layer, property, value } of saved) map.setPaintProperty(layer, property, value);
    restore();
  };
  // 'render' follows a drawn frame: the tiles it can query are the ones that frame drew.
  const onRender = () => {
    if (placeholderDrawn(map)) finish();
  };
  const giveUp = setTimeout(finish, WARM_UP_GIVE_UP_MS);
  map.on('render', onRender);
  return finish;
}
