import { describe, expect, it } from 'vitest';
import type { Crossing } from '../../../../shared/cordon/schema';
import { roadClassRank } from '../../../../shared/domain/roadClass';
import { groupByClass, orderCrossings } from './gapList';

const c = (
  id: string,
  roadClass: string,
  status: Crossing['status'],
  suspectSeconds: number | null,
): Crossing => ({
  id,
  ring: 1,
  lng: 0,
  lat: 0,
  piece: 0,
  direction: 0,
  roadClass,
  roadName: null,
  roadRef: null,
  merged: 0,
  covered: status === 'covered',
  checkpointId: null,
  checkpointMetres: null,
  status,
  suspectSeconds,
  policeSeconds: 100,
  bestUnitId: null,
});
const list = [
  c('a', 'residential', 'lost', 50),
  c('b', 'trunk', 'interceptable', 400),
  c('d', 'motorway', 'lost', 10),
  c('e', 'trunk', 'interceptable', 200),
  c('f', 'odd_class', 'interceptable', 1),
];

describe('cordon gap list order', () => {
  it('by urgency: interceptable first, then by the suspect’s time', () => {
    expect(orderCrossings(list, 'urgency').map((x) => x.id)).toEqual(['f', 'e', 'b', 'd', 'a']);
  });
  it('by road class: bigger roads first, unknown classes last, urgency within a class; grouped per class', () => {
    const ordered = orderCrossings(list, 'class');
    expect(ordered.map((x) => x.id)).toEqual(['d', 'e', 'b', 'a', 'f']);
    expect(groupByClass(ordered).map((g) => [g.roadClass, g.crossings.length])).toEqual([
      ['motorway', 1],
      ['trunk', 2],
      ['residential', 1],
      ['odd_class', 1],
    ]);
    expect(roadClassRank('motorway')).toBeLessThan(roadClassRank('primary'));
  });
});
