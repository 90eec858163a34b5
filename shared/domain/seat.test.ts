import { describe, expect, it } from 'vitest';
import { mergePresence, type PresenceList } from './seat';

const AT = '2026-12-06T10:00:00.000Z';
const seat = (consoleId: string, name: string, since = AT) => ({
  consoleId,
  operator: `op-${consoleId}`,
  role: 'duty_officer',
  seat: name,
  since,
});

describe('mergePresence', () => {
  it('shows the seats of every gateway, sorted by seat name, marking this console', () => {
    const lists: PresenceList[] = [
      { gateway: 'g2', seq: 7, seats: [seat('c-b', 'B')] },
      { gateway: 'g1', seq: 5, seats: [seat('c-c', 'C'), seat('c-a', 'A')] },
    ];
    expect(mergePresence(lists, 'c-b').map((s) => [s.seat, s.mine])).toEqual([
      ['A', false],
      ['B', true],
      ['C', false],
    ]);
  });

  it('a single untagged list is shown as is', () => {
    expect(mergePresence([{ gateway: '', seq: 3, seats: [seat('c-a', 'A')] }], null)).toEqual([
      { ...seat('c-a', 'A'), mine: false },
    ]);
    expect(mergePresence([], 'c-a')).toEqual([]);
  });

  it('an empty list of one gateway leaves the others', () => {
    const lists: PresenceList[] = [
      { gateway: 'g1', seq: 5, seats: [seat('c-a', 'A')] },
      { gateway: 'g2', seq: 9, seats: [] },
    ];
    expect(mergePresence(lists, null).map((s) => s.seat)).toEqual(['A']);
  });

  it('a seat listed by two gateways (it moved) counts once, as the newer list says', () => {
    const lists: PresenceList[] = [
      { gateway: 'g2', seq: 12, seats: [seat('c-a', 'A2', '2026-12-06T10:05:00.000Z')] },
      { gateway: 'g1', seq: 5, seats: [seat('c-a', 'A')] },
    ];
    expect(mergePresence(lists, null)).toEqual([
      { ...seat('c-a', 'A2', '2026-12-06T10:05:00.000Z'), mine: false },
    ]);
  });
});
