/**
 * The cordon's first analysis on a pack pays for what depends on the pack alone: rings 2 and 3
 * and their crossings, the road-name index, the metric frame and the suspect weights (cached per
 * router / pack in analyse.ts, crossings.ts, race.ts) and the police tables of rings 2/3 (staticEtas.ts). Running one analysis at the city centre
 * right after the pack loads moves that cost off the officer's first cordon.
 */
import type { CityPack } from '../../../shared/citypack/schema';
import type { Router } from '../../../node/routing';
import { analyseCordon } from './analyse';

/** One throw-away analysis at the pack's centre (no units); returns its time in ms, or null if it failed. */
export function warmCordonCaches(router: Router, pack: CityPack): number | null {
  const started = performance.now();
  try {
    const [lng, lat] = pack.manifest.center;
    analyseCordon({
      router,
      boundaries: pack.boundaries.features,
      districts: pack.districts.features,
      checkpoints: pack.checkpoints,
      roads: pack.roads.features,
      incident: { lng, lat },
      elapsedSeconds: 600,
      // One unit per type: builds the police tables of rings 2/3 (staticEtas.ts) for every profile.
      units: [...new Set(pack.units.map((u) => u.type))].map((type) => ({
        id: `warm-${type}`,
        type,
        lng,
        lat,
        available: true,
      })),
      policeSearch: 'tables',
    });
  } catch {
    // A pack the cordon cannot analyse at its centre is reported when an officer asks; not here.
    return null;
  }
  return performance.now() - started;
}
