/**
 * The alert-to-screen bench's figures from its timestamps (bench/alertToScreen.ts): latency from
 * the gateway's send to the alert's arrival in the queue, the split by stage, the slowest alerts.
 */
export const STAGES = [
  'inject',
  'gateway→host',
  'batch window',
  'decode+commit',
  'push',
  'bridge→store',
  'store→DOM',
] as const;

export interface AlertToScreenResult {
  /** How long the page took to settle (no long task for PAGE_QUIET_MS) once the host was warm. */
  pageSettledMs?: number;
  /** Injected (accepted by the gateway). */
  sent: number;
  seen: number;
  /** Of those seen, timed at their row's arrival in the page (the rest at the queue's commit, below). */
  byRow: number;
  /** Injected, never shown within the settle time. */
  dropped: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per stage p50 / p95 ms over the alerts traced end to end. */
  stages: Record<(typeof STAGES)[number], { p50: number; p95: number }>;
  /** The renderer's long tasks (> 50 ms) during the run: how busy its main thread was. */
  longTasks: { count: number; totalMs: number; maxMs: number };
  /** The slowest alerts traced end to end (gateway send → queue): split by stage, seconds into the run. */
  worst: { total: number; split: number[]; atS: number }[];
}

export const pctOf = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

/** The host's stage times for one alert (DISPATCH_LATENCY_TRACE, electron/core/feed/latencyTrace.ts). */
export interface HostTrace {
  sentAt: number;
  received: number;
  flushed: number;
  committed: number;
  pushed: number;
}

/**
 * When the queue committed each alert, for those whose row never entered the page: the list
 * mounts only the rows in view, and a batch larger than that (the renderer held up a moment)
 * sorts some probes below them. The queue's count is set in the same React commit as its rows
 * and only grows in this run, so the k-th alert to reach the store was in the queue at the first
 * commit whose count reached k.
 */
export function queueCommitTimes(
  store: Record<string, number>,
  counts: [number, number][],
): Record<string, number> {
  const byArrival = Object.entries(store).sort((a, b) => a[1] - b[1]);
  const out: Record<string, number> = {};
  let c = 0;
  byArrival.forEach(([id, at], k) => {
    while (c < counts.length && (counts[c]![1] < k + 1 || counts[c]![0] < at)) c++;
    if (c < counts.length) out[id] = counts[c]![0];
  });
  return out;
}

export function summariseAlertToScreen(t: {
  /** Bench inject time per probe id. */
  sent: Record<string, number>;
  started: number;
  total: number;
  failed: number;
  /** When each probe's row entered the page. */
  rowSeen: Record<string, number>;
  /** When each probe reached the renderer's store. */
  store: Record<string, number>;
  /** The queue's count per React commit: [ms, count]. */
  counts: [number, number][];
  /** The renderer's long tasks, ms each. */
  long: number[];
  host: ReadonlyMap<string, HostTrace>;
}): AlertToScreenResult {
  const { sent, started, total, failed, rowSeen, store, counts, long, host } = t;
  const committed = queueCommitTimes(store, counts);
  const seen: Record<string, number> = { ...committed, ...rowSeen };
  // From the gateway's send (the envelope's sentAt), as the issue defines it; the bench's own
  // HTTP inject into the gateway is reported apart (stage 'inject'). Untraced: from the inject.
  const latencies = Object.keys(sent)
    .filter((id) => id in seen)
    .map((id) => seen[id]! - (host.get(id)?.sentAt ?? sent[id]!));
  const parts: Record<string, number[]> = Object.fromEntries(STAGES.map((s) => [s, []]));
  const worst: AlertToScreenResult['worst'] = [];
  for (const id of Object.keys(sent)) {
    const h = host.get(id);
    if (!h || !(id in seen) || !(id in store)) continue;
    const marks = [sent[id]!, h.sentAt, h.received, h.flushed, h.committed, h.pushed, store[id]!, seen[id]!];
    const split = STAGES.map((_, k) => marks[k + 1]! - marks[k]!);
    STAGES.forEach((s, k) => parts[s]!.push(split[k]!));
    worst.push({ total: marks[7]! - marks[1]!, split, atS: Math.round((sent[id]! - started) / 1000) });
  }
  worst.sort((a, b) => b.total - a.total);
  return {
    sent: total - failed,
    seen: latencies.length,
    byRow: Object.keys(sent).filter((id) => id in rowSeen).length,
    dropped: total - latencies.length,
    p50: pctOf(latencies, 0.5),
    p95: pctOf(latencies, 0.95),
    p99: pctOf(latencies, 0.99),
    max: Math.max(...latencies),
    worst: worst.slice(0, 8),
    longTasks: {
      count: long.length,
      totalMs: Math.round(long.reduce((a, b) => a + b, 0)),
      maxMs: Math.round(Math.max(0, ...long)),
    },
    stages: Object.fromEntries(
      STAGES.map((s) => [s, { p50: pctOf(parts[s]!, 0.5), p95: pctOf(parts[s]!, 0.95) }]),
    ) as AlertToScreenResult['stages'],
  };
}
