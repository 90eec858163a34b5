import type { Db } from '../db/database';
import type { DrillInfo, DrillReport } from '../../../shared/contract/drillContract';
import type { Scenario } from '../../../shared/protocol/scenario';
import { scoreDrill, type DrillAlertInput } from '../../../shared/domain/drill/drillScoring';
import { overallDrillScore, scoreExpectations } from '../../../shared/domain/drill/drillExpectations';
import { scenarioTimeAt, type ClockAnchor, type ClockSample } from '../../../shared/domain/drill/drillTime';
import { buildDrillTimeline, type PlacedStepWithNote } from '../../../shared/domain/drill/drillTimeline';

const parseData = (raw: string | null): Record<string, unknown> | null => {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

/** Reads what the scoring needs from the drill's console database. */
export function loadDrillAlerts(db: Db): DrillAlertInput[] {
  const alerts = db
    .prepare<
      [],
      { id: string; priority: number; source: string; category: string; received_at: string; status: string }
    >('SELECT id, priority, source, category, received_at, status FROM alerts ORDER BY received_at, id')
    .all();
  const steps = db.prepare<
    [string],
    { at: string; to_status: string; action: string | null; operator: string; data: string | null }
  >('SELECT at, to_status, action, operator, data FROM alert_events WHERE alert_id = ? ORDER BY id');
  const dispatches = db.prepare<
    [string],
    {
      unit_id: string;
      dispatched_at: string;
      arrived_at: string | null;
      response_seconds: number | null;
      tier_target_seconds: number | null;
      tier_met: number | null;
    }
  >(
    'SELECT unit_id, dispatched_at, arrived_at, response_seconds, tier_target_seconds, tier_met FROM dispatches WHERE alert_id = ? ORDER BY dispatched_at, id',
  );
  return alerts.map((a) => ({
    id: a.id,
    priority: a.priority,
    source: a.source,
    category: a.category,
    receivedAt: a.received_at,
    status: a.status,
    steps: steps.all(a.id).map((s) => ({
      at: s.at,
      toStatus: s.to_status,
      action: s.action,
      operator: s.operator,
      data: parseData(s.data),
    })),
    dispatches: dispatches.all(a.id).map((d) => ({
      unitId: d.unit_id,
      dispatchedAt: d.dispatched_at,
      arrivedAt: d.arrived_at,
      responseSeconds: d.response_seconds,
      tierTargetSeconds: d.tier_target_seconds,
      tierMet: d.tier_met === null ? null : d.tier_met === 1,
    })),
  }));
}

export interface DrillReportInput {
  db: Db;
  drill: DrillInfo;
  /** The drill's scenario file (expected actions, tracks, timeline), when the console has it. */
  scenario: Scenario | null;
  clockSamples: readonly ClockSample[];
  generatedAt: string;
}

/**
 * The after-action report from the drill database at `generatedAt`: alert scores, the expected
 * actions judged on the scenario clock, and the joint timeline. Same rows and inputs → same report.
 */
export function buildDrillReport({
  db,
  drill,
  scenario,
  clockSamples,
  generatedAt,
}: DrillReportInput): Omit<DrillReport, 'auditHead'> {
  const alerts = loadDrillAlerts(db);
  const scored = scoreDrill(alerts, generatedAt);
  const alertT = new Map(
    (scenario?.events ?? []).filter((e) => e.type === 'alert').map((e) => [String(e.payload.id), e.t]),
  );
  const anchors: ClockAnchor[] = alerts
    .filter((a) => alertT.has(a.id))
    .map((a) => ({ receivedAt: a.receivedAt, t: alertT.get(a.id)! }));
  const place = (at: string) => {
    const t = scenarioTimeAt(at, clockSamples, anchors);
    return t === null ? null : Math.round(t * 10) / 10;
  };
  const rows = db
    .prepare<
      [],
      {
        alert_id: string;
        at: string;
        action: string | null;
        operator: string;
        note: string | null;
        data: string | null;
      }
    >('SELECT alert_id, at, action, operator, note, data FROM alert_events ORDER BY id')
    .all();
  const steps: PlacedStepWithNote[] = rows.map((r) => ({
    alertId: r.alert_id,
    at: r.at,
    t: place(r.at),
    action: r.action,
    operator: r.operator,
    note: r.note,
    data: parseData(r.data),
  }));
  const scenarioTime = place(generatedAt);
  const expected = scoreExpectations(
    scenario?.expected ?? { dispatches: [], exits: [] },
    scenario?.suspectTracks ?? [],
    steps,
    scenarioTime ?? 0,
  );
  return {
    scenarioId: drill.scenarioId,
    name: drill.name ?? null,
    generatedAt,
    score: overallDrillScore(scored.score, expected.score),
    alertScore: scored.score,
    scenarioTime,
    alerts: scored.alerts,
    totals: scored.totals,
    expected,
    timeline: buildDrillTimeline(scenario, steps, scored.alerts, expected.steps),
  };
}
