import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { Camera } from '../../shared/domain/camera';
import type { Unit } from '../../shared/domain/unit';
import { haversineMeters, type LngLat } from '../../shared/domain/geo';

/**
 * Straight-line proximity queries. Cameras are static, so their index is built once; units
 * move, and 39 of them are cheaper to scan than to re-index.
 */
export class CameraIndex {
  private readonly index: KDBush;

  constructor(private readonly cameras: readonly Camera[]) {
    this.index = new KDBush(cameras.length);
    for (const camera of cameras) this.index.add(camera.lng, camera.lat);
    this.index.finish();
  }

  nearest(point: LngLat, limit: number, maxDistanceM = 2000): { camera: Camera; distanceM: number }[] {
    const ids = around(this.index, point.lng, point.lat, limit, maxDistanceM / 1000) as number[];
    return ids.map((i) => {
      const camera = this.cameras[i]!;
      return { camera, distanceM: haversineMeters(point, camera) };
    });
  }
}

/** Units that can take a new job, nearest first (straight line; road ETA replaces this). */
export function nearestAvailableUnits(units: readonly Unit[], point: LngLat, limit: number): { unit: Unit; distanceM: number }[] {
  return units
    .filter((u) => u.status === 'available' && u.position !== null)
    .map((unit) => ({ unit, distanceM: haversineMeters(point, unit.position!) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, limit);
}
