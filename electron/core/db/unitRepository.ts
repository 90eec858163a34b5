import type { Db } from './database';
import type { Unit, UnitDefinition, UnitPosition, UnitStatusReport } from '../../../shared/domain/unit';

interface UnitRow {
  id: string;
  callsign: string;
  type: Unit['type'];
  district_id: string;
  home_lng: number;
  home_lat: number;
  status: Unit['status'];
  p_lng: number | null;
  p_lat: number | null;
  p_heading: number | null;
  p_speed: number | null;
  p_at: string | null;
  c_alert_id: string | null;
  c_console_id: string | null;
  c_operator: string | null;
  c_role: string | null;
  c_seat: string | null;
  c_mine: number | null;
}

function rowToUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    callsign: row.callsign,
    type: row.type,
    districtId: row.district_id,
    home: { lng: row.home_lng, lat: row.home_lat },
    status: row.status,
    position:
      row.p_at === null
        ? null
        : {
            unitId: row.id,
            lng: row.p_lng!,
            lat: row.p_lat!,
            heading: row.p_heading!,
            speed: row.p_speed!,
            at: row.p_at,
          },
    commitment:
      row.c_alert_id === null
        ? null
        : {
            alertId: row.c_alert_id,
            consoleId: row.c_console_id!,
            operator: row.c_operator!,
            role: row.c_role!,
            seat: row.c_seat!,
            mine: row.c_mine === 1,
          },
  };
}

/** Units: definitions from the city pack, latest status and position, and the position track. */
export class UnitRepository {
  private readonly upsertDefinitionStmt;
  private readonly latestStmt;
  private readonly trackStmt;
  private readonly statusStmt;
  private readonly listStmt;

  constructor(db: Db) {
    // Definitions come from the pack; live status survives a restart, so it is not overwritten.
    this.upsertDefinitionStmt = db.prepare(`
      INSERT INTO units (id, callsign, type, district_id, home_lng, home_lat)
      VALUES (@id, @callsign, @type, @districtId, @lng, @lat)
      ON CONFLICT (id) DO UPDATE SET callsign = excluded.callsign, type = excluded.type,
        district_id = excluded.district_id, home_lng = excluded.home_lng, home_lat = excluded.home_lat`);
    // Positions can arrive out of order after a resume; the latest stays the latest by time.
    this.latestStmt = db.prepare(`
      INSERT INTO unit_positions (unit_id, lng, lat, heading, speed, at)
      VALUES (@unitId, @lng, @lat, @heading, @speed, @at)
      ON CONFLICT (unit_id) DO UPDATE SET lng = excluded.lng, lat = excluded.lat, heading = excluded.heading,
        speed = excluded.speed, at = excluded.at
      WHERE excluded.at >= unit_positions.at`);
    this.trackStmt = db.prepare(
      'INSERT INTO unit_track (unit_id, lng, lat, heading, speed, at) VALUES (@unitId, @lng, @lat, @heading, @speed, @at)',
    );
    this.statusStmt = db.prepare('UPDATE units SET status = ?, status_at = ?, alert_id = ? WHERE id = ?');
    this.listStmt = db.prepare<[], UnitRow>(`
      SELECT u.*, p.lng AS p_lng, p.lat AS p_lat, p.heading AS p_heading, p.speed AS p_speed, p.at AS p_at,
        c.alert_id AS c_alert_id, c.console_id AS c_console_id, c.operator AS c_operator, c.role AS c_role, c.seat AS c_seat,
        (c.console_id = (SELECT value FROM meta WHERE key = 'console.id')) AS c_mine
      FROM units u LEFT JOIN unit_positions p ON p.unit_id = u.id LEFT JOIN unit_commitments c ON c.unit_id = u.id ORDER BY u.id`);
  }

  /** Call inside a transaction. */
  upsertDefinition(unit: UnitDefinition): void {
    this.upsertDefinitionStmt.run({ ...unit, lng: unit.home.lng, lat: unit.home.lat });
  }

  /** Records a position in the track and as the latest. Returns false for an unknown unit. Call inside a transaction. */
  recordPosition(position: UnitPosition, knownUnits: ReadonlySet<string>): boolean {
    if (!knownUnits.has(position.unitId)) return false;
    this.trackStmt.run(position);
    this.latestStmt.run(position);
    return true;
  }

  /** Returns false for an unknown unit. Call inside a transaction. */
  recordStatus(report: UnitStatusReport): boolean {
    return this.statusStmt.run(report.status, report.at, report.alertId ?? null, report.unitId).changes > 0;
  }

  list(): Unit[] {
    return this.listStmt.all().map(rowToUnit);
  }
}
