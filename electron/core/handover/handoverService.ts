import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { AuditLog } from '../audit/auditLog';
import type { OperatorSession } from '../dispatch/operatorSession';
import type { HandoverContent, HandoverRecord } from '../../../shared/contract/handoverContract';
import type { TransferredCase } from '../../../shared/contract/dispatchContract';
import { renderHandoverHtml } from './handoverHtml';

export interface HandoverDeps {
  db: Db;
  repository: ConsoleRepository;
  audit: AuditLog;
  session: OperatorSession;
  /** Cases transferred and awaiting feedback (the dispatch service's list). */
  transferred: () => TransferredCase[];
  seatName: string;
  /** Where exported handovers are written. */
  exportDir: string;
  now?: () => Date;
}

const OUT = new Set(['dispatched', 'en_route', 'on_scene']);

interface HandoverRow {
  id: number;
  at: string;
  outgoing: string;
  incoming: string;
  notes: string;
  snapshot: string;
  outgoing_audit_seq: number;
  incoming_audit_seq: number;
}

const toRecord = (r: HandoverRow): HandoverRecord => ({
  id: r.id,
  at: r.at,
  outgoing: r.outgoing,
  incoming: r.incoming,
  notes: r.notes,
  content: JSON.parse(r.snapshot) as HandoverContent,
  outgoingAuditSeq: r.outgoing_audit_seq,
  incomingAuditSeq: r.incoming_audit_seq,
});

/**
 * Shift handover (交接班): the outgoing officer's open and transferred cases and the units out,
 * with notes; the incoming officer accepts with their password at the seat. Both sign in the
 * audit log (the hand-over and the acceptance, each naming the other), the record is stored in
 * the same transaction, and the seat passes to the incoming officer. Exportable as HTML.
 */
export class HandoverService {
  private readonly now: () => Date;
  private readonly insertStmt;
  private readonly byIdStmt;

  constructor(private readonly deps: HandoverDeps) {
    this.now = deps.now ?? (() => new Date());
    this.insertStmt = deps.db.prepare(
      'INSERT INTO handovers (at, outgoing, incoming, notes, snapshot, outgoing_audit_seq, incoming_audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.byIdStmt = deps.db.prepare<[number], HandoverRow>('SELECT * FROM handovers WHERE id = ?');
  }

  /** What the signed-in officer hands over now: this seat's open cases (and unclaimed ones), transferred cases, units out. */
  draft(): HandoverContent {
    const outgoing = this.deps.session.require();
    const { repository } = this.deps;
    const openCases = repository.alerts
      .list({ includeClosed: false })
      .filter((a) => !a.owner || a.owner.mine);
    const transferredCases = this.deps
      .transferred()
      .map((c) => ({ alert: c.alert, department: c.department, dueAt: c.dueAt, overdue: c.overdue }));
    const unitsOut = repository.units
      .list()
      .filter((u) => OUT.has(u.status) && (!u.commitment || u.commitment.mine))
      .map((u) => ({
        unitId: u.id,
        callsign: u.callsign,
        status: u.status,
        alertId: u.commitment?.alertId ?? this.unitAlert(u.id),
      }));
    return {
      outgoing: outgoing.username,
      seat: this.deps.seatName,
      openCases,
      transferredCases,
      unitsOut,
      at: this.now().toISOString(),
    };
  }

  /** The incoming officer accepts: checked like a sign-in, both sign, the record is stored, the seat is theirs. */
  async accept(incoming: { username: string; password: string }, notes: string): Promise<HandoverRecord> {
    const outgoing = this.deps.session.require();
    if (incoming.username === outgoing.username)
      throw new Error('the incoming officer must be someone else than the outgoing one');
    const account = await this.deps.session.authenticate(incoming.username, incoming.password, 'confirm');
    const content = this.draft();
    const at = this.now().toISOString();
    const summary = {
      openCases: content.openCases.map((a) => a.id),
      transferredCases: content.transferredCases.map((c) => c.alert.id),
      unitsOut: content.unitsOut.map((u) => u.unitId),
      notes,
    };
    let id = 0;
    this.deps.db.transaction(() => {
      const given = this.deps.audit.append({
        operator: outgoing.username,
        action: 'shift.handover',
        subject: `seat:${this.deps.seatName}`,
        payload: { to: account.username, ...summary },
      });
      const taken = this.deps.audit.append({
        operator: account.username,
        action: 'shift.handover.accepted',
        subject: `seat:${this.deps.seatName}`,
        payload: { from: outgoing.username, handoverHash: given.hash },
      });
      id = Number(
        this.insertStmt.run(
          at,
          outgoing.username,
          account.username,
          notes,
          JSON.stringify(content),
          given.seq,
          taken.seq,
        ).lastInsertRowid,
      );
    })();
    this.deps.session.takeOverSeat(account, 'shift.handover');
    return this.get(id)!;
  }

  get(id: number): HandoverRecord | null {
    const row = this.byIdStmt.get(id);
    return row ? toRecord(row) : null;
  }

  /** Printable HTML of a stored handover, written to the export folder. */
  export(id: number): { path: string; html: string } {
    const record = this.get(id);
    if (!record) throw new Error(`no handover ${id}`);
    const html = renderHandoverHtml(record);
    fs.mkdirSync(this.deps.exportDir, { recursive: true });
    const file = path.join(this.deps.exportDir, `handover-${id}-${record.at.replace(/[:.]/g, '-')}.html`);
    fs.writeFileSync(file, html, 'utf8');
    return { path: file, html };
  }

  private unitAlert(unitId: string): string | null {
    const row = this.deps.db
      .prepare<[string], { alert_id: string | null }>('SELECT alert_id FROM units WHERE id = ?')
      .get(unitId);
    return row?.alert_id ?? null;
  }
}
