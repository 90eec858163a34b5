import type { StatsPeriod } from '../../../shared/contract/statsContract';

/** A resolved period: local-midnight boundaries as epoch ms, `toMs` exclusive, and its local days. */
export interface ResolvedPeriod {
  fromMs: number;
  toMs: number;
  /** First and last local day, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  label: string;
  days: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
export const localDate = (d: Date): string =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const parse = (date: string): Date => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};
const addDays = (d: Date, n: number): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

function span(start: Date, endExclusive: Date): ResolvedPeriod {
  const days: string[] = [];
  for (let d = start; d < endExclusive; d = addDays(d, 1)) days.push(localDate(d));
  const from = days[0]!;
  const to = days.at(-1)!;
  return {
    fromMs: start.getTime(),
    toMs: endExclusive.getTime(),
    from,
    to,
    label: from === to ? from : `${from} – ${to}`,
    days,
  };
}

/**
 * The period's local days (the console's time zone; days are calendar days, so a DST day is
 * 23 or 25 hours) and the period before it: the previous day, week or calendar month, or for a
 * custom period the same number of days just before it.
 */
export function resolvePeriod(period: StatsPeriod): { current: ResolvedPeriod; previous: ResolvedPeriod } {
  if (period.kind === 'custom') {
    const start = parse(period.from);
    const end = addDays(parse(period.to), 1);
    const n = span(start, end).days.length;
    return { current: span(start, end), previous: span(addDays(start, -n), start) };
  }
  const d = parse(period.date);
  if (period.kind === 'day') return { current: span(d, addDays(d, 1)), previous: span(addDays(d, -1), d) };
  if (period.kind === 'week') {
    const monday = addDays(d, -((d.getDay() + 6) % 7));
    return { current: span(monday, addDays(monday, 7)), previous: span(addDays(monday, -7), monday) };
  }
  const first = new Date(d.getFullYear(), d.getMonth(), 1);
  return {
    current: span(first, new Date(d.getFullYear(), d.getMonth() + 1, 1)),
    previous: span(new Date(d.getFullYear(), d.getMonth() - 1, 1), first),
  };
}
