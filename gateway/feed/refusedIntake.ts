import fs from 'node:fs';
import path from 'node:path';
import type { IntakeRefusal } from '../../shared/protocol/envelopeIntake';

export const REFUSED_FILE = 'refused-intake.jsonl';
const RECENT_KEPT = 100;
const EXCERPT_CHARS = 2048;

export interface RefusedEntry {
  at: string;
  /** Where it came from: the admin inject endpoint or a console command. */
  source: 'inject' | 'command';
  type: string;
  reason: string;
  bytes: number | null;
  /** The message as JSON (lone surrogates stay visible as \u escapes); an excerpt in `recent()`. */
  raw: string;
}

function rawText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The start of a long raw text; never cuts a surrogate pair in half (that would alter the text). */
function excerpt(raw: string): string {
  if (raw.length <= EXCERPT_CHARS) return raw;
  const high = raw.charCodeAt(EXCERPT_CHARS - 1);
  const end = high >= 0xd800 && high <= 0xdbff ? EXCERPT_CHARS - 1 : EXCERPT_CHARS;
  return `${raw.slice(0, end)}… (${raw.length} chars)`;
}

/**
 * What the gateway refused at intake, kept for inspection: every refusal whole in
 * `<state>/refused-intake.jsonl` (with a state dir), the latest ones as excerpts in memory for
 * GET /admin/refused. Refusing never touches the feed log, so nothing else is lost.
 */
export class RefusedIntake {
  private readonly latest: RefusedEntry[] = [];
  private total = 0;
  readonly file: string | null;

  constructor(stateDir: string | null) {
    this.file = stateDir ? path.join(stateDir, REFUSED_FILE) : null;
  }

  record(
    source: RefusedEntry['source'],
    message: { type: string; payload: unknown },
    refusal: IntakeRefusal,
    at: string,
  ): RefusedEntry {
    const entry: RefusedEntry = {
      at,
      source,
      type: message.type,
      reason: refusal.reason,
      bytes: refusal.bytes,
      raw: rawText(message.payload),
    };
    if (this.file) fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    this.total++;
    this.latest.push({ ...entry, raw: excerpt(entry.raw) });
    if (this.latest.length > RECENT_KEPT) this.latest.shift();
    return entry;
  }

  /** Refusals since this gateway started. */
  get count(): number {
    return this.total;
  }

  /** The latest refusals, newest first, raw cut to an excerpt. */
  recent(): RefusedEntry[] {
    return [...this.latest].reverse();
  }
}
