/**
 * Scenario files through the real loader: the built-in drills validate against the demo city,
 * version 1 still loads, and every kind of broken file fails with a message naming the problem.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import type { CityPack } from '../citypack/schema';
import { ScenarioError } from './scenarioFile';
import { loadScenario } from '../../node/loadScenario';
import {
  fixtureAlertId,
  fixtureScenario,
  FIXTURE_UNITS,
  tempDir,
  writeFixturePack,
} from '../../tests/unit/gatewayFixtures';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let fixturePack: CityPack;

beforeAll(async () => {
  dir = tempDir('scenario-file-');
  fixturePack = await loadCityPack(writeFixturePack(path.join(dir, 'pack')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function write(content: unknown): string {
  const file = path.join(dir, `s${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A valid version-2 fixture: one track and one expected dispatch and exit on the first alert. */
function v2(): Record<string, unknown> {
  const s = fixtureScenario(3, 10) as unknown as Record<string, unknown>;
  return {
    ...s,
    version: 2,
    suspectTracks: [
      {
        id: 'car',
        alertId: fixtureAlertId(1),
        profile: 'car',
        points: [
          { t: 10, lng: 112.85, lat: 35.49 },
          { t: 20, lng: 112.852, lat: 35.49 },
        ],
      },
    ],
    expected: {
      dispatches: [{ alertId: fixtureAlertId(1), unitIds: [FIXTURE_UNITS[0]], dueT: 25 }],
      exits: [
        { id: 'east', alertId: fixtureAlertId(1), name: 'east exit', lng: 112.856, lat: 35.49, dueT: 30 },
      ],
    },
  };
}

async function problemsOf(content: unknown, pack = fixturePack): Promise<string> {
  try {
    await loadScenario(write(content), pack);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems.join('\n');
  }
  throw new Error('scenario loaded although broken');
}

describe('built-in drill scenarios', () => {
  it.each(['robbery-drill.json', 'demo-evening.json'])('%s validates against the demo city', async (name) => {
    const pack = await loadCityPack(path.join(ROOT, 'resources', 'city', 'demo'));
    const scenario = await loadScenario(path.join(ROOT, 'resources', 'drills', name), pack);
    expect(scenario.events.length).toBeGreaterThan(5);
  });

  it('robbery-drill carries the suspect track and the exits to close (version 2)', async () => {
    const pack = await loadCityPack(path.join(ROOT, 'resources', 'city', 'demo'));
    const scenario = await loadScenario(path.join(ROOT, 'resources', 'drills', 'robbery-drill.json'), pack);
    expect(scenario.version).toBe(2);
    expect(scenario.suspectTracks?.map((t) => t.profile)).toEqual(['car', 'foot']);
    expect(scenario.expected?.exits.map((x) => x.id)).toEqual(['g207-border', 'x318-south']);
    expect(scenario.expected?.dispatches[0]?.unitIds).toContain('U36');
  });
});

