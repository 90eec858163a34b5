import { describe, expect, it } from 'vitest';
import { crossingBayonetIds } from './bayonets';

const cam = (id: string, kind: 'anpr' | 'gun', dLat: number) => ({ id, kind, lng: 112.85, lat: 35.5 + dLat });
// 0.001° of latitude ≈ 111 m.
const cameras = [
  cam('A-far', 'anpr', 0.004),
  cam('A-near', 'anpr', 0.001),
  cam('G-near', 'gun', 0.0005),
  cam('A-mid', 'anpr', 0.002),
  cam('CP-1', 'anpr', 0.01),
];
const checkpoints = [{ id: 'CP', cameraIds: ['CP-1', 'CP-2'] }];

describe('crossing bayonet cameras', () => {
  it('lists the covering checkpoint’s cameras, then ANPR cameras within the radius, nearest first', () => {
    expect(crossingBayonetIds({ lng: 112.85, lat: 35.5, checkpointId: 'CP' }, checkpoints, cameras)).toEqual([
      'CP-1',
      'CP-2',
      'A-near',
      'A-mid',
    ]);
  });
  it('a gap (no checkpoint) gets only nearby ANPR cameras; other kinds never count', () => {
    expect(crossingBayonetIds({ lng: 112.85, lat: 35.5, checkpointId: null }, checkpoints, cameras)).toEqual([
      'A-near',
      'A-mid',
    ]);
    expect(
      crossingBayonetIds({ lng: 112.85, lat: 35.5, checkpointId: null }, checkpoints, cameras, 150),
    ).toEqual(['A-near']);
    expect(crossingBayonetIds({ lng: 113.5, lat: 35.5, checkpointId: null }, checkpoints, cameras)).toEqual(
      [],
    );
  });
});
