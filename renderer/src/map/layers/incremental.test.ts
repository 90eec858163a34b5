/**
 * Incremental map updates (issue 16): a camera status change or a unit move sends only the
 * changed features to MapLibre (updateData diffs), never the whole camera or unit collection.
 * A fake map records every diff so the features sent can be counted.
 */
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { Camera } from '../../../../shared/domain/camera';
import type { Unit } from '../../../../shared/domain/unit';
import * as cameras from './cameras';
import * as units from './units';
import * as alerts from './alerts';
import { diffSize } from './sourceDiff';
import { NOW, alert, unit } from './__fixtures__/pack';

function fakeMap() {
  const diffs: Record<string, GeoJSONSourceDiff[]> = {};
  const map = {
    getSource: (id: string) => ({
      updateData: (diff: GeoJSONSourceDiff) => {
        (diffs[id] ??= []).push(diff);
        return Promise.resolve();
      },
    }),
  } as unknown as Parameters<typeof cameras.updateStatus>[0];
  const sent = (id: string) => (diffs[id] ?? []).reduce((n, d) => n + diffSize(d), 0);
  return { map, diffs, sent };
}

/** A large city's worth of cameras: every fourth a PTZ dome (no view cone). */
const CAMERAS: Camera[] = Array.from({ length: 65_000 }, (_, i) => ({
  id: `1499010200132${String(i).padStart(7, '0')}`,
  name: `c${i}`,
  kind: i % 4 === 0 ? 'dome' : 'gun',
  class: 2,
  lng: 112.5 + (i % 250) * 0.002,
  lat: 35.2 + Math.floor(i / 250) * 0.002,
  heading: i % 4 === 0 ? null : 90,
  fov: i % 4 === 0 ? null : 60,
  range: 80,
  streams: [],
  online: true,
}));
const BY_ID = new Map(CAMERAS.map((c) => [c.id, c]));

describe('camera status changes', () => {
  it('report only the cameras whose drawn state changed', () => {
    const status = new Map<string, boolean>();
    const ids = [CAMERAS[1]!.id, CAMERAS[4]!.id, CAMERAS[7]!.id];
    // Camera 7 reported online: as drawn already (the pack says online), so no change.
    const changed = cameras.mergeStatus(
      status,
      [
        [ids[0]!, false],
        [ids[1]!, false],
        [ids[2]!, true],
        ['unknown', false],
      ],
      BY_ID,
    );
    expect(changed.map((c) => c.id)).toEqual([ids[0], ids[1]]);
    // The same reports again change nothing.
    expect(
      cameras.mergeStatus(
        status,
        [
          [ids[0]!, false],
          [ids[1]!, false],
        ],
        BY_ID,
      ),
    ).toEqual([]);
    expect(cameras.mergeStatus(status, [[ids[0]!, true]], BY_ID).map((c) => c.id)).toEqual([ids[0]]);
  });

  it('send one feature per changed camera to the points, and to the cones only for fixed cameras', () => {
    const { map, diffs, sent } = fakeMap();
    const status = new Map<string, boolean>();
    // 50 status changes among 65,000 cameras: 13 of them are domes (every fourth index).
    const changed = cameras.mergeStatus(
      status,
      CAMERAS.slice(1000, 1050).map((c) => [c.id, false] as [string, boolean]),
      BY_ID,
    );
    const total = cameras.updateStatus(map, changed, status);
    expect(sent(cameras.SOURCE_ID)).toBe(50);
    expect(sent(cameras.FOV_SOURCE_ID)).toBe(50 - 13);
    expect(total).toBe(50 + 37);
    expect(diffs[cameras.SOURCE_ID]![0]!.update![0]).toEqual({
      id: CAMERAS[1000]!.id,
      addOrUpdateProperties: [{ key: 'online', value: false }],
    });
    // Nothing is added or replaced wholesale.
    expect(diffs[cameras.SOURCE_ID]!.every((d) => !d.add && !d.remove && !d.removeAll)).toBe(true);
  });

  it('declare the sources keyed by camera id, as updateData needs', () => {
    expect(cameras.source()).toMatchObject({ promoteId: 'id', cluster: true });
    expect(cameras.fovSource()).toMatchObject({ promoteId: 'id' });
  });
});

