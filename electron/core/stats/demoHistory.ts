import type { Db } from '../db/database';
import type { Unit } from '../../../shared/domain/unit';
import type { Alert, AlertCategory, Priority } from '../../../shared/domain/alert';
import { mulberry32 } from '../../../shared/random';
import { localDate } from './period';

/**
 * Generated history for the demo (docs/statistics.md): N days of alerts with dispatches,
 * arrivals with realistic delays, resolutions and 12345 hand-overs (most closed, some late or
 * still open past their due time), so the statistics view has content on a fresh demo console;
 * each arrival keeps a predicted road ETA, unit type and road class (the ETA calibration's input).
 *
 * Deterministic: the same seed, end day and units give the same rows. Every row is marked:
 * alerts.origin = 'demo-history', ids `DEMO-H-…`, steps by `system:demo-history`, and the
 * meta key `demo.history` records what was generated. Never call it for live or drill data.
 */
export const DEMO_HISTORY_ORIGIN = 'demo-history';
export const DEMO_HISTORY_META = 'demo.history';
const OPERATOR = 'system:demo-history';

export interface DemoHistoryOptions {
  units: readonly Unit[];
  /** The 1/3/5 target of this unit on this alert: the routing service's tierFor (the ranking's rule). */
  tierFor: (unit: Unit, alert: Alert) => number | null;
  /** Local midnight that ends the history (exclusive): normally today's. */
  end: Date;
  days?: number;
  /** Mean alerts a day. */
  perDay?: number;
  seed?: number;
}

/** Relative alert rate by local hour: quiet before dawn, peaks late morning and evening. */
export const HOURLY_WEIGHT = [
  0.5, 0.4, 0.3, 0.25, 0.25, 0.3, 0.5, 0.8, 1.1, 1.3, 1.4, 1.4, 1.3, 1.2, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.6,
  1.3, 1.0, 0.7,
];
const CATEGORIES_110: readonly [AlertCategory, number, Priority][] = [
  ['theft', 14, 3],
  ['dispute', 14, 3],
  ['traffic_accident', 12, 2],
  ['fight', 8, 2],
  ['help_request', 10, 3],
  ['noise', 6, 4],
  ['fraud', 6, 3],
  ['suspicious', 6, 3],
  ['burglary', 4, 2],
  ['assault', 3, 1],
  ['robbery', 2, 1],
  ['missing_person', 2, 2],
  ['domestic_violence', 3, 2],
  ['drunk_driving', 2, 2],
  ['fire', 1, 1],
  ['rescue', 1, 1],
];
const CATEGORIES_12345: readonly AlertCategory[] = [
  'complaint',
  'consultation',
  'public_facility',
  'environment',
];
const DEPARTMENTS = ['城管', '市场监管', '住建', '环保', '交通'];

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
function weighted<T>(
  rand: () => number,
  items: readonly (readonly [T, number, ...unknown[]])[],
): readonly [T, number, ...unknown[]] {
  const sum = items.reduce((n, i) => n + i[1], 0);
  let r = rand() * sum;
  for (const item of items) if ((r -= item[1]) < 0) return item;
  return items.at(-1)!;
}
/**
 * The road class a demo unit's route mostly took (its share) and how much longer than the road
 * ETA units took on it (acceptance, set-off and traffic): small roads are underestimated most.
 */
const ROAD_CLASS_LATENESS: readonly (readonly [string, number, number])[] = [
  ['trunk', 0.06, 1.05],
  ['primary', 0.34, 1.12],
  ['secondary', 0.25, 1.18],
  ['tertiary', 0.2, 1.25],
  ['residential', 0.15, 1.35],
];
/** Log-normal with the given median and shape. */
const logNormal = (rand: () => number, median: number, sigma: number) =>
  median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
const iso = (ms: number) => new Date(ms).toISOString();

