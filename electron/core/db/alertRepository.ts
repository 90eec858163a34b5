import type { Db } from './database';
import type { Alert, AlertStatus } from '../../../shared/domain/alert';
import { OPEN_STATUSES } from '../../../shared/domain/alert';
import {
  alertChanges,
  amendmentVerdict,
  applyAmendment,
  revisionOf,
  type AlertRevision,
  type AmendmentVerdict,
} from '../../../shared/domain/alertRevision';

interface AlertRow {
  id: string;
  source: Alert['source'];
  category: Alert['category'];
  priority: Alert['priority'];
  reported_at: string;
  lng: number;
  lat: number;
  orig_lng: number;
  orig_lat: number;
  orig_crs: Alert['location']['crs'];
  address: string;
  caller_name: string | null;
  caller_phone: string;
  description: string;
  status: AlertStatus;
  received_at: string;
  seq: number;
  revision: number;
  owner_console_id: string | null;
  owner_operator: string | null;
  owner_role: string | null;
  owner_seat: string | null;
  owner_mine: number | null;
}

/** Alerts with their owner (protocol 2): `owner_mine` compares with this console's id. */
const WITH_OWNER = `SELECT a.*, o.console_id AS owner_console_id, o.operator AS owner_operator, o.role AS owner_role, o.seat AS owner_seat,
  (o.console_id = (SELECT value FROM meta WHERE key = 'console.id')) AS owner_mine
  FROM alerts a LEFT JOIN alert_owners o ON o.alert_id = a.id`;

function rowToAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    source: row.source,
    category: row.category,
    priority: row.priority,
    reportedAt: row.reported_at,
    location: { lng: row.orig_lng, lat: row.orig_lat, crs: row.orig_crs },
    position: { lng: row.lng, lat: row.lat },
    address: row.address,
    caller:
      row.caller_name === null
        ? { phone: row.caller_phone }
        : { name: row.caller_name, phone: row.caller_phone },
    description: row.description,
    status: row.status,
    receivedAt: row.received_at,
    seq: row.seq,
    revision: row.revision,
    owner:
      row.owner_console_id === null
        ? null
        : {
            consoleId: row.owner_console_id,
            operator: row.owner_operator!,
            role: row.owner_role!,
            seat: row.owner_seat!,
            mine: row.owner_mine === 1,
          },
  };
}

/**
 * Alerts and their lifecycle steps. Receiving is idempotent by alert id and revision: a resend is
 * ignored, a higher revision amends the stored alert and is kept with what it changed.
 */
