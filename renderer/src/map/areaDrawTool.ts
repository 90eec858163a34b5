import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import * as drawArea from './layers/drawArea';

import type { DrawnArea } from './mapTypes';

export type { DrawnArea };

/**
 * Drawing a circle (click centre, click edge) or a polygon (click vertices, double-click or
 * click the first vertex to close) on the map. Imperative map code, kept out of components.
 */
export class AreaDrawTool {
  private draft: drawArea.AreaDraft | null = null;
  private onDone: ((area: DrawnArea) => void) | null = null;
  /** The last finished area (for the debug state tests read). */
  lastArea: DrawnArea | null = null;
  private readonly onClick = (e: MapMouseEvent) => this.click([e.lngLat.lng, e.lngLat.lat], e);
  private readonly onMove = (e: MapMouseEvent) => this.move([e.lngLat.lng, e.lngLat.lat]);
  private readonly onDblClick = (e: MapMouseEvent) => {
    e.preventDefault();
    if (this.draft?.kind === 'polygon') this.finishPolygon();
  };

  constructor(private readonly map: MaplibreMap) {}

  get active(): boolean {
    return this.onDone !== null;
  }

  start(kind: 'circle' | 'polygon', onDone: (area: DrawnArea) => void): void {
    this.stopListening();
    this.onDone = onDone;
    this.draft =
      kind === 'circle' ? { kind, center: null, edge: null } : { kind, vertices: [], cursor: null };
    this.render();
    this.map.on('click', this.onClick);
    this.map.on('mousemove', this.onMove);
    this.map.on('dblclick', this.onDblClick);
    this.map.doubleClickZoom.disable();
    this.map.getCanvas().style.cursor = 'crosshair';
  }

  /** Removes the drawn shape and stops drawing. */
  clear(): void {
    this.stopListening();
    this.draft = null;
    this.lastArea = null;
    this.render();
  }

  private click(point: drawArea.LngLatPair, e: MapMouseEvent): void {
    const d = this.draft;
    if (!d) return;
    if (d.kind === 'circle') {
      if (!d.center) this.draft = { ...d, center: point };
      else
        this.finish({
          circle: {
            lng: d.center[0],
            lat: d.center[1],
            radiusM: Math.max(10, drawArea.distanceM(d.center, point)),
          },
        });
    } else {
      const first = d.vertices[0];
      const nearFirst =
        first && d.vertices.length >= 3 && this.map.project([first[0], first[1]]).dist(e.point) < 10;
      if (nearFirst) return this.finishPolygon();
      this.draft = { ...d, vertices: [...d.vertices, point] };
    }
    this.render();
  }

  private move(point: drawArea.LngLatPair): void {
    const d = this.draft;
    if (!d || !this.onDone) return;
    if (d.kind === 'circle' && d.center) this.draft = { ...d, edge: point };
    else if (d.kind === 'polygon') this.draft = { ...d, cursor: point };
    else return;
    this.render();
  }

  private finishPolygon(): void {
    const d = this.draft;
    if (d?.kind !== 'polygon' || d.vertices.length < 3) return;
    this.draft = { ...d, cursor: null };
    this.finish({ polygon: d.vertices.map(([x, y]) => [x, y]) });
  }

  private finish(area: DrawnArea): void {
    const done = this.onDone;
    this.lastArea = area;
    this.stopListening();
    this.render();
    done?.(area);
  }

  private stopListening(): void {
    this.onDone = null;
    this.map.off('click', this.onClick);
    this.map.off('mousemove', this.onMove);
    this.map.off('dblclick', this.onDblClick);
    this.map.doubleClickZoom.enable();
    this.map.getCanvas().style.cursor = '';
  }

  private render(): void {
    // A locale switch rebuilds the style, so look for the source rather than remembering it.
    if (!this.map.getSource(drawArea.SOURCE_ID)) drawArea.install(this.map, this.draft);
    else drawArea.update(this.map, this.draft);
  }
}