export function generateDemoHistory(
  db: Db,
  options: DemoHistoryOptions,
): { alerts: number; from: string; to: string } {
  const { units, tierFor, end } = options;
  const days = options.days ?? 30;
  const perDay = options.perDay ?? 80;
  const rand = mulberry32(options.seed ?? 20261120);
  // Predicted ETAs and road classes (ETA calibration) draw from their own sequence, so the rest
  // of the history is the same with or without them.
  const etaRand = mulberry32((options.seed ?? 20261120) ^ 0x5eed);
  if (units.length === 0) throw new Error('demo history needs units');
  const insertAlert =
    db.prepare(`INSERT INTO alerts (id, source, category, priority, reported_at, lng, lat, orig_lng, orig_lat, orig_crs, address, caller_phone, description, status, received_at, seq, lifecycle, origin)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'WGS84', ?, ?, ?, ?, ?, 0, ?, '${DEMO_HISTORY_ORIGIN}')`);
  const insertEvent = db.prepare(
    `INSERT INTO alert_events (alert_id, at, from_status, to_status, operator, note, action, data) VALUES (?, ?, ?, ?, '${OPERATOR}', ?, ?, ?)`,
  );
  const insertDispatch = db.prepare(
    'INSERT INTO dispatches (alert_id, unit_id, dispatched_at, arrived_at, response_seconds, tier_target_seconds, tier_met, predicted_eta_seconds, unit_type, road_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const weightSum = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);
  let count = 0;
  const first = new Date(end.getFullYear(), end.getMonth(), end.getDate() - days);
  db.transaction(() => {
    for (let d = 0; d < days; d++) {
      const dayStart = new Date(first.getFullYear(), first.getMonth(), first.getDate() + d);
      const dayKey = localDate(dayStart).replace(/-/g, '');
      const n = Math.round(perDay * (0.8 + 0.4 * rand()) * (dayStart.getDay() % 6 === 0 ? 1.15 : 1));
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        let r = rand() * weightSum;
        let hour = 0;
        while ((r -= HOURLY_WEIGHT[hour]!) >= 0 && hour < 23) hour++;
        times.push(dayStart.getTime() + hour * 3_600_000 + Math.floor(rand() * 3_600_000));
      }
      times.sort((a, b) => a - b);
      times.forEach((receivedMs, i) => {
        const id = `DEMO-H-${dayKey}-${String(i + 1).padStart(3, '0')}`;
        const unit = pick(rand, units);
        const is12345 = rand() < 0.18;
        const [category, , priority] = is12345
          ? [pick(rand, CATEGORIES_12345), 1, 4 as Priority]
          : (weighted(rand, CATEGORIES_110) as [AlertCategory, number, Priority]);
        const lng = unit.home.lng + (rand() - 0.5) * 0.02;
        const lat = unit.home.lat + (rand() - 0.5) * 0.016;
        const received = iso(receivedMs);
        const alert = {
          id,
          source: is12345 ? '12345' : '110',
          category,
          priority,
          receivedAt: received,
          reportedAt: received,
          position: { lng, lat },
        } as Alert;
        const fate = rand();
        const events: [number, string | null, string, string | null, string | null, object | null][] = [
          [receivedMs, null, 'received', null, null, null],
        ];
        const lifecycle = {
          alertId: id,
          source: alert.source,
          status: 'received',
          receivedAt: received,
          unitIds: [] as string[],
          firstArrivalAt: null as string | null,
          result: null as string | null,
          feedback: null as string | null,
          mergedInto: null,
          transfer: null as object | null,
          cancelReason: null as string | null,
        };
        let status: Alert['status'];
        let dispatch: unknown[] | null = null;
        if (is12345) {
          // Handed to a department with 1–3 days to answer; ~88 % answered in time, ~6 % late, the rest still open.
          const transferMs = receivedMs + 60_000 + Math.floor(rand() * 600_000);
          const dueMs = transferMs + (1 + Math.floor(rand() * 3)) * 86_400_000;
          const department = pick(rand, DEPARTMENTS);
          lifecycle.transfer = { target: 'department', department, dueAt: iso(dueMs), at: iso(transferMs) };
          events.push([
            transferMs,
            'received',
            'transferred',
            department,
            'transfer',
            { target: 'department', department, dueAt: iso(dueMs) },
          ]);
          const closeMs =
            fate < 0.88
              ? transferMs + rand() * (dueMs - transferMs)
              : fate < 0.94
                ? dueMs + 3_600_000 + rand() * 86_400_000
                : null;
          if (closeMs !== null && closeMs < end.getTime()) {
            lifecycle.feedback = '已办结';
            events.push([closeMs, 'transferred', 'closed', '已办结', 'close', { feedback: '已办结' }]);
            status = 'closed';
          } else status = 'transferred';
        } else if (fate < 0.03) {
          lifecycle.cancelReason = '报警人撤销';
          events.push([
            receivedMs + 90_000,
            'received',
            'cancelled',
            '报警人撤销',
            'cancel',
            { reason: '报警人撤销' },
          ]);
          status = 'cancelled';
        } else {
          // Dispatch in 20–120 s; travel log-normal around 2.5 min (urgent ones faster); 1 % never reached.
          const dispatchMs = receivedMs + (20 + rand() * 100) * 1000;
          const target = tierFor(unit, alert);
          const travel = logNormal(rand, priority === 1 ? 110 : 150, 0.45);
          const reached = rand() > 0.01;
          const arriveMs = reached ? dispatchMs + travel * 1000 : null;
          const response = arriveMs === null ? null : Math.round(arriveMs - receivedMs) / 1000;
          const [roadClass, , lateness] = weighted(etaRand, ROAD_CLASS_LATENESS) as readonly [
            string,
            number,
            number,
          ];
          const predicted = Math.round((travel / (lateness * (0.85 + 0.3 * etaRand()))) * 10) / 10;
          dispatch = [
            id,
            unit.id,
            iso(dispatchMs),
            arriveMs === null ? null : iso(arriveMs),
            response,
            target,
            target === null || response === null ? null : response <= target ? 1 : 0,
            predicted,
            unit.type,
            roadClass,
          ];
          events.push([
            dispatchMs,
            'received',
            'dispatched',
            null,
            'dispatch',
            { unitIds: [unit.id], reinforcement: false },
          ]);
          const resolveMs = (arriveMs ?? dispatchMs + 900_000) + logNormal(rand, 1500, 0.5) * 1000;
          if (arriveMs !== null) {
            lifecycle.firstArrivalAt = iso(arriveMs);
            events.push([
              arriveMs,
              'dispatched',
              'on_scene',
              null,
              'arrive',
              { unitId: unit.id, responseSeconds: response },
            ]);
          }
          lifecycle.result = '已处置';
          events.push([
            resolveMs,
            arriveMs !== null ? 'on_scene' : 'dispatched',
            'resolved',
            '已处置',
            'resolve',
            { result: '已处置', byPhone: false },
          ]);
          status = 'resolved';
          if (rand() < 0.7) {
            lifecycle.feedback = '回访满意';
            events.push([
              resolveMs + 3_600_000,
              'resolved',
              'closed',
              '回访满意',
              'close',
              { feedback: '回访满意' },
            ]);
            status = 'closed';
          }
        }
        lifecycle.status = status;
        insertAlert.run(
          id,
          alert.source,
          category,
          priority,
          received,
          lng,
          lat,
          lng,
          lat,
          `演示历史 ${i + 1} 号`,
          '10000000000',
          `演示历史数据 demo history`,
          status,
          received,
          JSON.stringify(lifecycle),
        );
        // The alert first (the dispatch row refers to it), then its dispatch and its steps.
        if (dispatch) insertDispatch.run(...dispatch);
        for (const [ms, from, to, note, action, data] of events)
          insertEvent.run(id, iso(ms), from, to, note, action, data === null ? null : JSON.stringify(data));
        count++;
      });
    }
    const to = new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1);
    db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(
      DEMO_HISTORY_META,
      JSON.stringify({
        from: localDate(first),
        to: localDate(to),
        alerts: count,
        seed: options.seed ?? 20261120,
        origin: DEMO_HISTORY_ORIGIN,
      }),
    );
  })();
  return {
    alerts: count,
    from: localDate(first),
    to: localDate(new Date(end.getFullYear(), end.getMonth(), end.getDate() - 1)),
  };
}

/**
 * `npm start`'s demo history: written only into a fresh live folder (no alert yet, none
 * generated before) of a synthetic demo pack; never for a real city's pack nor a drill's folder.
 */
export function seedDemoHistoryIfFresh(
  db: Db,
  context: { mode: string; synthetic: boolean; now: Date },
  options: Omit<DemoHistoryOptions, 'end'>,
): { alerts: number; from: string; to: string } | null {
  if (context.mode !== 'live' || !context.synthetic) return null;
  const used = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM alerts').get()!.n > 0;
  const done =
    db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(DEMO_HISTORY_META) !==
    undefined;
  if (used || done) return null;
  const today = new Date(context.now.getFullYear(), context.now.getMonth(), context.now.getDate());
  return generateDemoHistory(db, { ...options, end: today });
}