describe('unit updates', () => {
  const roster = (moved: ReadonlySet<string> = new Set(), msAgo = 1_000): Unit[] =>
    Array.from({ length: 500 }, (_, i) => {
      const u = unit(String(i), 'available', msAgo, 45);
      return moved.has(u.id) ? { ...u, position: { ...u.position!, lng: u.position!.lng + 0.001 } } : u;
    });

  it('send only the units that moved, and nothing when only a fresh unit’s age ticked', () => {
    const { map, sent } = fakeMap();
    const differ = units.unitDiffer();
    differ.reset(units.toFeatureCollection(roster(), NOW).features);
    const moved = units.updateChanged(map, differ, roster(new Set(['3', '250', '499'])), NOW);
    expect(moved.sent).toBe(3);
    expect(moved.fc.features).toHaveLength(500);
    // Five seconds later, nobody moved: ages changed, but no fresh unit shows its age.
    expect(units.updateChanged(map, differ, roster(new Set(['3', '250', '499'])), NOW + 5_000).sent).toBe(0);
    expect(sent(units.SOURCE_ID)).toBe(3);
  });

  it('send a unit going stale, a highlight, and a removal', () => {
    const { map, diffs } = fakeMap();
    const differ = units.unitDiffer();
    const all = roster();
    differ.reset(units.toFeatureCollection(all, NOW).features);
    // Unit 0's report is 2 minutes old by now; the others keep reporting.
    const later = NOW + units.STALE_AFTER_MS * 2;
    const fresh = all.map((u, i) =>
      i === 0 ? u : { ...u, position: { ...u.position!, at: new Date(later - 1_000).toISOString() } },
    );
    differ.reset(units.toFeatureCollection(fresh, NOW).features);
    expect(units.updateChanged(map, differ, fresh, later).sent).toBe(1);
    expect(units.updateChanged(map, differ, fresh, later, new Set(['7'])).sent).toBe(1);
    expect(units.updateChanged(map, differ, fresh.slice(1), later, new Set(['7'])).sent).toBe(1);
    expect(diffs[units.SOURCE_ID]!.at(-1)).toEqual({ remove: ['0'] });
    expect(units.source()).toMatchObject({ promoteId: 'id' });
  });
});

describe('alert updates', () => {
  it('send only the new, changed and closed alerts, not every open one', () => {
    const { map, diffs, sent } = fakeMap();
    const open = Array.from({ length: 3000 }, (_, i) => alert(`A${i}`, 3, 'received'));
    const differ = alerts.alertDiffer();
    differ.reset(alerts.toFeatureCollection(open).features as alerts.AlertFeature[]);
    const next = [
      ...open.slice(0, 2999),
      { ...open[2999]!, status: 'closed' as const }, // leaves the map
      { ...open[5]!, priority: 1 as const }, // amended: replaces A5
      alert('NEW1', 2, 'received'),
      alert('NEW2', 3, 'received'),
    ].filter((a, i, all) => all.findLastIndex((b) => b.id === a.id) === i);
    const { fc } = alerts.updateChanged(map, differ, next);
    expect(fc.features).toHaveLength(3001);
    expect(sent(alerts.SOURCE_ID)).toBe(4);
    const [diff] = diffs[alerts.SOURCE_ID]!;
    expect(diff!.remove).toEqual(['A2999']);
    expect((diff!.add ?? []).map((f) => f.properties?.['id']).sort()).toEqual(['A5', 'NEW1', 'NEW2']);
    alerts.updateChanged(map, differ, next); // nothing changed since: nothing sent
    expect(sent(alerts.SOURCE_ID)).toBe(4);
  });
});
