/**
 * Pure figures from aggregated counts: percentiles, the response histogram, rates. Responses
 * are counted per whole second (floored), so percentiles are exact to the second.
 */

/** Seconds → how many; any order. */
export type SecondCounts = ReadonlyMap<number, number>;

/** Histogram bins of the response time, in seconds: one a minute up to 10 minutes, then one open bin. */
export const RESPONSE_BIN_EDGES: readonly number[] = [0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600];

export function addCount(map: Map<number, number>, key: number, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function total(counts: SecondCounts): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** Nearest-rank percentile (p in 0..1): the smallest value with at least p of the values at or below it; null when empty. */
export function percentile(counts: SecondCounts, p: number): number | null {
  const n = total(counts);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const [value, c] of [...counts].sort((a, b) => a[0] - b[0])) {
    seen += c;
    if (seen >= rank) return value;
  }
  return null;
}

export function histogram(counts: SecondCounts, edges: readonly number[] = RESPONSE_BIN_EDGES) {
  const bins = edges.map((from, i) => ({ fromSeconds: from, toSeconds: edges[i + 1] ?? null, count: 0 }));
  for (const [seconds, c] of counts) {
    let i = bins.length - 1;
    while (i > 0 && seconds < bins[i]!.fromSeconds) i--;
    bins[i]!.count += c;
  }
  return bins;
}

export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
