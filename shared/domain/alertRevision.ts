import { z } from 'zod';
import type { Alert } from './alert';

/**
 * Call-taker amendments (改派/补录): the gateway sends an alert again under its id with a higher
 * `revision`. The console keeps the latest values in the alert and every revision with what
 * changed, so a raised priority or a corrected address never replaces the record silently.
 */

/** The report fields an amendment may change; lifecycle state and arrival facts are the console's own. */
export const AMENDABLE_FIELDS = [
  'priority',
  'category',
  'address',
  'location',
  'description',
  'caller',
] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

export const AlertFieldChangeSchema = z.object({
  field: z.enum(AMENDABLE_FIELDS),
  /** JSON values as they were stored before and after (locations in the sender's CRS). */
  from: z.unknown(),
  to: z.unknown(),
});
export type AlertFieldChange = z.infer<typeof AlertFieldChangeSchema>;

export const AlertRevisionSchema = z.object({
  revision: z.number().int().min(1),
  receivedAt: z.string(),
  seq: z.number().int().nonnegative(),
  /** Empty for the first revision (the original report). */
  changes: z.array(AlertFieldChangeSchema),
});
export type AlertRevision = z.infer<typeof AlertRevisionSchema>;

export const revisionOf = (alert: Pick<Alert, 'revision'>): number => alert.revision ?? 1;

/** What an incoming report does to the stored alert with its id. */
export type AmendmentVerdict = 'new' | 'amend' | 'stale';

export function amendmentVerdict(
  stored: Pick<Alert, 'revision'> | null,
  incoming: Pick<Alert, 'revision'>,
): AmendmentVerdict {
  if (!stored) return 'new';
  // Equal revisions are resends of what is stored; lower ones arrive late and must not roll back.
  return revisionOf(incoming) > revisionOf(stored) ? 'amend' : 'stale';
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between the stored alert and an amendment, in a stable order. */
export function alertChanges(before: Alert, after: Alert): AlertFieldChange[] {
  const changes: AlertFieldChange[] = [];
  for (const field of AMENDABLE_FIELDS) {
    if (!same(before[field], after[field])) changes.push({ field, from: before[field], to: after[field] });
  }
  return changes;
}

/**
 * The stored alert after an amendment: report fields and position from the amendment, the
 * console's lifecycle state, first receipt time and seq kept.
 */
export function applyAmendment(stored: Alert, amendment: Alert): Alert {
  return {
    ...stored,
    priority: amendment.priority,
    category: amendment.category,
    address: amendment.address,
    location: amendment.location,
    position: amendment.position,
    description: amendment.description,
    caller: amendment.caller,
    revision: revisionOf(amendment),
  };
}

/** A raised priority (a lower number) is what re-sorts the queue and re-sounds the alarm. */
export const priorityRaised = (before: Pick<Alert, 'priority'>, after: Pick<Alert, 'priority'>): boolean =>
  after.priority < before.priority;
