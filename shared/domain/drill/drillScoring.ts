/**
 * Drill scoring (演练评估): a pure function of what the drill's console database recorded.
 * The formula is documented in docs/drills.md; same input → same report, always.
 */

/** One alert of the drill as stored: its times, lifecycle steps and dispatches. */
export interface DrillAlertInput {
  id: string;
  priority: number;
  source: string;
  category: string;
  receivedAt: string;
  status: string;
  /** Lifecycle steps in order (alert_events). */
  steps: readonly {
    at: string;
    toStatus: string;
    action: string | null;
    operator: string;
    data?: Record<string, unknown> | null;
  }[];
  /** Dispatches in order (dispatches table). */
  dispatches: readonly {
    unitId: string;
    dispatchedAt: string;
    arrivedAt: string | null;
    responseSeconds: number | null;
    tierTargetSeconds: number | null;
    tierMet: boolean | null;
  }[];
}

export type DrillStep = 'acknowledge' | 'dispatch' | 'arrival';

export interface DrillAlertScore {
  alertId: string;
  priority: number;
  /** Received → first operator step (acknowledge, or dispatch/transfer/… without one). */
  ackSeconds: number | null;
  ackTargetSeconds: number;
  /** Received → first dispatch (or the step that handled it without a dispatch). */
  dispatchSeconds: number | null;
  dispatchTargetSeconds: number;
  /** Handled without sending a unit (transferred, merged, cancelled, resolved by phone). */
  handledWithoutDispatch: boolean;
  /** Response time of the first unit that arrived, and its 1-3-5 tier target. */
  unitId: string | null;
  responseSeconds: number | null;
  tierTargetSeconds: number | null;
  tierMet: boolean | null;
  /** At the first dispatch: the chosen unit's road ETA and the best available unit's (drills record it). */
  chosenEtaSeconds: number | null;
  bestUnitId: string | null;
  bestEtaSeconds: number | null;
  /** 1 when the chosen unit was (about) the fastest, else best / chosen ETA; scales the dispatch points. */
  choiceCredit: number;
  /** Steps not taken although their window (3 × target) has run out. */
  missed: DrillStep[];
  /** 0–100. */
  score: number;
}

export interface DrillScore {
  /** 0–100, priority-weighted mean of the alert scores; null with no alerts. */
  score: number | null;
  alerts: DrillAlertScore[];
  totals: {
    alerts: number;
    acknowledged: number;
    dispatched: number;
    arrived: number;
    tiersJudged: number;
    tiersMet: number;
    missedSteps: number;
  };
}

/** Targets per priority (1 urgent … 4), seconds from receipt. */
export const ACK_TARGET_SECONDS: Record<number, number> = { 1: 15, 2: 30, 3: 60, 4: 120 };
export const DISPATCH_TARGET_SECONDS: Record<number, number> = { 1: 60, 2: 120, 3: 300, 4: 600 };
export const PRIORITY_WEIGHT: Record<number, number> = { 1: 4, 2: 3, 3: 2, 4: 1 };
/** Points per part of an alert's score. */
export const POINTS = { acknowledge: 20, dispatch: 40, response: 40 } as const;

const OPERATOR_STEPS = new Set([
  'acknowledge',
  'dispatch',
  'transfer',
  'merge',
  'cancel',
  'resolve',
  'close',
]);
const HANDLED_WITHOUT_DISPATCH = new Set(['transfer', 'merge', 'cancel', 'resolve']);

/** A chosen unit this much slower than the best still counts as the best choice (ranking noise). */
export const ETA_SLACK_SECONDS = 30;

/** Reads the ETA facts a drill stores with a dispatch step (electron/core/drill/dispatchEta.ts). */
function etaFacts(data: Record<string, unknown> | null | undefined): {
  chosen: number | null;
  best: number | null;
  bestUnitId: string | null;
} {
  const eta = data?.eta as
    { chosenEtaSeconds?: unknown; bestEtaSeconds?: unknown; bestUnitId?: unknown } | undefined;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    chosen: num(eta?.chosenEtaSeconds),
    best: num(eta?.bestEtaSeconds),
    bestUnitId: typeof eta?.bestUnitId === 'string' ? eta.bestUnitId : null,
  };
}

/** 1 for a choice within the slack of the best ETA (or when either is unknown), else best / chosen. */
export function choiceCredit(chosen: number | null, best: number | null): number {
  if (chosen === null || best === null || chosen <= best + ETA_SLACK_SECONDS) return 1;
  return Math.max(0, Math.min(1, best / chosen));
}

