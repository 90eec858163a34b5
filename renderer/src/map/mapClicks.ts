import type { Map as MaplibreMap, MapLayerMouseEvent, Subscription } from 'maplibre-gl';
import * as alertsLayer from './layers/alerts';
import { WARM_UP_ID } from './layers/alertsWarmUp';
import { LAYER_MODULES } from './style';
import type { MapLocale } from './theme';

const ALERT_CLICK_LAYERS = [alertsLayer.POINT_LAYER_ID, alertsLayer.SELECTED_LAYER_ID];

/** Clicks on alerts (their id) and on the map (where, at which zoom); a pointer over alerts. */
export function wireClicks(
  map: MaplibreMap,
  onAlert: (alertId: string) => void,
  onMap: (at: { lng: number; lat: number }, zoom: number) => void,
): Subscription[] {
  const onClick = (e: MapLayerMouseEvent): void => {
    const id = e.features?.map((f) => f.properties?.['id']).find((x) => x !== WARM_UP_ID);
    if (typeof id === 'string') onAlert(id);
  };
  const canvas = map.getCanvas();
  return [
    map.on('click', ALERT_CLICK_LAYERS, onClick),
    map.on('click', (e) => onMap({ lng: e.lngLat.lng, lat: e.lngLat.lat }, map.getZoom())),
    map.on('mouseenter', ALERT_CLICK_LAYERS, () => (canvas.style.cursor = 'pointer')),
    map.on('mouseleave', ALERT_CLICK_LAYERS, () => (canvas.style.cursor = '')),
  ];
}

type MapClickListener = (at: { lng: number; lat: number }, zoom: number) => void;

/** The map's click listeners (alerts, anywhere), kept across the map's load and wired at it. */
export class MapClickListeners {
  private readonly alert = new Set<(alertId: string) => void>();
  private readonly anywhere = new Set<MapClickListener>();
  private subscriptions: Subscription[] = [];

  /** Calls `cb(alertId)` when an alert on the map is clicked. Returns the unsubscribe function. */
  onAlert(cb: (alertId: string) => void): () => void {
    this.alert.add(cb);
    return () => void this.alert.delete(cb);
  }

  /** Calls `cb(lngLat, zoom)` on any click on the map. Returns the unsubscribe function. */
  onMap(cb: MapClickListener): () => void {
    this.anywhere.add(cb);
    return () => void this.anywhere.delete(cb);
  }

  /** Once the layers are installed. */
  wire(map: MaplibreMap): void {
    this.subscriptions.push(
      ...wireClicks(
        map,
        (id) => [...this.alert].forEach((cb) => cb(id)),
        (at, zoom) => [...this.anywhere].forEach((cb) => cb(at, zoom)),
      ),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    this.alert.clear();
    this.anywhere.clear();
  }
}

/** Switches every installed label layer's `text-field` to the locale (`name` or `nameEn`). */
export function applyLabelLocale(map: MaplibreMap, locale: MapLocale): void {
  for (const mod of Object.values(LAYER_MODULES)) {
    for (const layer of mod.layers(locale)) {
      if (layer.type !== 'symbol' || !layer.layout?.['text-field'] || !map.getLayer(layer.id)) continue;
      map.setLayoutProperty(layer.id, 'text-field', layer.layout['text-field']);
    }
  }
}
