import { Map as MaplibreMap } from 'maplibre-gl';
import type { CityPack } from '../../../shared/citypack/schema';
import { createBaseStyle } from './style';
import { LOCAL_IDEOGRAPH_FONT_FAMILY } from './theme';

/** The console's MapLibre map on the pack's own view, before any layer is installed. */
export function createConsoleMap(container: HTMLElement, manifest: CityPack['manifest']): MaplibreMap {
  const map = new MaplibreMap({
    container,
    style: createBaseStyle(),
    center: manifest.center,
    zoom: manifest.zoom,
    minZoom: 5,
    // North stays up: a rotated map on a shared video wall disorients everyone else in the room.
    dragRotate: false,
    pitchWithRotate: false,
    localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
    // Labels appear at once: a fade keeps the map redrawing for 300 ms after every live update,
    // and each redraw of a software-rendered wall costs a frame of the main thread.
    fadeDuration: 0,
    attributionControl: {
      compact: false,
      customAttribution: manifest.synthetic ? 'Synthetic demo city（合成演示数据）' : manifest.attribution,
    },
  });
  map.touchZoomRotate.disableRotation();
  return map;
}
