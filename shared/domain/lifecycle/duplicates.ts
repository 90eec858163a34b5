/**
 * Duplicate-call suggestions (重复警情): one incident often brings several calls — a fight
 * reported by three passers-by, a crash by both drivers. Alerts close in place and time with a
 * compatible category are suggested for merging; the operator decides. Merging never loses a
 * caller or a report: `mergedView` gathers them for the surviving alert.
 */
import { isOpen, type Alert, type AlertCategory } from '../alert';
import { haversineMeters } from '../geo';

/**
 * Categories that callers use for the same incident. Two alerts are compatible when they have
 * the same category or share a group: a caller says "fight" where police record "assault".
 */
export const COMPATIBLE_CATEGORY_GROUPS: readonly (readonly AlertCategory[])[] = [
  ['fight', 'assault', 'weapon'],
  ['fight', 'dispute'],
  ['robbery', 'theft', 'burglary'],
  ['theft', 'burglary', 'suspicious'],
  ['traffic_accident', 'traffic_jam'],
  ['traffic_accident', 'drunk_driving'],
  ['fire', 'rescue'],
  ['noise', 'complaint', 'dispute'],
  ['public_facility', 'environment', 'complaint'],
  ['missing_person', 'help_request'],
];

export function categoriesCompatible(a: AlertCategory, b: AlertCategory): boolean {
  return a === b || COMPATIBLE_CATEGORY_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

export interface DuplicateOptions {
  /** Default 300 m. */
  radiusMeters?: number;
  /** Default 10 minutes. */
  windowSeconds?: number;
}

/** What duplicate detection reads from an alert. */
export type DuplicateCandidate = Pick<
  Alert,
  'id' | 'category' | 'position' | 'reportedAt' | 'status' | 'caller'
>;

export interface DuplicateSuggestion {
  /** The alert that survives (the earlier report: it usually has the units and the history). */
  keepId: string;
  /** The alert to merge into keepId. */
  mergeId: string;
  /** 0–1, higher = more likely the same incident. */
  score: number;
  distanceMeters: number;
  secondsApart: number;
  sameCategory: boolean;
  sameCaller: boolean;
}

const DEFAULT_RADIUS_M = 300;
const DEFAULT_WINDOW_S = 600;

/**
 * Scores a pair, or null when they cannot be the same incident. Distance and time closeness
 * weigh most; an identical category and a repeat call from the same phone add confidence.
 */
export function duplicateScore(
  a: DuplicateCandidate,
  b: DuplicateCandidate,
  options: DuplicateOptions = {},
): DuplicateSuggestion | null {
  const radius = options.radiusMeters ?? DEFAULT_RADIUS_M;
  const window = options.windowSeconds ?? DEFAULT_WINDOW_S;
  if (a.id === b.id || !categoriesCompatible(a.category, b.category)) return null;
  const distanceMeters = haversineMeters(a.position, b.position);
  const secondsApart = Math.abs(Date.parse(a.reportedAt) - Date.parse(b.reportedAt)) / 1000;
  if (!(distanceMeters <= radius) || !(secondsApart <= window)) return null;
  const sameCategory = a.category === b.category;
  const sameCaller = a.caller.phone === b.caller.phone;
  const score = Math.min(
    1,
    0.4 * (1 - distanceMeters / radius) +
      0.35 * (1 - secondsApart / window) +
      (sameCategory ? 0.25 : 0.1) +
      (sameCaller ? 0.2 : 0),
  );
  const aFirst =
    Date.parse(a.reportedAt) < Date.parse(b.reportedAt) || (a.reportedAt === b.reportedAt && a.id < b.id);
  return {
    keepId: aFirst ? a.id : b.id,
    mergeId: aFirst ? b.id : a.id,
    score: Math.round(score * 1000) / 1000,
    distanceMeters: Math.round(distanceMeters),
    secondsApart,
    sameCategory,
    sameCaller,
  };
}

/**
 * Open alerts that may duplicate `alert`, best first. Closed, cancelled, transferred and merged
 * alerts are not offered: a new call about a finished incident is a new incident.
 */
export function suggestDuplicates(
  alert: DuplicateCandidate,
  others: readonly DuplicateCandidate[],
  options: DuplicateOptions = {},
): DuplicateSuggestion[] {
  return others
    .filter((o) => o.id !== alert.id && isOpen(o.status))
    .map((o) => duplicateScore(alert, o, options))
    .filter((s): s is DuplicateSuggestion => s !== null)
    .sort((x, y) => y.score - x.score || x.distanceMeters - y.distanceMeters);
}

export interface MergedCaller {
  alertId: string;
  name?: string;
  phone: string;
  reportedAt: string;
}

export interface MergedReport {
  alertId: string;
  reportedAt: string;
  source: Alert['source'];
  category: AlertCategory;
  address: string;
  description: string;
}

export interface MergedAlertView {
  primaryId: string;
  alertIds: string[];
  firstReportedAt: string;
  /** Distinct callers by phone, earliest call first (a repeat caller is listed once). */
  callers: MergedCaller[];
  /** Every report, earliest first, none dropped. */
  reports: MergedReport[];
}

type MergeSource = Pick<
  Alert,
  'id' | 'reportedAt' | 'source' | 'category' | 'address' | 'description' | 'caller'
>;

/** The surviving alert together with the alerts merged into it: all callers, all reports. */
export function mergedView(primary: MergeSource, merged: readonly MergeSource[]): MergedAlertView {
  const all = [primary, ...merged.filter((m) => m.id !== primary.id)].sort(
    (x, y) => Date.parse(x.reportedAt) - Date.parse(y.reportedAt),
  );
  const callers = new Map<string, MergedCaller>();
  for (const a of all) {
    if (callers.has(a.caller.phone)) continue;
    callers.set(a.caller.phone, {
      alertId: a.id,
      ...(a.caller.name ? { name: a.caller.name } : {}),
      phone: a.caller.phone,
      reportedAt: a.reportedAt,
    });
  }
  return {
    primaryId: primary.id,
    alertIds: all.map((a) => a.id),
    firstReportedAt: all[0]!.reportedAt,
    callers: [...callers.values()],
    reports: all.map((a) => ({
      alertId: a.id,
      reportedAt: a.reportedAt,
      source: a.source,
      category: a.category,
      address: a.address,
      description: a.description,
    })),
  };
}