describe('loadScenario', () => {
  it('still loads version 1, and version 2 with its defaults filled in', async () => {
    expect((await loadScenario(write(fixtureScenario(3, 10)), fixturePack)).version).toBe(1);
    const s = await loadScenario(write(v2()), fixturePack);
    expect(s.expected?.exits[0]?.radiusM).toBe(150);
    expect(s.suspectTracks).toHaveLength(1);
  });

  it.each<[string, (s: Record<string, any>) => unknown, RegExp]>([
    ['not JSON', () => '{"format": ', /cannot read JSON/],
    ['wrong format', (s) => ({ ...s, format: 'something-else' }), /format/],
    ['unknown version', (s) => ({ ...s, version: 3 }), /version must be one of 1, 2/],
    ['bad id', (s) => ({ ...s, id: 'Has Spaces' }), /^id:/m],
    ['other city pack', (s) => ({ ...s, cityPack: 'elsewhere' }), /written for city pack "elsewhere"/],
    [
      'invalid alert payload',
      (s) => ({ ...s, events: [{ t: 1, type: 'alert', payload: { id: 'x' } }] }),
      /events\[0\] \(alert at t=1\)/,
    ],
    [
      'duplicate alert id',
      (s) => ({ ...s, events: [s.events[0], { ...s.events[0], t: 11 }] }),
      /duplicate alert id/,
    ],
    [
      'amendment with a lower revision',
      (s) => ({
        ...s,
        events: [
          { ...s.events[0], payload: { ...s.events[0].payload, revision: 2 } },
          { ...s.events[0], t: 11 },
        ],
      }),
      /needs a higher revision than 2/,
    ],
    [
      'unknown unit',
      (s) => ({
        ...s,
        events: [
          {
            t: 1,
            type: 'unit.status',
            payload: { unitId: 'NOPE', status: 'available', at: '2024-05-01T19:00:00+08:00' },
          },
        ],
      }),
      /unknown unit NOPE/,
    ],
    [
      'unknown camera',
      (s) => ({
        ...s,
        events: [
          {
            t: 1,
            type: 'camera.status',
            payload: { cameraId: '14050200001320009999', online: true, at: '2024-05-01T19:00:00+08:00' },
          },
        ],
      }),
      /unknown camera/,
    ],
    ['version-2 parts in a version-1 file', (s) => ({ ...s, version: 1 }), /need "version": 2/],
    [
      'track on an unknown alert',
      (s) => ({ ...s, suspectTracks: [{ ...s.suspectTracks[0], alertId: 'ghost' }] }),
      /suspectTracks\[0\] \(car\): unknown alert ghost/,
    ],
    [
      'track going back in time',
      (s) => ({
        ...s,
        suspectTracks: [
          {
            ...s.suspectTracks[0],
            points: [
              { t: 20, lng: 112.85, lat: 35.49 },
              { t: 15, lng: 112.85, lat: 35.49 },
            ],
          },
        ],
      }),
      /points\[1\]: t=15 is not after/,
    ],
    [
      'track with a bad profile',
      (s) => ({ ...s, suspectTracks: [{ ...s.suspectTracks[0], profile: 'boat' }] }),
      /suspectTracks\.0\.profile/,
    ],
    [
      'track past the end',
      (s) => ({
        ...s,
        suspectTracks: [
          {
            ...s.suspectTracks[0],
            points: [
              { t: 1, lng: 112.85, lat: 35.49 },
              { t: 9999, lng: 112.85, lat: 35.49 },
            ],
          },
        ],
      }),
      /after the end of the scenario/,
    ],
    [
      'expected dispatch of an unknown unit',
      (s) => ({
        ...s,
        expected: { ...s.expected, dispatches: [{ ...s.expected.dispatches[0], unitIds: ['U-NONE'] }] },
      }),
      /expected\.dispatches\[0\].*unknown unit U-NONE/,
    ],
    [
      'expected dispatch due before its alert',
      (s) => ({ ...s, expected: { ...s.expected, dispatches: [{ ...s.expected.dispatches[0], dueT: 2 }] } }),
      /dueT=2 is before the alert arrives/,
    ],
    [
      'exit with an unknown checkpoint',
      (s) => ({
        ...s,
        expected: { ...s.expected, exits: [{ ...s.expected.exits[0], checkpointId: 'CP-NONE' }] },
      }),
      /unknown checkpoint CP-NONE/,
    ],
    [
      'duplicate exit ids',
      (s) => ({ ...s, expected: { ...s.expected, exits: [s.expected.exits[0], s.expected.exits[0]] } }),
      /duplicate exit id/,
    ],
    [
      'exit without coordinates',
      (s) => ({ ...s, expected: { ...s.expected, exits: [{ ...s.expected.exits[0], lng: undefined }] } }),
      /expected\.exits\.0\.lng/,
    ],
  ])('rejects %s', async (_name, breakIt, message) => {
    expect(await problemsOf(breakIt(v2()))).toMatch(message);
  });

  it('accepts an amendment: the same alert id later with a higher revision', async () => {
    const s = v2() as Record<string, any>;
    const amended = {
      ...s.events[0],
      t: s.events[0].t + 5,
      payload: { ...s.events[0].payload, priority: 1, revision: 2 },
    };
    const loaded = await loadScenario(write({ ...s, events: [...s.events, amended] }), fixturePack);
    expect(
      loaded.events
        .filter((e) => e.type === 'alert' && e.payload.id === s.events[0].payload.id)
        .map((e) => e.payload.revision ?? 1),
    ).toEqual([1, 2]);
  });
});
