/**
 * OSM highway classes the road graph keeps, fastest first. One list for the routing engine (the
 * index is the code stored per road piece) and for the console (gaps listed bigger roads first).
 */
export const HIGHWAY_CLASSES = [
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
] as const;
export type HighwayClass = (typeof HIGHWAY_CLASSES)[number];

/** The road class of a route not recorded (e.g. dispatches stored before it was). */
export const UNKNOWN_ROAD_CLASS = 'unknown';

/** Rank of a road class, bigger roads first; classes outside the graph's list come last. */
export function roadClassRank(roadClass: string): number {
  const i = (HIGHWAY_CLASSES as readonly string[]).indexOf(roadClass);
  return i < 0 ? HIGHWAY_CLASSES.length : i;
}

/**
 * The road class covering most of a route's length (ETA calibration groups dispatches by it);
 * null for no length. Ties go to the bigger road. `metres` of the same class are summed.
 */
export function dominantRoadClass(pieces: Iterable<{ roadClass: string; metres: number }>): string | null {
  const total = new Map<string, number>();
  for (const p of pieces) if (p.metres > 0) total.set(p.roadClass, (total.get(p.roadClass) ?? 0) + p.metres);
  let best: string | null = null;
  let bestM = 0;
  for (const [c, m] of total) {
    if (m > bestM || (m === bestM && best !== null && roadClassRank(c) < roadClassRank(best))) {
      best = c;
      bestM = m;
    }
  }
  return best;
}
