/**
 * The live feed's timing (issue 16): with camera states changing 50 times a second, the cameras'
 * feature-states go to the map at most once per live update and the clusters' properties (a
 * re-cluster of every camera in MapLibre's worker) at most once per CLUSTER_SYNC_MS.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsolePack } from '../../../shared/citypack/schema';
import type { Camera } from '../../../shared/domain/camera';
import { CLUSTER_SYNC_MS, LiveLayers } from './liveLayers';
import { MapLayerData, type DirtyKey } from './mapLayerData';
import { InsightOverlays } from './insightOverlays';
import { FIXTURE_PACK } from './layers/__fixtures__/pack';

const CAMERAS: Camera[] = Array.from({ length: 3000 }, (_, i) => ({
  ...FIXTURE_PACK.cameras[0]!,
  id: `1405020000131${String(i).padStart(7, '0')}`,
  online: true,
}));
const PACK = { ...FIXTURE_PACK, cameras: CAMERAS } as unknown as ConsolePack;

describe('LiveLayers', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  function live(liveDrawn = true) {
    const data = new MapLayerData(PACK, new InsightOverlays(PACK));
    data.liveDrawn = liveDrawn;
    const marks: DirtyKey[] = [];
    const layers = new LiveLayers(
      data,
      (key) => marks.push(key),
      () => true,
      () => Date.now(),
    );
    const count = (key: DirtyKey) => marks.filter((k) => k === key).length;
    return { data, layers, marks, count };
  }

  /** 50 camera changes a second for `seconds`, in ten batches a second (the feed's batches). */
  function feed(layers: LiveLayers, seconds: number, from = 0): void {
    for (let t = 0; t < seconds * 10; t++) {
      const i = from + t * 5;
      layers.setCameraStatus(CAMERAS.slice(i, i + 5).map((c) => [c.id, false] as [string, boolean]));
      vi.advanceTimersByTime(100);
    }
  }

  it('mark the camera states at most once per live update and the clusters once per cluster interval', () => {
    const { layers, count } = live();
    feed(layers, 30);
    expect(count('cameras')).toBeGreaterThanOrEqual(29);
    expect(count('cameras')).toBeLessThanOrEqual(31);
    // At most one re-cluster every 10 s: 1,500 changes in 30 s, four updates of the clusters.
    expect(count('cameraClusters')).toBeGreaterThanOrEqual(3);
    expect(count('cameraClusters')).toBeLessThanOrEqual(4);
    layers.cancel();
  });

  it('hold the camera changes until the live picture is drawn, then mark them once', () => {
    const { data, layers, count } = live(false);
    feed(layers, 3);
    expect(count('cameras') + count('cameraClusters')).toBe(0);
    data.liveDrawn = true;
    layers.onLiveDrawn();
    expect(count('cameras')).toBe(1);
    expect(count('cameraClusters')).toBe(1);
    // A report repeating the drawn state marks nothing.
    data.cameraStates.installed();
    vi.advanceTimersByTime(CLUSTER_SYNC_MS);
    layers.setCameraStatus([[CAMERAS[0]!.id, false]]);
    vi.advanceTimersByTime(CLUSTER_SYNC_MS);
    expect(count('cameras')).toBe(1);
    expect(count('cameraClusters')).toBe(1);
    layers.cancel();
  });
});
