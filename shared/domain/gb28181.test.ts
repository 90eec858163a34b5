import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Gb28181IdError, gb28181IdProblem, isVideoSourceId, parseGb28181Id } from './gb28181';

describe('GB/T 28181 device ids', () => {
  it('parses the fields of a valid id', () => {
    const id = parseGb28181Id('14990102001325000035');
    expect(id.centre).toEqual({ code: '14990102', province: '14', city: '99', district: '01', unit: '02' });
    expect(id.industry).toBe('00');
    expect(id.type).toBe('132');
    expect(id.typeName).toBe('IP camera');
    expect(id.network).toBe(5);
    expect(id.networkName).toBe('public-security network');
    expect(id.serial).toBe('000035');
  });

  it('names other type codes and leaves extension codes unnamed', () => {
    expect(parseGb28181Id('34020000001180000001').typeName).toBe('NVR');
    expect(parseGb28181Id('34020000002000000001').typeName).toBe('central signalling control server');
    expect(parseGb28181Id('34020000001500000001').typeName).toBeNull();
  });

  it.each([
    ['1499010200132500003', /must be 20 digits, got 19 characters/],
    ['149901020013250000351', /must be 20 digits, got 21/],
    ['1499010200132500003A', /digits only, found "A" at position 20/],
    ['99990102001325000035', /99 is not a province code/],
    ['14990102000995000035', /type code 099 .* outside 111–499/],
    ['14990102005005000035', /type code 500/],
    ['14990102001329000035', /network id 9 .* reserved/],
  ])('rejects %s with a clear reason', (id, reason) => {
    expect(() => parseGb28181Id(id)).toThrow(Gb28181IdError);
    expect(() => parseGb28181Id(id)).toThrow(reason);
    expect(gb28181IdProblem(id)).toMatch(reason);
  });

  it('tells video sources (131/132) from other devices', () => {
    expect(isVideoSourceId('14990104041315000156')).toBe(true);
    expect(isVideoSourceId('14990102001325000035')).toBe(true);
    expect(isVideoSourceId('34020000001180000001')).toBe(false);
    expect(isVideoSourceId('not-an-id')).toBe(false);
  });

  it('accepts every camera id of the demo city pack', () => {
    const cameras = JSON.parse(
      readFileSync(path.join(__dirname, '../../resources/city/demo/cameras.json'), 'utf8'),
    ) as { id: string }[];
    const problems = cameras.map((c) => gb28181IdProblem(c.id)).filter(Boolean);
    expect(problems).toEqual([]);
    expect(cameras.every((c) => isVideoSourceId(c.id))).toBe(true);
  });
});
