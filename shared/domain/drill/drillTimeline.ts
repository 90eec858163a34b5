/**
 * The after-action timeline: the scenario's events, the trainee's steps and the expected
 * actions on one scenario clock, each with what the best choice would have been. Pure.
 */
import type { Scenario } from '../../protocol/scenario';
import type { DrillAlertScore } from './drillScoring';
import type { ExpectedStatus, ExpectedStepResult, PlacedStep } from './drillExpectations';

/** What should have been done at this point (language-neutral facts; the views word them). */
export interface BestChoice {
  unitIds?: string[];
  etaSeconds?: number | null;
  byT?: number;
  ackTargetSeconds?: number;
  dispatchTargetSeconds?: number;
  /** The step was the best choice. */
  ok?: boolean;
}

export interface DrillTimelineEntry {
  /** Scenario seconds (null when a step cannot be placed). */
  t: number | null;
  /** Wall time of a trainee step. */
  at: string | null;
  kind: 'scenario' | 'action' | 'expected';
  /** Scenario: alert, unit.status, camera.status, track; action: the lifecycle or cordon action; expected: dispatch, exit. */
  event: string;
  alertId: string | null;
  /** Who or what: alert category, unit id, operator, exit name. */
  subject: string;
  detail: string;
  best: BestChoice | null;
  status: ExpectedStatus | null;
}

export interface PlacedStepWithNote extends PlacedStep {
  at: string;
  note: string | null;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function buildDrillTimeline(
  scenario: Scenario | null,
  steps: readonly PlacedStepWithNote[],
  alerts: readonly DrillAlertScore[],
  expected: readonly ExpectedStepResult[],
): DrillTimelineEntry[] {
  const scores = new Map(alerts.map((a) => [a.alertId, a]));
  const expectedDispatch = new Map((scenario?.expected?.dispatches ?? []).map((d) => [d.alertId, d]));
  const entries: DrillTimelineEntry[] = [];

  for (const e of scenario?.events ?? []) {
    const p = e.payload;
    if (e.type === 'alert') {
      const id = str(p.id);
      const score = scores.get(id);
      const want = expectedDispatch.get(id);
      entries.push({
        t: e.t,
        at: null,
        kind: 'scenario',
        event: 'alert',
        alertId: id,
        subject: `${str(p.source)} ${str(p.category)} P${str(p.priority)}`,
        detail: str(p.address),
        status: null,
        best: {
          ...(score
            ? { ackTargetSeconds: score.ackTargetSeconds, dispatchTargetSeconds: score.dispatchTargetSeconds }
            : {}),
          ...(want ? { unitIds: want.unitIds, byT: want.dueT } : {}),
        },
      });
    } else {
      const subject = e.type === 'unit.status' ? str(p.unitId) : str(p.cameraId);
      const detail = e.type === 'unit.status' ? str(p.status) : p.online ? 'online' : 'offline';
      entries.push({
        t: e.t,
        at: null,
        kind: 'scenario',
        event: e.type,
        alertId: str(p.alertId) || null,
        subject,
        detail,
        best: null,
        status: null,
      });
    }
  }
  for (const track of scenario?.suspectTracks ?? []) {
    const first = track.points[0]!;
    const last = track.points[track.points.length - 1]!;
    entries.push({
      t: first.t,
      at: null,
      kind: 'scenario',
      event: 'track',
      alertId: track.alertId,
      subject: `${track.id} (${track.profile})`,
      detail: `${track.description ?? ''} → t=${last.t}`.trim(),
      best: null,
      status: null,
    });
  }

  for (const s of steps) {
    if (s.action === null) continue;
    const score = scores.get(s.alertId);
    let best: BestChoice | null = null;
    if (s.action === 'dispatch' && score?.bestUnitId) {
      best = { unitIds: [score.bestUnitId], etaSeconds: score.bestEtaSeconds, ok: score.choiceCredit >= 1 };
    }
    const units = Array.isArray(s.data?.unitIds) ? (s.data.unitIds as unknown[]).map(String).join(', ') : '';
    entries.push({
      t: s.t,
      at: s.at,
      kind: 'action',
      event: s.action,
      alertId: s.alertId,
      subject: s.operator,
      detail: [units, s.note ?? ''].filter(Boolean).join(' · '),
      best,
      status: null,
    });
  }

  for (const x of expected) {
    entries.push({
      t: x.deadlineT,
      at: null,
      kind: 'expected',
      event: x.kind,
      alertId: x.alertId,
      subject: x.expected,
      detail: x.done ?? '',
      status: x.status,
      best:
        x.kind === 'dispatch' ? { unitIds: x.expected.split(' / '), byT: x.deadlineT } : { byT: x.deadlineT },
    });
  }

  // Scenario first, then expectations, then actions at the same second; unplaced steps last.
  const order = { scenario: 0, expected: 1, action: 2 } as const;
  return entries.sort(
    (a, b) =>
      (a.t ?? Infinity) - (b.t ?? Infinity) ||
      order[a.kind] - order[b.kind] ||
      (a.at ?? '').localeCompare(b.at ?? ''),
  );
}
