import type Database from 'better-sqlite3';
import {
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioEvent,
} from '../../../shared/protocol/scenario';

export interface RecordOptions {
  /** Wall-clock window of the session to turn into a scenario (ISO 8601). */
  from: string;
  to: string;
  id: string;
  name?: { zh: string; en: string };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Turns a stretch of a console session (live or simulated) into a version-2 scenario, from a
 * console database opened read-only: the alerts as they arrived, the units going off duty or
 * back and the cameras going off- or online in the window, and — as the expected actions — the
 * units the duty officer actually sent and when (the benchmark for the trainee). Positions are
 * not recorded: the format has none, the drill gateway simulates units on the roads. Dispatch
 * statuses are left out too, so the trainee's own decisions move the units in the replay.
 */
export function recordScenario(db: Database.Database, options: RecordOptions): Scenario {
  const fromMs = Date.parse(options.from);
  const toMs = Date.parse(options.to);
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs))
    throw new Error('--from and --to must be ISO 8601 times');
  if (toMs <= fromMs) throw new Error(`--to (${options.to}) must be after --from (${options.from})`);
  const t = (iso: string) => round1((Date.parse(iso) - fromMs) / 1000);
  const inWindow = (iso: string | null): iso is string =>
    iso !== null && Date.parse(iso) >= fromMs && Date.parse(iso) <= toMs;
  const packId = db
    .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'pack.id'")
    .get()?.value;
  if (!packId) throw new Error('the database names no city pack (meta pack.id): not a console database?');

  type AlertRow = {
    id: string;
    source: string;
    category: string;
    priority: number;
    reported_at: string;
    orig_lng: number;
    orig_lat: number;
    orig_crs: string;
    address: string;
    caller_name: string | null;
    caller_phone: string;
    description: string;
    received_at: string;
  };
  const alerts = db
    .prepare<[], AlertRow>('SELECT * FROM alerts ORDER BY received_at, seq')
    .all()
    .filter((a) => inWindow(a.received_at));
  const events: ScenarioEvent[] = alerts.map((a) => ({
    t: t(a.received_at),
    type: 'alert',
    payload: {
      id: a.id,
      source: a.source,
      category: a.category,
      priority: a.priority,
      reportedAt: a.reported_at,
      location: { lng: a.orig_lng, lat: a.orig_lat, crs: a.orig_crs },
      address: a.address,
      caller:
        a.caller_name === null ? { phone: a.caller_phone } : { name: a.caller_name, phone: a.caller_phone },
      description: a.description,
    },
  }));
  for (const u of db
    .prepare<[], { id: string; status: string; status_at: string | null }>(
      'SELECT id, status, status_at FROM units ORDER BY id',
    )
    .all()) {
    if ((u.status === 'off_duty' || u.status === 'available') && inWindow(u.status_at))
      events.push({
        t: t(u.status_at),
        type: 'unit.status',
        payload: { unitId: u.id, status: u.status, at: u.status_at },
      });
  }
  for (const c of db
    .prepare<[], { id: string; online: number; status_at: string | null }>(
      'SELECT id, online, status_at FROM cameras ORDER BY id',
    )
    .all()) {
    if (inWindow(c.status_at))
      events.push({
        t: t(c.status_at),
        type: 'camera.status',
        payload: { cameraId: c.id, online: c.online === 1, at: c.status_at },
      });
  }
  events.sort((a, b) => a.t - b.t);

  const recorded = new Set(alerts.map((a) => a.id));
  const firstDispatch = new Map<string, { unitId: string; at: string }>();
  for (const d of db
    .prepare<[], { alert_id: string; unit_id: string; dispatched_at: string }>(
      'SELECT alert_id, unit_id, dispatched_at FROM dispatches ORDER BY dispatched_at, id',
    )
    .all()) {
    if (recorded.has(d.alert_id) && inWindow(d.dispatched_at) && !firstDispatch.has(d.alert_id))
      firstDispatch.set(d.alert_id, { unitId: d.unit_id, at: d.dispatched_at });
  }
  const dispatches = [...firstDispatch].map(([alertId, d]) => ({
    alertId,
    unitIds: [d.unitId],
    dueT: t(d.at),
    note: 'recorded: the unit the duty officer sent, and when',
  }));

  return {
    format: SCENARIO_FORMAT,
    version: SCENARIO_VERSION,
    id: options.id,
    name: options.name ?? { zh: `录制演练 ${options.from}`, en: `Recorded session ${options.from}` },
    description: `Recorded from a console session, ${options.from} – ${options.to}: ${alerts.length} alerts.`,
    cityPack: packId,
    durationSec: round1((toMs - fromMs) / 1000),
    events,
    expected: { dispatches, exits: [] },
  };
}
