import fs from 'node:fs';
import path from 'node:path';
import type { CommandAck } from '../../shared/protocol/feed';
import { presencePublisher } from '../../shared/protocol/seats';
import { GroupCommit, type Datasync } from './groupCommit';

/**
 * The envelope exactly as it goes on the wire. `type` is a plain string, not the enum: the
 * admin inject endpoint may append anything, to exercise the console's quarantine.
 */
export interface WireEnvelope {
  seq: number;
  type: string;
  sentAt: string;
  payload: unknown;
}

export interface CommandRecord {
  commandId: string;
  ack: CommandAck;
  /**
   * For accepted commands that move units (unit.assign, unit.recall, unit.status): the command
   * and the scenario time (seconds) it took effect, so a restarted gateway rebuilds the same
   * unit motion (gateway/simulation/dispatchSimulator.ts).
   */
  command?: { kind: string; payload: unknown };
  at?: number;
  /** The console's audit head sent with the command: kept here, outside the seat, as an anchor of its log. */
  auditHead?: string;
}

/** One line of the JSONL file: everything one append produced, so it lands all or nothing. */
interface LogLine {
  entries: WireEnvelope[];
  /** End of the scenario window these entries complete (scenario seconds); absent for injections and commands. */
  frontier?: number;
  commands?: CommandRecord[];
  /** Envelope ids of this line's entries (those that had one): a message with a logged id is not appended again. */
  ids?: string[];
}

/** One appended line as a reader sees it: its envelopes (seqs assigned), frontier and command records. */
export interface LogBatch {
  entries: WireEnvelope[];
  frontier?: number;
  commands?: CommandRecord[];
  ids?: string[];
}

export interface AppendMessage {
  type: string;
  payload: unknown;
  /** Envelope id: when given, the log holds at most one envelope with it (a retried append is not doubled). */
  id?: string;
}

export interface AppendRequest {
  messages: readonly AppendMessage[];
  frontier?: number;
  commands?: readonly CommandRecord[];
  sentAt: string;
  /**
   * A shared log (several writers): append only if no envelope changing one of `keys`
   * (gateway/feed/seatKeys.ts) was appended after `seq`, the head the decision was made at.
   * A single-writer log is always at its head when the caller decides, so it ignores this.
   */
  guard?: { seq: number; keys: readonly string[] };
}

export const LOG_FILE = 'feed-log.jsonl';
/** Rewrite the file once this many superseded envelopes (position reports, presence lists) have piled up in it. */
const COMPACT_AFTER_SUPERSEDED = 20_000;
const REPLAY_LINE_CHUNK = 1000;

/**
 * Envelopes that supersede each other, keyed: the position reports of one unit, and the lists of
 * seats on duty of one gateway (each `seat.presence` lists all of its publisher's seats, so only
 * the latest of each gateway matters to a seat that resumes; an untagged list is the single
 * gateway's). Everything else is history and kept. The same key leaves superseded rows out of a
 * shared log (gateway/pg/pgLogStore.ts).
 */
export function supersedeKey(type: string, payload: unknown): string | null {
  if (type === 'seat.presence') {
    const publisher = presencePublisher(payload);
    return publisher === '' ? 'seat.presence' : `seat.presence:${publisher}`;
  }
  if (type !== 'unit.position') return null;
  const unitId = (payload as { unitId?: unknown } | null)?.unitId;
  return typeof unitId === 'string' ? `unit.position:${unitId}` : null;
}

/**
 * The gateway's emitted log: assigns seqs, answers "everything after seq N" for resuming
 * consoles, and (with a state dir) persists to an append-only JSONL file. Each append is one
 * line written with one write call; lines are made durable by group commit (groupCommit.ts),
 * and nothing is sent or acknowledged before its line is (`durableSeq`, `afterDurable`). So after
 * a crash the file holds at least what may have reached a console: a line written but never
 * synced was never sent (a resuming console gets it then), and a torn last line is cut off on open.
 *
 * Compaction: only the latest position report of each unit, and the latest list of seats on
 * duty, are retained (in memory, and in the file when it is rewritten). A resuming console
 * therefore may see seq gaps where superseded envelopes were; it must treat seqs as ordered,
 * not as contiguous.
 */
