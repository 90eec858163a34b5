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

/** Rank of a road class, bigger roads first; classes outside the graph's list come last. */
export function roadClassRank(roadClass: string): number {
  const i = (HIGHWAY_CLASSES as readonly string[]).indexOf(roadClass);
  return i < 0 ? HIGHWAY_CLASSES.length : i;
}