/** Full credit up to the target, falling linearly to nothing at 3 × target. */
export function timingCredit(seconds: number | null, target: number): number {
  if (seconds === null) return 0;
  if (seconds <= target) return 1;
  if (seconds >= 3 * target) return 0;
  return (3 * target - seconds) / (2 * target);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const secondsBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

function scoreAlert(alert: DrillAlertInput, nowMs: number): DrillAlertScore {
  const p = Math.min(4, Math.max(1, Math.round(alert.priority)));
  const ackTarget = ACK_TARGET_SECONDS[p]!;
  const dispatchTarget = DISPATCH_TARGET_SECONDS[p]!;
  const age = Math.max(0, (nowMs - Date.parse(alert.receivedAt)) / 1000);
  const isOperatorStep = (s: DrillAlertInput['steps'][number]) =>
    s.action !== null && OPERATOR_STEPS.has(s.action) && !s.operator.startsWith('system:');

  const firstOperatorStep = alert.steps.find(isOperatorStep) ?? null;
  const ackSeconds = firstOperatorStep ? secondsBetween(alert.receivedAt, firstOperatorStep.at) : null;

  const firstDispatch = alert.dispatches[0] ?? null;
  const handledStep = firstDispatch
    ? null
    : (alert.steps.find((s) => isOperatorStep(s) && HANDLED_WITHOUT_DISPATCH.has(s.action!)) ?? null);
  const dispatchSeconds = firstDispatch
    ? secondsBetween(alert.receivedAt, firstDispatch.dispatchedAt)
    : handledStep
      ? secondsBetween(alert.receivedAt, handledStep.at)
      : null;
  const handledWithoutDispatch = !firstDispatch && handledStep !== null;

  const arrived = alert.dispatches.find((d) => d.responseSeconds !== null) ?? null;
  const dispatchStep = alert.steps.find((s) => isOperatorStep(s) && s.action === 'dispatch') ?? null;
  const eta = etaFacts(dispatchStep?.data);
  const choice = choiceCredit(eta.chosen, eta.best);
  const missed: DrillStep[] = [];
  if (ackSeconds === null && age >= 3 * ackTarget) missed.push('acknowledge');
  if (dispatchSeconds === null && age >= 3 * dispatchTarget) missed.push('dispatch');
  if (firstDispatch && !arrived && arrivalOverdue(firstDispatch, nowMs)) missed.push('arrival');

  let response: number;
  if (handledWithoutDispatch) response = 1;
  else if (!arrived) response = 0;
  else if (arrived.tierTargetSeconds === null || arrived.tierMet === true) response = 1;
  else response = Math.min(1, arrived.tierTargetSeconds / Math.max(1, arrived.responseSeconds!));

  const score =
    POINTS.acknowledge * timingCredit(ackSeconds, ackTarget) +
    POINTS.dispatch * timingCredit(dispatchSeconds, dispatchTarget) * choice +
    POINTS.response * response;
  return {
    alertId: alert.id,
    priority: p,
    ackSeconds: ackSeconds === null ? null : round1(ackSeconds),
    ackTargetSeconds: ackTarget,
    dispatchSeconds: dispatchSeconds === null ? null : round1(dispatchSeconds),
    dispatchTargetSeconds: dispatchTarget,
    handledWithoutDispatch,
    unitId: arrived?.unitId ?? firstDispatch?.unitId ?? null,
    responseSeconds: arrived ? round1(arrived.responseSeconds!) : null,
    tierTargetSeconds: arrived?.tierTargetSeconds ?? null,
    tierMet: arrived?.tierMet ?? null,
    chosenEtaSeconds: eta.chosen === null ? null : round1(eta.chosen),
    bestUnitId: eta.bestUnitId,
    bestEtaSeconds: eta.best === null ? null : round1(eta.best),
    choiceCredit: Math.round(choice * 1000) / 1000,
    missed,
    score: round1(score),
  };
}

/** A dispatched unit that has not arrived within 3 × the slowest tier (10 min) is overdue. */
function arrivalOverdue(dispatch: DrillAlertInput['dispatches'][number], nowMs: number): boolean {
  return (nowMs - Date.parse(dispatch.dispatchedAt)) / 1000 >= 3 * 600;
}

/**
 * Scores a drill at time `now` (ISO). Alerts are reported in receipt order (then id).
 * Merged-away duplicates count like any alert: merging is a handling step.
 */
export function scoreDrill(alerts: readonly DrillAlertInput[], now: string): DrillScore {
  const nowMs = Date.parse(now);
  const sorted = [...alerts].sort(
    (a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const scored = sorted.map((a) => scoreAlert(a, nowMs));
  let weighted = 0;
  let weights = 0;
  for (const a of scored) {
    const w = PRIORITY_WEIGHT[a.priority]!;
    weighted += w * a.score;
    weights += w;
  }
  const judged = scored.filter((a) => a.tierMet !== null);
  return {
    score: weights ? round1(weighted / weights) : null,
    alerts: scored,
    totals: {
      alerts: scored.length,
      acknowledged: scored.filter((a) => a.ackSeconds !== null).length,
      dispatched: scored.filter((a) => a.dispatchSeconds !== null && !a.handledWithoutDispatch).length,
      arrived: scored.filter((a) => a.responseSeconds !== null).length,
      tiersJudged: judged.length,
      tiersMet: judged.filter((a) => a.tierMet).length,
      missedSteps: scored.reduce((n, a) => n + a.missed.length, 0),
    },
  };
}
