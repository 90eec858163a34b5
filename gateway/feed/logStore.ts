import type { CommandAck } from '../../shared/protocol/feed';
import { FeedLog, type AppendRequest, type CommandRecord, type LogBatch, type WireEnvelope } from './feedLog';

/** What an append did: the envelopes it logged (a message whose id was logged already is left out). */
export interface AppendResult {
  entries: WireEnvelope[];
  /** The request carried a command already recorded (by this or another gateway): nothing was appended; its first ack. */
  duplicateCommand?: CommandAck;
  /** The request's guard failed (another writer changed what it was decided on): nothing was appended. */
  stale?: true;
}

/**
 * The gateway's durable feed log, wherever it lives: the JSONL file of one process (FileLogStore,
 * the default) or a PostgreSQL database several gateways share (gateway/pg/pgLogStore.ts).
 *
 * Reads answer from this process's view of the log, which holds every line up to `headSeq` in
 * seq order; `append` resolves once the line is durable and in that view. Appends by other
 * writers enter the view on `refresh()` (a shared store also refreshes by itself when told of
 * them). Every line entering the view, this process's own included, goes to the `onBatch`
 * listeners exactly once, in seq order: that is what a gateway sends to its consoles.
 */
export interface LogStore {
  readonly kind: 'file' | 'postgres';
  /** Names the seq space: one per file log, one per database (all its gateways share it). */
  readonly logId: string | null;
  readonly headSeq: number;
  /** The highest seq that is durable: what may be sent (a file log's group commit may trail its head). */
  readonly durableSeq: number;
  /** Runs `done` once everything appended through this process so far is durable, or `failed` if it cannot be. */
  afterDurable(done: () => void, failed?: (err: Error) => void): void;
  /** End of the last scenario window written, or null. */
  readonly frontier: number | null;
  readonly retainedCount: number;
  commandAck(commandId: string): CommandAck | undefined;
  commandRecords(): CommandRecord[];
  /** Everything after `seq` in this view, in seq order, superseded position reports left out. */
  since(seq: number): WireEnvelope[];
  append(request: AppendRequest): Promise<AppendResult>;
  refresh(): Promise<void>;
  onBatch(listener: (batch: LogBatch) => void): void;
  close(): Promise<void>;
}

/** The file log (gateway/feedLog.ts) behind the LogStore interface; `log` is its synchronous self. */
export class FileLogStore implements LogStore {
  readonly kind = 'file';
  readonly logId = null;
  private readonly listeners: ((batch: LogBatch) => void)[] = [];

  constructor(readonly log: FeedLog) {}

  static open(stateDir: string | null, fsync = true): FileLogStore {
    return new FileLogStore(new FeedLog(stateDir, fsync));
  }

  get headSeq(): number {
    return this.log.headSeq;
  }
  get durableSeq(): number {
    return this.log.durableSeq;
  }
  afterDurable(done: () => void, failed?: (err: Error) => void): void {
    this.log.afterDurable(done, failed);
  }
  get frontier(): number | null {
    return this.log.frontier;
  }
  get retainedCount(): number {
    return this.log.retainedCount;
  }
  commandAck(commandId: string): CommandAck | undefined {
    return this.log.commandAck(commandId);
  }
  commandRecords(): CommandRecord[] {
    return this.log.commandRecords();
  }
  since(seq: number): WireEnvelope[] {
    return this.log.since(seq);
  }

  append(request: AppendRequest): Promise<AppendResult> {
    try {
      const known = (request.commands ?? [])
        .map((c) => this.log.commandAck(c.commandId))
        .find((ack) => ack !== undefined);
      if (known) return Promise.resolve({ entries: [], duplicateCommand: known });
      const entries = this.log.append(request);
      const batch: LogBatch = { entries };
      if (request.frontier !== undefined) batch.frontier = request.frontier;
      if (request.commands?.length) batch.commands = [...request.commands];
      return new Promise((resolve, reject) =>
        this.log.afterDurable(() => {
          for (const listener of this.listeners) listener(batch);
          resolve({ entries });
        }, reject),
      );
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** One process writes the file: there is never anything new to read. */
  refresh(): Promise<void> {
    return Promise.resolve();
  }

  onBatch(listener: (batch: LogBatch) => void): void {
    this.listeners.push(listener);
  }

  close(): Promise<void> {
    this.log.close();
    return Promise.resolve();
  }
}
