import type { Scenario } from '../../shared/protocol/scenario';
import { ClockRefused, type ClockBody } from '../adminHttp';
import type { FeedLog, WireEnvelope } from '../feed/feedLog';
import { scenarioLeadership } from '../feed/sharedFeed';
import type { PgLogStore } from '../pg/pgLogStore';
import { openScenarioClock, ScenarioClock, type ClockAnchor } from './scenarioClock';
import type { ScenarioPlayer } from './scenarioPlayer';

/**
 * The gateway's scenario clock: from the state dir's meta.json (one gateway), or from the database
 * every gateway on it shares (its seq space and its clock are the database's). `gatewayId` is the
 * file clock's identity, used when the log has none of its own.
 */
export async function openGatewayClock(
  shared: PgLogStore | null,
  stateDir: string | null,
  options: { scenarioId: string; speed: number; now: () => number },
): Promise<{ clock: ScenarioClock; gatewayId: string; reload: (() => Promise<ScenarioClock>) | null }> {
  const { now, speed } = options;
  const opened = openScenarioClock(shared ? null : stateDir, options);
  if (!shared) return { clock: opened.clock, gatewayId: opened.gatewayId, reload: null };
  const sharedClock = async (anchor: Promise<ClockAnchor>) =>
    new ScenarioClock(
      await anchor,
      now,
      (a) =>
        void shared
          .saveClock(a)
          .catch((err: unknown) => console.error(`gateway: cannot store the clock: ${String(err)}`)),
    );
  try {
    const clock = await sharedClock(
      shared.openClock(options.scenarioId, { anchorWallMs: now(), anchorScenarioSec: 0, speed }),
    );
    return { clock, gatewayId: opened.gatewayId, reload: () => sharedClock(shared.loadClock()) };
  } catch (err) {
    await shared.close();
    throw err;
  }
}

export interface ScenarioDriverOptions {
  scenario: Scenario;
  player: ScenarioPlayer;
  clock: ScenarioClock;
  /** A shared log: the clock as the database holds it now (a gateway taking over the lead reloads it). */
  reloadClock: (() => Promise<ScenarioClock>) | null;
  /** The file log (appended synchronously), or null with a shared one. */
  fileLog: FeedLog | null;
  shared: PgLogStore | null;
  publish: (entries: WireEnvelope[]) => void;
  headSeq: () => number;
  /** End of the last scenario window the log holds, or null. */
  frontier: number | null;
  now: () => number;
}

/**
 * Plays the scenario into the feed log as its clock runs: every tick appends the events that
 * fell due since the last window (the frontier). With a shared log one gateway plays at a time
 * (the leader); the others follow its frontier from the log's batches.
 */
export class ScenarioDriver {
  clock: ScenarioClock;
  /**
   * Scenario seconds played into the log. The persisted frontier may lag this one: empty windows
   * are not written, and replaying an empty window after a restart yields nothing, so that is safe.
   */
  frontier: number;
  /** Why the last advance failed (reported once), or null when it went through. */
  lastError: string | null = null;
  private appending: Promise<unknown> | null = null;
  private readonly leads: (() => Promise<boolean>) | null;

  constructor(private readonly o: ScenarioDriverOptions) {
    this.clock = o.clock;
    this.frontier = o.frontier ?? -1;
    const { shared, reloadClock } = o;
    this.leads = shared
      ? scenarioLeadership(shared, o.now, async () => void (this.clock = await reloadClock!()))
      : null;
  }

  /** Scenario seconds now, never before what was already played. */
  scenarioTime(): number {
    return Math.max(this.frontier, this.clock.scenarioTime());
  }

  /** A shared log's batch carried another gateway's window. */
  followFrontier(frontier: number | undefined): void {
    if (frontier !== undefined) this.frontier = Math.max(this.frontier, frontier);
  }

  /** A shared log: whether this gateway plays the scenario (asks for the lead if not). */
  async lead(): Promise<boolean> {
    return (await this.leads?.()) ?? true;
  }

  advance(): void {
    const { shared, player, fileLog, now } = this.o;
    if (shared) {
      this.appending ??= this.advanceShared(shared)
        .then(() => (this.lastError = null), this.failed)
        .finally(() => (this.appending = null));
      return;
    }
    const to = this.clock.scenarioTime();
    if (to <= this.frontier) return;
    try {
      const due = player.due(this.frontier, to, (s) => new Date(this.clock.wallTimeAt(s)).toISOString());
      if (due.length > 0)
        this.o.publish(
          fileLog!.append({ messages: due, frontier: to, sentAt: new Date(now()).toISOString() }),
        );
      this.frontier = to;
      this.lastError = null;
    } catch (err) {
      this.failed(err);
    }
  }

  /** Resolves once the shared log's append in flight (if any) is done. */
  async settled(): Promise<void> {
    await this.appending;
  }

  // Replay controls (drills, docs/drills.md). Seeking forward emits everything it skips at
  // once, with new seqs, as if it had happened. Seeking backwards is refused: a console resumes
  // from its last stored seq and dedupes alerts by id, so re-emitting past events would either
  // be dropped as known alerts or duplicate steps already taken; a rerun is a fresh state dir.
  clockState(): Record<string, unknown> {
    const { scenario, headSeq } = this.o;
    return {
      scenario: scenario.id,
      scenarioTime: this.clock.scenarioTime(),
      speed: this.clock.speed,
      paused: this.clock.paused,
      durationSec: scenario.durationSec,
      headSeq: headSeq(),
    };
  }

  controlClock(body: ClockBody): Record<string, unknown> {
    const { shared } = this.o;
    if (shared && !shared.isLeader)
      throw new ClockRefused(
        'this gateway does not play the scenario: control the clock on the one whose GET /admin/state says scenarioLeader: true',
      );
    const played = Math.max(this.frontier, this.clock.scenarioTime());
    if (body.action === 'seek' && body.toSeconds! < played) {
      throw new ClockRefused(
        `cannot seek backwards (now ${played.toFixed(1)} s, asked ${body.toSeconds} s): the console resumes from its last stored seq, so a rewound scenario cannot be replayed to it; start a new drill with a fresh state dir`,
      );
    }
    this.clock.control({
      ...(body.speed !== undefined ? { speed: body.speed } : {}),
      ...(body.action === 'pause' ? { paused: true } : body.action === 'resume' ? { paused: false } : {}),
      ...(body.action === 'seek' ? { seekTo: body.toSeconds } : {}),
    });
    this.advance();
    return this.clockState();
  }

  private async advanceShared(store: PgLogStore): Promise<void> {
    if (!(await this.leads!())) return;
    const to = this.clock.scenarioTime();
    if (to <= this.frontier) return;
    const due = this.o.player.due(this.frontier, to, (s) => new Date(this.clock.wallTimeAt(s)).toISOString());
    if (due.length > 0)
      await store.append({ messages: due, frontier: to, sentAt: new Date(this.o.now()).toISOString() });
    this.frontier = Math.max(this.frontier, to);
  }

  // Most likely the state dir is unwritable or the database unreachable. Nothing was applied, so
  // the next tick retries the same window; report once rather than every 50 ms.
  private readonly failed = (err: unknown): void => {
    const message = err instanceof Error ? err.message : String(err);
    if (message !== this.lastError) console.error(`gateway: cannot advance the scenario: ${message}`);
    this.lastError = message;
  };
}
