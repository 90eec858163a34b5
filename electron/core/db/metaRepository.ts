import type { Db } from './database';
import type { QuarantineEntry } from '../../../shared/contract/api';

/** Small keyed state (feed resume point, settings) and the quarantine of rejected messages. */
export class MetaRepository {
  private readonly getStmt;
  private readonly setStmt;
  private readonly quarantineStmt;
  private readonly quarantineListStmt;
  private readonly quarantineCountStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
    this.setStmt = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.quarantineStmt = db.prepare(
      'INSERT INTO quarantine (received_at, seq, type, reason, raw) VALUES (?, ?, ?, ?, ?)',
    );
    this.quarantineListStmt = db.prepare<
      [number],
      {
        id: number;
        received_at: string;
        seq: number | null;
        type: string | null;
        reason: string;
        raw: string;
      }
    >('SELECT * FROM quarantine ORDER BY id DESC LIMIT ?');
    this.quarantineCountStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quarantine');
  }

  get(key: string): string | null {
    return this.getStmt.get(key)?.value ?? null;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  /** Call inside a transaction. */
  quarantine(entry: {
    receivedAt: string;
    seq: number | null;
    type: string | null;
    reason: string;
    raw: string;
  }): void {
    this.quarantineStmt.run(entry.receivedAt, entry.seq, entry.type, entry.reason, entry.raw);
  }

  listQuarantine(limit: number): QuarantineEntry[] {
    return this.quarantineListStmt.all(limit).map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      seq: r.seq,
      type: r.type,
      reason: r.reason,
      raw: r.raw,
    }));
  }

  quarantineCount(): number {
    return this.quarantineCountStmt.get()!.n;
  }
}
