/**
 * Spatial index over a city's cameras (kdbush + geokdbush): the cameras near an alert or inside a
 * drawn area without scanning all of them. A large city has tens of thousands of cameras and the
 * linear scan in cameraSelection.ts costs milliseconds per query; the index answers in
 * microseconds. The index only narrows the candidates: ranking and the exact radius / polygon
 * test stay in cameraSelection.ts, so results are identical to the linear scan.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { Camera } from './camera';
import {
  camerasInArea,
  DEFAULT_LINK_RADIUS_M,
  rankCamerasForPoint,
  type AreaSelection,
  type RankedCamera,
  type RankOptions,
} from './cameraSelection';
import type { LngLat } from './geo';

/**
 * Candidates are searched a little wider than asked: geokdbush's great-circle distance and
 * haversineMeters may differ in the last digits; the exact test then drops the extra ones.
 */
const SEARCH_MARGIN = 1.001;
const SEARCH_MARGIN_M = 1;

export class CameraIndex {
  private readonly index: KDBush;
  /** Widest eagle-eye range: an alert this far from an eagle camera may still be linked to it. */
  private readonly maxEagleRangeM: number;

  constructor(readonly cameras: readonly Camera[]) {
    this.index = new KDBush(Math.max(1, cameras.length));
    for (const c of cameras) this.index.add(c.lng, c.lat);
    // kdbush refuses an empty index; one unused slot keeps `finish` valid (queries filter it out).
    if (cameras.length === 0) this.index.add(0, 0);
    this.index.finish();
    this.maxEagleRangeM = cameras.reduce((m, c) => (c.kind === 'eagle' ? Math.max(m, c.range) : m), 0);
  }

  /** Cameras within `radiusM` of the point (a superset is fine: callers test exactly). */
  private within(point: LngLat, radiusM: number): Camera[] {
    const km = (radiusM * SEARCH_MARGIN + SEARCH_MARGIN_M) / 1000;
    return around(this.index, point.lng, point.lat, Infinity, km, (i) => i < this.cameras.length).map(
      (i) => this.cameras[i]!,
    );
  }

  /** Same result as `rankCamerasForPoint(cameras, point, options)`. */
  rankForPoint(point: LngLat, options: RankOptions = {}): RankedCamera[] {
    const radiusM = Math.max(options.radiusM ?? DEFAULT_LINK_RADIUS_M, this.maxEagleRangeM);
    return rankCamerasForPoint(this.within(point, radiusM), point, options);
  }

  /** Same result as `camerasInArea(cameras, area, options)`. */
  inArea(area: AreaSelection, options: Omit<RankOptions, 'radiusM'> = {}): RankedCamera[] {
    if ('circle' in area) return camerasInArea(this.within(area.circle, area.circle.radiusM), area, options);
    if (area.polygon.length < 3) return camerasInArea([], area, options); // the same error as the scan
    let minLng = Infinity,
      minLat = Infinity,
      maxLng = -Infinity,
      maxLat = -Infinity;
    for (const [lng, lat] of area.polygon) {
      minLng = Math.min(minLng, lng);
      minLat = Math.min(minLat, lat);
      maxLng = Math.max(maxLng, lng);
      maxLat = Math.max(maxLat, lat);
    }
    const candidates = this.index
      .range(minLng, minLat, maxLng, maxLat)
      .filter((i) => i < this.cameras.length)
      .map((i) => this.cameras[i]!);
    return camerasInArea(candidates, area, options);
  }
}
