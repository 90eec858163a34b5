import type { ConsoleRepository } from '../db/consoleRepository';
import type { AuditLog } from '../audit/auditLog';
import type { CommandOutbox } from '../outbox/commandOutbox';
import type {
  AlertHistory,
  MergedAlertViewResult,
  ShiftSummary,
  TransferredCase,
} from '../../../shared/contract/dispatchContract';
import type { Alert } from '../../../shared/domain/alert';
import {
  isTransferOverdue,
  mergedView,
  responseTimeSeconds,
  suggestDuplicates,
  type DuplicateSuggestion,
} from '../../../shared/domain/lifecycle';
import type { AlertStepStore } from './alertStepStore';
import { localDayStart, summariseShift } from './shiftSummary';

/** The alert, or an error naming it. */
export function requireAlert(repository: ConsoleRepository, alertId: string): Alert {
  const alert = repository.alerts.get(alertId);
  if (!alert) throw new Error(`unknown alert ${alertId}`);
  return alert;
}

export interface DispatchQueriesDeps {
  repository: ConsoleRepository;
  audit: AuditLog;
  outbox: CommandOutbox;
  steps: AlertStepStore;
  now: () => Date;
}

/**
 * What the closed loop has recorded, read back: an alert's history and its duplicates, the
 * merged view, today's shift and the cases handed over. Reads only (DispatchService writes).
 */
export class DispatchQueries {
  constructor(private readonly deps: DispatchQueriesDeps) {}

  history(alertId: string): AlertHistory {
    const { repository, steps, now } = this.deps;
    requireAlert(repository, alertId);
    const state = steps.lifecycle(alertId)!;
    return {
      alertId,
      events: repository.alerts.events(alertId),
      dispatches: steps.dispatches(alertId, state.unitIds),
      unitIds: [...state.unitIds],
      responseSeconds: responseTimeSeconds(state),
      transferDueAt: state.transfer?.dueAt ?? null,
      overdue: isTransferOverdue(state, now().toISOString()),
    };
  }

  duplicates(alertId: string): DuplicateSuggestion[] {
    const { repository } = this.deps;
    const alert = requireAlert(repository, alertId);
    return suggestDuplicates(alert, repository.alerts.list({ includeClosed: false }));
  }

  /** Today's shift (the console's local day): alerts received since midnight. */
  shiftSummary(): ShiftSummary {
    const now = this.deps.now();
    const since = localDayStart(now).toISOString();
    // The head goes on the shift view and its printout: kept outside the seat, it anchors the log.
    return {
      ...summariseShift(
        this.deps.steps.shiftRows(since),
        since,
        now.toISOString(),
        this.deps.outbox.counts(),
      ),
      auditHead: this.deps.audit.head(),
    };
  }

  /** Cases handed over (分流) and waiting for feedback, the soonest due first, overdue ones flagged. */
  transferred(): TransferredCase[] {
    const nowIso = this.deps.now().toISOString();
    const cases: TransferredCase[] = [];
    for (const state of this.deps.steps.inStatus('transferred')) {
      const alert = this.deps.repository.alerts.get(state.alertId);
      if (!alert || !state.transfer) continue;
      const { target, department, dueAt, at } = state.transfer;
      cases.push({
        alert,
        target,
        department,
        dueAt,
        transferredAt: at,
        overdue: isTransferOverdue(state, nowIso),
      });
    }
    return cases.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  }

  /** The alert with every duplicate merged into it: all callers and all reports. */
  merged(alertId: string): MergedAlertViewResult {
    const { repository, steps } = this.deps;
    const primary = requireAlert(repository, alertId);
    const merged = steps
      .mergedInto(alertId)
      .map((id) => repository.alerts.get(id))
      .filter((a): a is Alert => a !== null && a !== undefined);
    return mergedView(primary, merged);
  }
}
