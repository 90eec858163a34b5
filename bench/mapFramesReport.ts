/**
 * The map frame bench's result for one pack (bench/mapFrames.ts) and how it is printed: the
 * measuring stays there, the wording of the figures here.
 */
import os from 'node:os';
import type { FrameStats } from './mapFrameWindows';

export interface MapFramesResult {
  firstUsableMs: number;
  /** The 1-minute load average when the map became usable (a shared machine: say it). */
  loadAtUsable: number;
  /**
   * Where the first usable map's time went, in the page's clock (ms since navigation): the queue
   * shown, the pack arrived (map created), layers installed, cameras drawn (usable), and the
   * map's own milestones (see MapDebugState.milestones).
   */
  loadSteps: Record<string, number>;
  /** Feed paused, the map left alone: it draws nothing, so rAF runs at vsync. */
  idle: FrameStats;
  /** Feed running, the map left alone (the officer's case). */
  live: FrameStats;
  /**
   * The fair pair: the map redraws every frame in both (MapLibre's `repaint`), feed paused (the
   * same map with no live updates) vs running, pooled over the alternating rounds. The ratio is
   * the live layers' cost per frame.
   */
  repaintPaused: FrameStats;
  repaintLive: FrameStats;
  /** Each round's paused and live p95, with the load average after it. */
  rounds: { paused: number; live: number; load: number }[];
  /** Waited for the map to settle after the load (deferred sources, tiles), ms. */
  settleMs: number;
  /** Features handed to the map per second while live, per source (incremental updates). */
  sentPerSecond: Record<string, number>;
}

/** The load's steps in the order they happened, ms since navigation. */
export const formatLoadSteps = (steps: Record<string, number>): string =>
  Object.entries(steps)
    .sort((a, b) => a[1] - b[1])
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');

/** One pack's figures: the first usable map, then the frame phases and their ratios. */
export function logMapFramesResult(name: string, r: MapFramesResult, log: (line: string) => void): void {
  const f = (s: FrameStats) =>
    `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(0)} ms, ${s.slow}/${s.frames} over 50 ms; page main thread busy ${(s.pageBusy.share * 100).toFixed(0)}% (${s.pageBusy.msPerFrame.toFixed(1)} ms a frame), ${s.mainThread.longTasks} tasks over 50 ms (longest ${s.mainThread.maxMs.toFixed(0)} ms)`;
  const ratio = (a: FrameStats, b: FrameStats) => `p95 ×${(a.p95 / b.p95).toFixed(2)}`;
  log(`${name}: first usable map ${r.firstUsableMs} ms (load ${r.loadAtUsable.toFixed(1)})`);
  log(`  load steps (ms since navigation): ${formatLoadSteps(r.loadSteps)}`);
  log(`  settled after the load in ${(r.settleMs / 1000).toFixed(1)} s (deferred sources, tiles)`);
  log(`  frames, both redrawing every frame (the fair comparison), ${r.rounds.length} alternating rounds:`);
  log(`    feed paused (no live updates): ${f(r.repaintPaused)}`);
  log(
    `    live:                          ${f(r.repaintLive)} (${ratio(r.repaintLive, r.repaintPaused)} of paused)`,
  );
  log(
    `    per round, p95 paused → live: ${r.rounds
      .map(
        (x) =>
          `${x.paused.toFixed(0)} → ${x.live.toFixed(0)} ms (×${(x.live / x.paused).toFixed(2)}, load ${x.load.toFixed(1)})`,
      )
      .join('; ')}`,
  );
  log(`  frames, the map left alone (an idle map draws nothing: its rAF interval is vsync):`);
  log(`    feed paused, map idle:         ${f(r.idle)}`);
  log(`    live:                          ${f(r.live)} (${ratio(r.live, r.idle)} of the idle map)`);
  log(`  (load ${os.loadavg()[0]!.toFixed(1)} after the frame phases)`);
  log(
    `  features to the map per second: ${Object.entries(r.sentPerSecond)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );
}
