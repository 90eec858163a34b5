import { describe, expect, it } from 'vitest';
import { CordonAnalyseArgsSchema } from '../../../../shared/contract/cordonContract';
import { analyseArgs, DEFAULT_SETTINGS } from './useCordon';

describe('cordon panel settings → cordon.analyse arguments', () => {
  it('road reach by default, with the lead, ring 3 and cover distance; valid for the contract', () => {
    const args = analyseArgs('A1', DEFAULT_SETTINGS, null);
    expect(args).toEqual({
      alertId: 'A1',
      suspectProfile: 'car',
      leadSeconds: 300,
      checkpointRadiusMetres: 300,
      ring3: { withinKm: 30, sharedOnly: true },
    });
    expect(CordonAnalyseArgsSchema.parse(args)).toEqual(args);
  });
  it('the incident county, and a drawn polygon closed into a GeoJSON ring; polygon mode without a polygon stays road reach', () => {
    expect(analyseArgs('A1', { ...DEFAULT_SETTINGS, ring1Mode: 'district' }, null).ring1).toEqual({
      mode: 'district',
    });
    const drawn = analyseArgs('A1', { ...DEFAULT_SETTINGS, ring1Mode: 'polygon', profile: 'motorbike' }, [
      [1, 1],
      [2, 1],
      [2, 2],
    ]);
    expect(drawn.ring1).toEqual({
      mode: 'polygon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 1],
          ],
        ],
      },
    });
    expect(drawn.suspectProfile).toBe('motorbike');
    expect(CordonAnalyseArgsSchema.safeParse(drawn).success).toBe(true);
    expect(analyseArgs('A1', { ...DEFAULT_SETTINGS, ring1Mode: 'polygon' }, null).ring1).toBeUndefined();
  });
});