export class FeedLog {
  private head = 0;
  private lastFrontier: number | null = null;
  private readonly retained: WireEnvelope[] = [];
  private readonly latestByKey = new Map<string, WireEnvelope>();
  private readonly commands = new Map<string, CommandRecord>();
  private readonly ids = new Set<string>();
  private supersededInFile = 0;
  private fd: number | null = null;
  private readonly file: string | null;
  /** Null without a file or without fsync: then every line is durable once written. */
  private readonly commit: GroupCommit | null = null;

  constructor(stateDir: string | null, fsync = true, datasync?: Datasync) {
    this.file = stateDir ? path.join(stateDir, LOG_FILE) : null;
    if (this.file) {
      this.load(this.file);
      if (this.supersededInFile > COMPACT_AFTER_SUPERSEDED) this.compact();
      this.fd ??= fs.openSync(this.file, 'a');
      if (fsync)
        this.commit = new GroupCommit(
          () => this.fd,
          this.head,
          () => this.compactIfDue(),
          datasync,
        );
    }
  }

  get headSeq(): number {
    return this.head;
  }

  /** End of the last scenario window written, or null if the scenario has not started. */
  get frontier(): number | null {
    return this.lastFrontier;
  }

  /** The highest seq whose line is durable: what may be sent. */
  get durableSeq(): number {
    return this.commit ? this.commit.durableMark : this.head;
  }

  /** Runs `done` once every line appended so far is durable (at once without group commit), or `failed` if it cannot be. */
  afterDurable(done: () => void, failed?: (err: Error) => void): void {
    if (this.commit) this.commit.afterDurable(done, failed);
    else done();
  }

  /** Tells `listener` whenever `durableSeq` may have advanced. */
  onDurable(listener: () => void): void {
    this.commit?.onDurable(listener);
  }

  get retainedCount(): number {
    return this.retained.length + this.latestByKey.size;
  }

  commandAck(commandId: string): CommandAck | undefined {
    return this.commands.get(commandId)?.ack;
  }

  /** Every remembered command, in the order they were executed. */
  commandRecords(): CommandRecord[] {
    return [...this.commands.values()];
  }

  /** Assigns the next seqs, makes the line durable, and returns the envelopes to send. */
  append(request: AppendRequest): WireEnvelope[] {
    if (this.commit?.failure) throw this.commit.failure;
    const fresh = this.unlogged(request.messages);
    const entries = fresh.map((m, i) => ({
      seq: this.head + 1 + i,
      type: m.type,
      sentAt: request.sentAt,
      payload: m.payload,
    }));
    const line: LogLine = { entries };
    if (request.frontier !== undefined) line.frontier = request.frontier;
    if (request.commands && request.commands.length > 0) line.commands = [...request.commands];
    const ids = fresh.flatMap((m) => (m.id === undefined ? [] : [m.id]));
    if (ids.length > 0) line.ids = ids;
    // Write before applying: if the write throws, no seq was used and nothing is sent.
    if (this.fd !== null) this.writeLine(this.fd, line);
    this.apply(line);
    this.commit?.wrote(this.head);
    this.compactIfDue();
    return entries;
  }

  /** The messages whose id is not logged yet (nor repeated earlier in the same request). */
  unlogged(messages: readonly AppendMessage[]): AppendMessage[] {
    if (this.ids.size === 0 && messages.every((m) => m.id === undefined)) return [...messages];
    const seen = new Set<string>();
    return messages.filter((m) => {
      if (m.id === undefined) return true;
      if (this.ids.has(m.id) || seen.has(m.id)) return false;
      seen.add(m.id);
      return true;
    });
  }

