import { z } from 'zod';
import { AlertRevisionSchema } from '../domain/alertRevision';
import { AlertSchema } from '../domain/alert';
import { OPERATOR_ROLES } from '../domain/lifecycle/permissions';
import { request } from './request';

/**
 * The dispatch part of the API contract (operators, lifecycle actions, history, shift view).
 * Merged into requestContract / eventContract in ./api.ts.
 */
const note = { note: z.string().max(500).optional() };
const unitIds = z.array(z.string().min(1)).min(1).max(10);

export const LifecycleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('acknowledge'), ...note }),
  z.object({ type: z.literal('dispatch'), unitIds, ...note }),
  z.object({ type: z.literal('depart'), unitId: z.string().min(1), ...note }),
  z.object({ type: z.literal('arrive'), unitId: z.string().min(1), ...note }),
  z.object({ type: z.literal('resolve'), result: z.string().min(1).max(500), ...note }),
  z.object({ type: z.literal('close'), feedback: z.string().min(1).max(500), ...note }),
  z.object({ type: z.literal('merge'), intoAlertId: z.string().min(1), ...note }),
  z.object({
    type: z.literal('transfer'),
    target: z.enum(['110', '12345', 'department']),
    department: z.string().min(1).max(100),
    dueAt: z.iso.datetime({ offset: true }),
    ...note,
  }),
  z.object({ type: z.literal('cancel'), reason: z.string().min(1).max(500), ...note }),
  z.object({ type: z.literal('reopen'), reason: z.string().min(1).max(500), ...note }),
  z.object({ type: z.literal('reassign'), unitIds, ...note }),
  z.object({ type: z.literal('recall'), unitId: z.string().min(1), ...note }),
]);

export type LifecycleActionRequest = z.infer<typeof LifecycleActionSchema>;

export const OperatorInfoSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(OPERATOR_ROLES),
});
export type OperatorInfo = z.infer<typeof OperatorInfoSchema>;

const credentials = { username: z.string().min(1).max(64), password: z.string().min(1).max(200) };
export const SupervisorConfirmationSchema = z.object(credentials);

export const AlertEventRecordSchema = z.object({
  at: z.string(),
  operator: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  action: z.string().nullable(),
  note: z.string().nullable(),
});

export const DispatchRecordSchema = z.object({
  unitId: z.string(),
  dispatchedAt: z.string(),
  arrivedAt: z.string().nullable(),
  responseSeconds: z.number().nullable(),
  tierTargetSeconds: z.number().nullable(),
  tierMet: z.boolean().nullable(),
  commandId: z.string().nullable(),
  commandState: z.string().nullable(),
  /** The unit was recalled, reassigned away or moved with a merge: it no longer serves this dispatch. */
  released: z.boolean(),
});
export type DispatchRecord = z.infer<typeof DispatchRecordSchema>;

export const AlertHistorySchema = z.object({
  alertId: z.string(),
  events: z.array(AlertEventRecordSchema),
  dispatches: z.array(DispatchRecordSchema),
  unitIds: z.array(z.string()),
  responseSeconds: z.number().nullable(),
  transferDueAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type AlertHistory = z.infer<typeof AlertHistorySchema>;

export const DuplicateSuggestionSchema = z.object({
  keepId: z.string(),
  mergeId: z.string(),
  score: z.number(),
  distanceMeters: z.number(),
  secondsApart: z.number(),
  sameCategory: z.boolean(),
});

/** A case handed to a department, 12345 or 110 (分流), waiting for its feedback. */
export const TransferredCaseSchema = z.object({
  alert: AlertSchema,
  target: z.enum(['110', '12345', 'department']),
  department: z.string(),
  transferredAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type TransferredCase = z.infer<typeof TransferredCaseSchema>;

const MergedCallerSchema = z.object({
  alertId: z.string(),
  name: z.string().optional(),
  phone: z.string(),
  reportedAt: z.string(),
});
const MergedReportSchema = z.object({
  alertId: z.string(),
  reportedAt: z.string(),
  source: z.string(),
  category: z.string(),
  address: z.string(),
  description: z.string(),
});
/** The surviving alert with every alert merged into it: all callers, all reports (shared/domain/lifecycle/duplicates.ts). */
export const MergedAlertViewSchema = z.object({
  primaryId: z.string(),
  alertIds: z.array(z.string()),
  firstReportedAt: z.string(),
  callers: z.array(MergedCallerSchema),
  reports: z.array(MergedReportSchema),
});
export type MergedAlertViewResult = z.infer<typeof MergedAlertViewSchema>;

export const ShiftSummarySchema = z.object({
  /** Start of the console's local day: every figure below is about alerts received since. */
  since: z.string(),
  countsByStatus: z.record(z.string(), z.number()),
  dispatches: z.number(),
  /** Alerts reached by a unit; the median and the tier share are over each one's first arrival. */
  arrived: z.number(),
  medianResponseSeconds: z.number().nullable(),
  tierMetShare: z.number().nullable(),
  overdueTransfers: z.number(),
  outbox: z.record(z.string(), z.number()),
  /** The audit log's head when the summary was made: written down elsewhere, it anchors the log (`audit verify --anchor`). */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }),
});
export type ShiftSummary = z.infer<typeof ShiftSummarySchema>;

export const dispatchRequests = {
  'operator.signIn': request(z.tuple([z.object(credentials)]), OperatorInfoSchema),
  'operator.signOut': request(z.tuple([]), z.null()),
  'operator.current': request(z.tuple([]), OperatorInfoSchema.nullable()),
  /** A signed-in supervisor clears an account's failed sign-ins and lock (`username: null`: the seat's). */
  'operator.unlock': request(
    z.tuple([z.object({ username: z.string().min(1).max(64).nullable() })]),
    z.object({ unlocked: z.boolean() }),
  ),
  /** `confirmation`: a supervisor's credentials entered at the seat, for a step a trainee may take on a live alert only when confirmed. */
  /** `reassign`: take units another seat committed, explicitly (audited; protocol 2). */
  'alerts.act': request(
    z.tuple([
      z.object({
        alertId: z.string().min(1),
        action: LifecycleActionSchema,
        confirmation: SupervisorConfirmationSchema.optional(),
        reassign: z.boolean().optional(),
      }),
    ]),
    AlertSchema,
  ),
  'alerts.history': request(z.tuple([z.object({ alertId: z.string().min(1) })]), AlertHistorySchema),
  'alerts.duplicates': request(
    z.tuple([z.object({ alertId: z.string().min(1) })]),
    z.array(DuplicateSuggestionSchema),
  ),
  'shift.summary': request(z.tuple([]), ShiftSummarySchema),
  'alerts.transferred': request(z.tuple([]), z.array(TransferredCaseSchema)),
  'alerts.merged': request(z.tuple([z.object({ alertId: z.string().min(1) })]), MergedAlertViewSchema),
  /** Every revision of an alert (call-taker amendments) with what each one changed. */
  'alerts.revisions': request(
    z.tuple([z.object({ alertId: z.string().min(1) })]),
    z.array(AlertRevisionSchema),
  ),
} as const;

export const dispatchEvents = {
  'operator.changed': OperatorInfoSchema.nullable(),
  /** An alert's history changed (step taken, unit arrived): the detail view refetches. */
  'alerts.historyChanged': z.object({ alertId: z.string() }),
} as const;
