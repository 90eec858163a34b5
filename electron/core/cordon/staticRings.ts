/**
 * What the cordon keeps per pack: the metric frame of the road graph, and rings 2 and 3 with their
 * geometric crossings (they depend on the pack alone), per (router, boundaries array).
 */
import type { BoundaryFeature } from '../../../shared/citypack/schema';
import type { RoadGraph, Router } from '../../../node/routing';
import { graphFrame, scanCrossings, type RawCrossing } from './crossings';
import type { Frame } from './geometry';
import type { BuiltRing } from './rings';

export interface StaticRing {
  built: BuiltRing | string;
  raw: RawCrossing[];
}

const frames = new WeakMap<RoadGraph, Frame>();
const staticRings = new WeakMap<Router, WeakMap<readonly BoundaryFeature[], Map<string, StaticRing>>>();

export function frameOf(g: RoadGraph): Frame {
  let f = frames.get(g);
  if (!f) frames.set(g, (f = graphFrame(g)));
  return f;
}

export function staticRing(
  router: Router,
  boundaries: readonly BoundaryFeature[],
  key: string,
  build: () => BuiltRing | string,
): StaticRing {
  let byPack = staticRings.get(router);
  if (!byPack) staticRings.set(router, (byPack = new WeakMap()));
  let m = byPack.get(boundaries);
  if (!m) byPack.set(boundaries, (m = new Map()));
  let s = m.get(key);
  if (!s) {
    const built = build();
    s = {
      built,
      raw: typeof built === 'string' ? [] : scanCrossings(router, frameOf(router.graph), built.line),
    };
    m.set(key, s);
  }
  return s;
}