  /**
   * Takes in a line another writer appended (seqs already assigned, above this log's head), as
   * the in-memory view of a shared log (gateway/pg/pgLogStore.ts). Not written to any file.
   */
  absorb(batch: LogBatch): void {
    if (batch.entries.some((e) => e.seq <= this.head))
      throw new Error(`absorb: seq ${batch.entries[0]!.seq} is not after head ${this.head}`);
    this.apply(batch);
  }

  /** Everything after `seq`, in seq order, with superseded envelopes (supersedeKey) left out. */
  since(seq: number): WireEnvelope[] {
    let lo = 0;
    let hi = this.retained.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.retained[mid]!.seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    const out = this.retained.slice(lo);
    const latest = [...this.latestByKey.values()].filter((e) => e.seq > seq);
    if (latest.length === 0) return out;
    return out.concat(latest).sort((a, b) => a.seq - b.seq);
  }

  /** Makes whatever is written durable (settling its waiters), then closes the file. */
  close(): void {
    if (this.fd !== null && this.commit && !this.commit.idle && !this.commit.failure) {
      fs.fdatasyncSync(this.fd);
      this.commit.settled(this.head);
    }
    this.commit?.close();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private apply(line: LogLine): void {
    for (const entry of line.entries) {
      const key = supersedeKey(entry.type, entry.payload);
      if (key === null) this.retained.push(entry);
      else {
        if (this.latestByKey.has(key)) this.supersededInFile++;
        this.latestByKey.set(key, entry);
      }
      this.head = Math.max(this.head, entry.seq);
    }
    if (line.frontier !== undefined) this.lastFrontier = line.frontier;
    for (const c of line.commands ?? []) this.commands.set(c.commandId, c);
    for (const id of line.ids ?? []) this.ids.add(id);
  }

  private writeLine(fd: number, line: LogLine): void {
    const buffer = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let written = 0;
    while (written < buffer.length) written += fs.writeSync(fd, buffer, written);
  }

  /** Rewrites the file once enough has been superseded, but never under a sync in flight on its fd. */
  private compactIfDue(): void {
    if (this.supersededInFile <= COMPACT_AFTER_SUPERSEDED) return;
    if (this.commit && !this.commit.idle) return;
    this.compact();
  }

  private load(file: string): void {
    if (!fs.existsSync(file)) return;
    const bytes = fs.readFileSync(file);
    // Only newline-terminated lines were completely written; a torn tail was never sent.
    const end = bytes.lastIndexOf(0x0a) + 1;
    const lines = bytes.subarray(0, end).toString('utf8').split('\n');
    lines.pop(); // the empty string after the final newline
    lines.forEach((text, index) => {
      if (text.trim() === '') return;
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        throw new Error(`${file}: line ${index + 1} is not valid JSON; the state dir is corrupt`);
      }
      if (!Array.isArray(line.entries)) throw new Error(`${file}: line ${index + 1} has no entries array`);
      this.apply(line);
    });
    if (end < bytes.length) fs.truncateSync(file, end);
  }

  /** Rewrites the file with only what `since(0)` would replay, then swaps it in atomically. */
  private compact(): void {
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      const all = this.since(0);
      const commands = [...this.commands.values()];
      if (commands.length > 0) this.writeLine(fd, { entries: [], commands });
      if (this.ids.size > 0) this.writeLine(fd, { entries: [], ids: [...this.ids] });
      for (let i = 0; i < all.length; i += REPLAY_LINE_CHUNK)
        this.writeLine(fd, { entries: all.slice(i, i + REPLAY_LINE_CHUNK) });
      const last: LogLine = { entries: [] };
      if (this.lastFrontier !== null) last.frontier = this.lastFrontier;
      this.writeLine(fd, last);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, 'a');
    this.supersededInFile = 0;
    // The rewritten file was fsync'd whole: everything in it is durable.
    this.commit?.settled(this.head);
  }
}
