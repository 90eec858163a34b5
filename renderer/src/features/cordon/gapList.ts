import { roadClassRank } from '../../../../shared/domain/roadClass';
import type { Crossing } from '../../../../shared/cordon/schema';

/** Interceptable first (what the officer can still act on), then lost, then covered. */
const STATUS_RANK = { interceptable: 0, lost: 1, covered: 2 } as const;

export type GapOrder = 'urgency' | 'class';

const byUrgency = (a: Crossing, b: Crossing) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
  (a.suspectSeconds ?? Infinity) - (b.suspectSeconds ?? Infinity) ||
  a.id.localeCompare(b.id);

/** The crossings to list, in the chosen order: by urgency, or by road class (bigger first) and then urgency. */
export function orderCrossings(crossings: readonly Crossing[], order: GapOrder): Crossing[] {
  const list = [...crossings];
  return order === 'class'
    ? list.sort(
        (a, b) =>
          roadClassRank(a.roadClass) - roadClassRank(b.roadClass) ||
          a.roadClass.localeCompare(b.roadClass) ||
          byUrgency(a, b),
      )
    : list.sort(byUrgency);
}

/** Consecutive runs of the same road class (of a list ordered by class): one group per class. */
export function groupByClass(crossings: readonly Crossing[]): { roadClass: string; crossings: Crossing[] }[] {
  const groups: { roadClass: string; crossings: Crossing[] }[] = [];
  for (const c of crossings) {
    const last = groups[groups.length - 1];
    if (last && last.roadClass === c.roadClass) last.crossings.push(c);
    else groups.push({ roadClass: c.roadClass, crossings: [c] });
  }
  return groups;
}
