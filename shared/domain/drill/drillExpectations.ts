/**
 * The scenario's expected good actions (docs/scenario.md, version 2) against what the trainee
 * did: each expected dispatch and exit closure is met, late, missed or still pending. Pure;
 * every time here is scenario seconds (shared/domain/drill/drillTime.ts places the steps).
 */
import type { ExpectedActions, SuspectTrack } from '../../protocol/scenario';
import { haversineMeters } from '../geo';

/** A stored step of any drill alert, already placed on the scenario clock. */
export interface PlacedStep {
  alertId: string;
  t: number | null;
  action: string | null;
  operator: string;
  data: Record<string, unknown> | null;
}

export type ExpectedStatus = 'met' | 'late' | 'missed' | 'pending';

export interface ExpectedStepResult {
  kind: 'dispatch' | 'exit';
  /** Exit id, or the alert id for a dispatch. */
  id: string;
  alertId: string;
  /** What should have been done: the acceptable units, or the exit's name. */
  expected: string;
  dueT: number;
  /** When a suspect could first pass the exit (its track within radiusM), or null. */
  suspectPassT: number | null;
  /** min(dueT, suspectPassT). */
  deadlineT: number;
  /** When it was done (first qualifying step), or null. */
  doneT: number | null;
  /** Who / what did it (unit ids, checkpoint id), or what was done instead. */
  done: string | null;
  status: ExpectedStatus;
}

export interface ExpectationScore {
  steps: ExpectedStepResult[];
  met: number;
  late: number;
  missed: number;
  pending: number;
  /** Expected exits (cordon gaps) and those closed before the suspect could pass. */
  cordonGaps: number;
  cordonClosedInTime: number;
  /** 100 × (met + ½ late) / judged; null while nothing is judged. */
  score: number | null;
}

export const CORDON_REINFORCE_ACTION = 'cordon.reinforce';
export const CORDON_CHECKPOINT_ACTION = 'cordon.checkpoint';
/** Track segments are checked at this many points, so the pass time is deterministic. */
const TRACK_SAMPLES_PER_SEGMENT = 50;

/** First time any track of the alert comes within `radiusM` of the point. */
export function suspectPassTime(
  tracks: readonly SuspectTrack[],
  alertId: string,
  point: { lng: number; lat: number },
  radiusM: number,
): number | null {
  let first: number | null = null;
  for (const track of tracks) {
    if (track.alertId !== alertId) continue;
    for (let i = 1; i < track.points.length; i++) {
      const a = track.points[i - 1]!;
      const b = track.points[i]!;
      for (let k = 0; k <= TRACK_SAMPLES_PER_SEGMENT; k++) {
        const f = k / TRACK_SAMPLES_PER_SEGMENT;
        const p = { lng: a.lng + (b.lng - a.lng) * f, lat: a.lat + (b.lat - a.lat) * f };
        if (haversineMeters(p, point) <= radiusM) {
          const t = a.t + (b.t - a.t) * f;
          if (first === null || t < first) first = t;
          break;
        }
      }
    }
  }
  return first;
}

const judge = (
  doneT: number | null,
  deadlineT: number,
  nowT: number,
  acceptable: boolean,
): ExpectedStatus => {
  if (doneT !== null && acceptable) return doneT <= deadlineT ? 'met' : 'late';
  return nowT >= deadlineT ? 'missed' : 'pending';
};

const isOperator = (s: PlacedStep) => !s.operator.startsWith('system:');
const byTime = (a: PlacedStep, b: PlacedStep) => (a.t ?? Infinity) - (b.t ?? Infinity);

/** Scores the expected actions at scenario time `nowT`. Steps may come in any order. */
export function scoreExpectations(
  expected: ExpectedActions,
  tracks: readonly SuspectTrack[],
  steps: readonly PlacedStep[],
  nowT: number,
): ExpectationScore {
  const ordered = steps.filter(isOperator).sort(byTime);
  const results: ExpectedStepResult[] = [];

  for (const d of expected.dispatches) {
    const dispatches = ordered.filter(
      (s) => s.alertId === d.alertId && (s.action === 'dispatch' || s.action === 'reassign'),
    );
    const unitsOf = (s: PlacedStep) =>
      Array.isArray(s.data?.unitIds) ? (s.data.unitIds as unknown[]).map(String) : [];
    const good = dispatches.find((s) => unitsOf(s).some((u) => d.unitIds.includes(u))) ?? null;
    const any = good ?? dispatches[0] ?? null;
    results.push({
      kind: 'dispatch',
      id: d.alertId,
      alertId: d.alertId,
      expected: d.unitIds.join(' / '),
      dueT: d.dueT,
      suspectPassT: null,
      deadlineT: d.dueT,
      doneT: any?.t ?? null,
      done: any ? unitsOf(any).join(', ') || null : null,
      status: judge(good?.t ?? null, d.dueT, nowT, good !== null),
    });
  }

  for (const x of expected.exits) {
    const closes = (s: PlacedStep): string | null => {
      if (
        s.action === CORDON_CHECKPOINT_ACTION &&
        x.checkpointId !== undefined &&
        s.data?.checkpointId === x.checkpointId
      )
        return x.checkpointId;
      if (s.action !== CORDON_REINFORCE_ACTION || !Array.isArray(s.data?.assignments)) return null;
      const hit = (s.data.assignments as { unitId?: unknown; lng?: unknown; lat?: unknown }[]).find(
        (a) =>
          typeof a.lng === 'number' &&
          typeof a.lat === 'number' &&
          haversineMeters({ lng: a.lng, lat: a.lat }, x) <= x.radiusM,
      );
      return hit ? String(hit.unitId) : null;
    };
    const closing = ordered.find((s) => s.t !== null && closes(s) !== null) ?? null;
    const suspectPassT = suspectPassTime(tracks, x.alertId, x, x.radiusM);
    const deadlineT = suspectPassT === null ? x.dueT : Math.min(x.dueT, suspectPassT);
    results.push({
      kind: 'exit',
      id: x.id,
      alertId: x.alertId,
      expected: x.checkpointId ? `${x.name} (${x.checkpointId})` : x.name,
      dueT: x.dueT,
      suspectPassT: suspectPassT === null ? null : Math.round(suspectPassT * 10) / 10,
      deadlineT,
      doneT: closing?.t ?? null,
      done: closing ? closes(closing) : null,
      status: judge(closing?.t ?? null, deadlineT, nowT, closing !== null),
    });
  }

  const count = (s: ExpectedStatus) => results.filter((r) => r.status === s).length;
  const [met, late, missed, pending] = [count('met'), count('late'), count('missed'), count('pending')];
  const judged = met + late + missed;
  const exits = results.filter((r) => r.kind === 'exit');
  return {
    steps: results,
    met,
    late,
    missed,
    pending,
    cordonGaps: exits.length,
    cordonClosedInTime: exits.filter((r) => r.status === 'met').length,
    score: judged ? Math.round((1000 * (met + 0.5 * late)) / judged) / 10 : null,
  };
}

/** Share of the expected actions in the overall drill score when the scenario has any judged. */
export const EXPECTED_ACTIONS_WEIGHT = 0.3;

/** Overall drill score: the alerts' score, blended with the expected actions' where there are any. */
export function overallDrillScore(alertScore: number | null, expectedScore: number | null): number | null {
  if (expectedScore === null) return alertScore;
  if (alertScore === null) return expectedScore;
  return (
    Math.round(10 * ((1 - EXPECTED_ACTIONS_WEIGHT) * alertScore + EXPECTED_ACTIONS_WEIGHT * expectedScore)) /
    10
  );
}