export class AlertRepository {
  private readonly insertStmt;
  private readonly amendStmt;
  private readonly insertRevisionStmt;
  private readonly revisionsStmt;
  private readonly insertEventStmt;
  private readonly byIdStmt;
  private readonly openStmt;
  private readonly allStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`
      INSERT INTO alerts (id, source, category, priority, reported_at, lng, lat, orig_lng, orig_lat, orig_crs,
                          address, caller_name, caller_phone, description, status, received_at, seq, revision)
      VALUES (@id, @source, @category, @priority, @reportedAt, @lng, @lat, @origLng, @origLat, @origCrs,
              @address, @callerName, @callerPhone, @description, @status, @receivedAt, @seq, @revision)
      ON CONFLICT (id) DO NOTHING`);
    this.amendStmt = db.prepare(`
      UPDATE alerts SET category = @category, priority = @priority, lng = @lng, lat = @lat, orig_lng = @origLng,
                        orig_lat = @origLat, orig_crs = @origCrs, address = @address, caller_name = @callerName,
                        caller_phone = @callerPhone, description = @description, revision = @revision
      WHERE id = @id`);
    this.insertRevisionStmt = db.prepare(`
      INSERT INTO alert_revisions (alert_id, revision, received_at, seq, changes) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (alert_id, revision) DO NOTHING`);
    this.revisionsStmt = db.prepare<
      [string],
      { revision: number; received_at: string; seq: number; changes: string }
    >('SELECT revision, received_at, seq, changes FROM alert_revisions WHERE alert_id = ? ORDER BY revision');
    this.insertEventStmt = db.prepare(`
      INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note)
      VALUES (?, ?, ?, ?, ?, ?)`);
    this.byIdStmt = db.prepare<[string], AlertRow>(`${WITH_OWNER} WHERE a.id = ?`);
    const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
    this.openStmt = db.prepare<[], AlertRow>(
      `${WITH_OWNER} WHERE a.status IN (${open}) ORDER BY a.priority, a.reported_at`,
    );
    this.allStmt = db.prepare<[], AlertRow>(`${WITH_OWNER} ORDER BY a.priority, a.reported_at`);
  }

  /**
   * Stores an alert from the feed: new (with its first lifecycle step), an amendment of the stored
   * one (returned merged, with its revision kept), or stale (a resend or an older revision). Call
   * inside a transaction.
   */
  receive(alert: Alert): { verdict: AmendmentVerdict; alert: Alert } {
    const stored = this.get(alert.id);
    const verdict = amendmentVerdict(stored, alert);
    if (verdict === 'new') {
      this.insert(alert);
      return { verdict, alert: this.get(alert.id)! };
    }
    if (verdict === 'stale') return { verdict, alert: stored! };
    const amended = applyAmendment(stored!, alert);
    this.amendStmt.run({ ...this.rowParams(amended) });
    if (!this.revisions(alert.id).length) {
      // Stored before revisions were kept: the original report becomes revision 1 of the history.
      this.insertRevisionStmt.run(stored!.id, revisionOf(stored!), stored!.receivedAt, stored!.seq, '[]');
    }
    this.insertRevisionStmt.run(
      alert.id,
      revisionOf(alert),
      alert.receivedAt,
      alert.seq,
      JSON.stringify(alertChanges(stored!, amended)),
    );
    return { verdict, alert: this.get(alert.id)! };
  }

  revisions(alertId: string): AlertRevision[] {
    return this.revisionsStmt.all(alertId).map((r) => ({
      revision: r.revision,
      receivedAt: r.received_at,
      seq: r.seq,
      changes: JSON.parse(r.changes),
    }));
  }

  /** Inserts a new alert with its first lifecycle step. Returns false when the id already exists. Call inside a transaction. */
  insert(alert: Alert): boolean {
    const result = this.insertStmt.run(this.rowParams(alert));
    if (result.changes === 0) return false;
    this.insertRevisionStmt.run(alert.id, revisionOf(alert), alert.receivedAt, alert.seq, '[]');
    this.insertEventStmt.run(
      alert.id,
      alert.receivedAt,
      null,
      alert.status,
      'system:feed',
      `seq ${alert.seq}`,
    );
    return true;
  }

  private rowParams(alert: Alert) {
    return {
      id: alert.id,
      source: alert.source,
      category: alert.category,
      priority: alert.priority,
      reportedAt: alert.reportedAt,
      lng: alert.position.lng,
      lat: alert.position.lat,
      origLng: alert.location.lng,
      origLat: alert.location.lat,
      origCrs: alert.location.crs,
      address: alert.address,
      callerName: alert.caller.name ?? null,
      callerPhone: alert.caller.phone,
      description: alert.description,
      status: alert.status,
      receivedAt: alert.receivedAt,
      seq: alert.seq,
      revision: revisionOf(alert),
    };
  }

  get(id: string): Alert | null {
    const row = this.byIdStmt.get(id);
    return row ? rowToAlert(row) : null;
  }

  list(options: { includeClosed: boolean }): Alert[] {
    return (options.includeClosed ? this.allStmt.all() : this.openStmt.all()).map(rowToAlert);
  }

  events(alertId: string): {
    at: string;
    fromStatus: string | null;
    toStatus: string;
    operator: string;
    note: string | null;
    action: string | null;
  }[] {
    return this.db
      .prepare<
        [string],
        {
          at: string;
          from_status: string | null;
          to_status: string;
          operator: string;
          note: string | null;
          action: string | null;
        }
      >(
        'SELECT at, from_status, to_status, operator, note, action FROM alert_events WHERE alert_id = ? ORDER BY id',
      )
      .all(alertId)
      .map((r) => ({
        at: r.at,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        operator: r.operator,
        note: r.note,
        action: r.action,
      }));
  }
}
