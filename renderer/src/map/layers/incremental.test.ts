/**
 * Incremental map updates (issue 16): a camera status change sets that camera's feature-state
 * (its clusters get its property later, with the other net changes), a unit move sends only the
 * changed features to MapLibre (updateData diffs), never the whole camera or unit collection.
 * A fake map records every diff and feature-state so what is sent can be counted.
 */
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import type { Camera } from '../../../../shared/domain/camera';
import type { Unit } from '../../../../shared/domain/unit';
import * as cameras from './cameras';
import * as cameraCones from './cameraCones';
import * as units from './units';
import * as alerts from './alerts';
import { CameraStates, mergeStatus } from './cameraStates';
import { diffSize } from './sourceDiff';
import { NOW, alert, unit } from './__fixtures__/pack';

function fakeMap() {
  const diffs: Record<string, GeoJSONSourceDiff[]> = {};
  const states: Record<string, { id: string | number | undefined; state: Record<string, unknown> }[]> = {};
  const map = {
    getSource: (id: string) => ({
      updateData: (diff: GeoJSONSourceDiff) => {
        (diffs[id] ??= []).push(diff);
        return Promise.resolve();
      },
    }),
    setFeatureState: (feature: { source: string; id?: string | number }, state: Record<string, unknown>) =>
      void (states[feature.source] ??= []).push({ id: feature.id, state }),
  } as unknown as Parameters<CameraStates['flushStates']>[0];
  const sent = (id: string) => (diffs[id] ?? []).reduce((n, d) => n + diffSize(d), 0);
  return { map, diffs, states, sent };
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
    const changed = mergeStatus(
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
      mergeStatus(
        status,
        [
          [ids[0]!, false],
          [ids[1]!, false],
        ],
        BY_ID,
      ),
    ).toEqual([]);
    expect(mergeStatus(status, [[ids[0]!, true]], BY_ID).map((c) => c.id)).toEqual([ids[0]]);
  });

  it('store no report that repeats the drawn state (a snapshot of 65,000 cameras as the pack has them)', () => {
    const status = new Map<string, boolean>();
    expect(
      mergeStatus(
        status,
        CAMERAS.map((c) => [c.id, c.online] as [string, boolean]),
        BY_ID,
      ),
    ).toEqual([]);
    expect(status.size).toBe(0);
    mergeStatus(status, [[CAMERAS[3]!.id, false]], BY_ID);
    expect([...status]).toEqual([[CAMERAS[3]!.id, false]]);
  });

  // 50 status changes among 65,000 cameras: 13 of them are domes (every fourth index).
  const offline = (from: number, to: number) =>
    CAMERAS.slice(from, to).map((c) => [c.id, false] as [string, boolean]);

  it('set one feature-state per changed camera on the points, and on the cones for fixed cameras only; no data is sent', () => {
    const { map, states, sent } = fakeMap();
    const cams = new CameraStates(CAMERAS);
    cams.installed();
    expect(cams.merge(offline(1000, 1050))).toBe(true);
    const { changed, states: set } = cams.flushStates(map);
    expect(changed).toHaveLength(50);
    expect(states[cameras.SOURCE_ID]).toHaveLength(50);
    expect(states[cameras.FOV_SOURCE_ID]).toHaveLength(50 - 13);
    expect(set).toBe(50 + 37);
    // Keyed by the camera's index in the pack: the features' numeric ids.
    expect(states[cameras.SOURCE_ID]![0]).toEqual({ id: 1000, state: { online: false } });
    expect(sent(cameras.SOURCE_ID) + sent(cameras.FOV_SOURCE_ID)).toBe(0);
    // Nothing changed since: nothing more is set.
    expect(cams.flushStates(map).states).toBe(0);
    expect(cams.hasPendingStates).toBe(false);
  });

  it('send the clusters one property update per camera whose state differs from what they hold', () => {
    const { map, diffs, sent } = fakeMap();
    const cams = new CameraStates(CAMERAS);
    cams.installed();
    cams.merge(offline(1000, 1050));
    cams.flushStates(map); // the states do not take the clusters' changes
    expect(cams.hasPendingClusters).toBe(true);
    expect(cams.flushClusters(map)).toBe(50);
    expect(diffs[cameras.SOURCE_ID]![0]!.update![0]).toEqual({
      id: 1000,
      addOrUpdateProperties: [{ key: 'online', value: false }],
    });
    expect(diffs[cameras.SOURCE_ID]!.every((d) => !d.add && !d.remove && !d.removeAll)).toBe(true);
    // Ten go back online and ten more go offline then back: the next update carries the ten
    // whose state differs from the clusters', not the twenty reported.
    cams.merge(CAMERAS.slice(1000, 1010).map((c) => [c.id, true] as [string, boolean]));
    cams.merge(offline(2000, 2010));
    cams.merge(CAMERAS.slice(2000, 2010).map((c) => [c.id, true] as [string, boolean]));
    expect(cams.flushClusters(map)).toBe(10);
    expect(cams.flushClusters(map)).toBe(0);
    expect(sent(cameras.SOURCE_ID)).toBe(60);
    expect(sent(cameras.FOV_SOURCE_ID)).toBe(0);
  });

  it('start from the states the sources were built with', () => {
    const { map } = fakeMap();
    const cams = new CameraStates(CAMERAS);
    cams.merge(offline(0, 20)); // before the install: drawn by it
    cams.installed();
    expect(cams.hasPendingStates || cams.hasPendingClusters).toBe(false);
    cams.merge(CAMERAS.slice(0, 5).map((c) => [c.id, true] as [string, boolean]));
    expect(cams.flushClusters(map)).toBe(5);
  });

  it('give each camera feature its pack index as id, the cones their camera’s, the highlight none', () => {
    expect(cameras.toFeatureCollection(CAMERAS.slice(0, 3)).features.map((f) => f.id)).toEqual([0, 1, 2]);
    // Camera 4 is a dome: no cone; a chunk from camera 3 on keeps the pack's indexes.
    expect(cameraCones.toFovCollection(CAMERAS.slice(3, 6), undefined, 3).features.map((f) => f.id)).toEqual([
      3, 5,
    ]);
    const highlight = cameras.toHighlightCollection(CAMERAS, new Set([CAMERAS[9]!.id]));
    expect(highlight.features.map((f) => [f.id, f.geometry.coordinates])).toEqual([
      [undefined, [CAMERAS[9]!.lng, CAMERAS[9]!.lat]],
    ]);
    // Keyed by those ids (not a promoted property, which MapLibre hashes for feature-state).
    expect(cameras.source()).toMatchObject({ cluster: true });
    expect(cameras.source()).not.toHaveProperty('promoteId');
    expect(cameraCones.fovSource()).not.toHaveProperty('promoteId');
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

describe('camera colours', () => {
  const paint = (layerId: string, property: string) => {
    const layer = cameras.LAYERS.find((l) => l.id === layerId) as { paint: Record<string, unknown> };
    const parsed = createExpression(layer.paint[property], `layers[0].paint.${property}`);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    return (online: boolean, state?: { online: boolean }) =>
      parsed.value.evaluate(
        { zoom: 15 },
        { type: 'Point', properties: { kind: 'gun', online } } as never,
        state,
      );
  };

  it('draw a point and a cone by their feature-state, else by the property they were built with', () => {
    for (const [layer, property] of [
      ['cameras-point', 'circle-color'],
      [cameras.FOV_LAYER_ID, 'fill-color'],
    ] as const) {
      const color = paint(layer, property);
      const [online, offline] = [color(true), color(false)];
      expect(online).not.toEqual(offline);
      expect(color(true, { online: false })).toEqual(offline);
      expect(color(false, { online: true })).toEqual(online);
    }
    expect(paint('cameras-point', 'circle-opacity')(true, { online: false })).toBe(0.6);
    // The highlight source is rebuilt with the state: its property decides.
    expect(paint('cameras-highlight', 'circle-color')(true, { online: false })).toEqual(
      paint('cameras-point', 'circle-color')(true),
    );
  });
});
