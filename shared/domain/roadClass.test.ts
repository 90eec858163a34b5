import { describe, expect, it } from 'vitest';
import { dominantRoadClass, roadClassRank } from './roadClass';

describe('dominantRoadClass', () => {
  it('is the class covering most of the length, summed over its pieces', () => {
    expect(
      dominantRoadClass([
        { roadClass: 'residential', metres: 120 },
        { roadClass: 'primary', metres: 300 },
        { roadClass: 'residential', metres: 250 },
        { roadClass: 'service', metres: 40 },
      ]),
    ).toBe('residential');
    expect(
      dominantRoadClass([
        { roadClass: 'residential', metres: 120 },
        { roadClass: 'primary', metres: 400 },
      ]),
    ).toBe('primary');
  });

  it('breaks a tie for the bigger road, whatever the order', () => {
    const pieces = [
      { roadClass: 'tertiary', metres: 100 },
      { roadClass: 'secondary', metres: 100 },
    ];
    expect(dominantRoadClass(pieces)).toBe('secondary');
    expect(dominantRoadClass([...pieces].reverse())).toBe('secondary');
    expect(roadClassRank('secondary')).toBeLessThan(roadClassRank('tertiary'));
  });

  it('is null without length', () => {
    expect(dominantRoadClass([])).toBeNull();
    expect(dominantRoadClass([{ roadClass: 'primary', metres: 0 }])).toBeNull();
  });
});
