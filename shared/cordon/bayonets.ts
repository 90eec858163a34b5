/**
 * The ANPR bayonet cameras (卡口) that watch a cordon crossing, for the video wall: the covering
 * checkpoint's own cameras first, then standalone ANPR cameras near the crossing (the city has
 * many more bayonets at junctions than checkpoints), nearest first. Pure; shared by the renderer.
 */
import type { Camera } from '../domain/camera';
import type { Checkpoint } from '../domain/checkpoint';
import { haversineMeters } from '../domain/geo';
import type { Crossing } from './schema';

/** Straight-line reach for standalone bayonets: the engine's default checkpoint cover distance. */
export const BAYONET_RADIUS_METRES = 300;

export function crossingBayonetIds(
  crossing: Pick<Crossing, 'lng' | 'lat' | 'checkpointId'>,
  checkpoints: readonly Pick<Checkpoint, 'id' | 'cameraIds'>[],
  cameras: readonly Pick<Camera, 'id' | 'kind' | 'lng' | 'lat'>[],
  radiusMetres = BAYONET_RADIUS_METRES,
): string[] {
  const own = crossing.checkpointId
    ? (checkpoints.find((c) => c.id === crossing.checkpointId)?.cameraIds ?? [])
    : [];
  const near = cameras
    .filter((c) => c.kind === 'anpr')
    .map((c) => ({ id: c.id, d: haversineMeters(c, crossing) }))
    .filter((c) => c.d <= radiusMetres)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .map((c) => c.id);
  return [...new Set([...own, ...near])];
}
