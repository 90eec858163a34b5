/**
 * The load's deferred sources (issue 16, first usable map): the view cones and the road network
 * are installed empty and handed over once the live picture is drawn.
 */
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { Camera } from '../../../../shared/domain/camera';
import * as cameras from './cameras';
import * as cameraCones from './cameraCones';
import { whenLiveDrawn } from './common';
import { FIXTURE_PACK } from './__fixtures__/pack';

function fakeEvents(loaded = false) {
  const handlers = new Map<string, Set<() => void>>();
  const map = {
    on: (type: string, fn: () => void) =>
      void (handlers.get(type) ?? handlers.set(type, new Set()).get(type)!).add(fn),
    off: (type: string, fn: () => void) => void handlers.get(type)?.delete(fn),
    loaded: () => loaded,
  } as unknown as Parameters<typeof whenLiveDrawn>[0];
  const fire = (type: string) => [...(handlers.get(type) ?? [])].forEach((fn) => fn());
  const listening = () => [...handlers.values()].reduce((n, s) => n + s.size, 0);
  return { map, fire, listening };
}

describe('whenLiveDrawn', () => {
  it('fills once, at the first source event after the live picture is drawn', () => {
    const { map, fire, listening } = fakeEvents();
    let drawn = false;
    let fills = 0;
    whenLiveDrawn(
      map,
      () => drawn,
      () => fills++,
    );
    fire('sourcedata');
    expect(fills).toBe(0);
    drawn = true;
    fire('sourcedata');
    fire('sourcedata');
    fire('idle');
    expect(fills).toBe(1);
    expect(listening()).toBe(0);
  });

  it('fills when the map goes idle even if a live source never reports loaded', () => {
    const { map, fire } = fakeEvents(true);
    let fills = 0;
    whenLiveDrawn(
      map,
      () => false,
      () => fills++,
    );
    fire('idle');
    expect(fills).toBe(1);
  });

  it('never fills once cancelled', () => {
    const { map, fire, listening } = fakeEvents(true);
    let fills = 0;
    whenLiveDrawn(
      map,
      () => true,
      () => fills++,
    )();
    fire('idle');
    expect(fills).toBe(0);
    expect(listening()).toBe(0);
  });
});

describe('camera cones at load', () => {
  // A fixed gun camera (with a view cone) and a dome (none), from the layers' fixture pack.
  const cams: Camera[] = FIXTURE_PACK.cameras.slice(0, 2);

  function fakeMap() {
    const sources = new Map<string, { data: FeatureCollection }>();
    const diffs: GeoJSONSourceDiff[] = [];
    const layers = new Set<string>();
    const map = {
      getSource: (id: string) => {
        const s = sources.get(id);
        return (
          s && {
            setData: (data: FeatureCollection) => ((s.data = data), Promise.resolve()),
            updateData: (diff: GeoJSONSourceDiff) => (diffs.push(diff), Promise.resolve()),
          }
        );
      },
      addSource: (id: string, spec: { data: FeatureCollection }) => sources.set(id, { data: spec.data }),
      getLayer: (id: string) => (layers.has(id) ? { id, metadata: {} } : undefined),
      addLayer: (layer: { id: string }) => layers.add(layer.id),
      getLayersOrder: () => [...layers],
    } as unknown as Parameters<typeof cameras.install>[0];
    return { map, sources, diffs };
  }

  it('camera features carry only what the layers read (kind, class, state; no names, no camera ids)', () => {
    expect(cameras.toFeatureCollection(cams).features[0]!.properties).toEqual({
      kind: 'gun',
      class: 1,
      online: true,
    });
    expect(Object.keys(cameraCones.toFovCollection(cams).features[0]!.properties).sort()).toEqual([
      'class',
      'kind',
      'online',
    ]);
  });

  it('a drawn point or cone names its camera through its feature id (its index in the pack)', () => {
    const fc = cameras.toFeatureCollection(cams);
    expect(fc.features.map((f) => cameras.cameraIdOf(cams, f.id))).toEqual(cams.map((c) => c.id));
    const cones = cameraCones.toFovCollection(cams);
    expect(cones.features.map((f) => cameras.cameraIdOf(cams, f.id))).toEqual(
      cams.filter(cameras.hasWedge).map((c) => c.id),
    );
    // A cluster's id is no camera's index: it names none.
    expect(cameras.cameraIdOf(cams, cams.length + 7)).toBeUndefined();
    expect(cameras.cameraIdOf(cams, undefined)).toBeUndefined();
  });

  it('installs the points with data and the cones empty; the cones are handed over in chunks, each in the live state when sent', () => {
    const { map, sources, diffs } = fakeMap();
    expect(cameras.install(map, cams).features).toHaveLength(2);
    expect(sources.get(cameras.SOURCE_ID)!.data.features).toHaveLength(2);
    expect(sources.get(cameras.FOV_SOURCE_ID)!.data.features).toHaveLength(0);
    // Six fixed cameras in chunks of two: three hand-overs, the second and third as additions.
    const fixed = Array.from({ length: 6 }, (_, i) => ({ ...cams[0]!, id: `1405020000131000010${i}` }));
    const status = new Map<string, boolean>();
    const pending: (() => void)[] = [];
    const chunks: [number, boolean][] = [];
    const cancel = cameraCones.fillConesInChunks(
      map,
      fixed,
      status,
      (sent, done) => chunks.push([sent, done]),
      2,
      (fn) => (pending.push(fn), () => pending.splice(0)),
    );
    const idOf = (f: { id?: string | number }) => cameras.cameraIdOf(fixed, f.id);
    expect(sources.get(cameras.FOV_SOURCE_ID)!.data.features.map(idOf)).toEqual([fixed[0]!.id, fixed[1]!.id]);
    // A camera of a later chunk goes offline before its cone is sent: it is sent offline.
    status.set(fixed[3]!.id, false);
    pending.shift()!();
    expect(diffs.at(-1)!.add!.map((f) => [idOf(f), f.properties!['online']])).toEqual([
      [fixed[2]!.id, true],
      [fixed[3]!.id, false],
    ]);
    // Keyed by their camera's index in the list (feature-state and updateData find them by it).
    expect(diffs.at(-1)!.add!.map((f) => f.id)).toEqual([2, 3]);
    expect(chunks).toEqual([
      [2, false],
      [2, false],
    ]);
    // Cancelled: the last chunk is never sent.
    cancel();
    expect(pending).toHaveLength(0);
    expect(diffs).toHaveLength(1);
  });

  it('ends with the last chunk', () => {
    const { map, diffs } = fakeMap();
    cameras.install(map, cams);
    const chunks: [number, boolean][] = [];
    const pending: (() => void)[] = [];
    cameraCones.fillConesInChunks(
      map,
      cams,
      undefined,
      (sent, done) => chunks.push([sent, done]),
      1,
      (fn) => {
        pending.push(fn);
        return () => undefined;
      },
    );
    while (pending.length > 0) pending.shift()!();
    expect(chunks.at(-1)![1]).toBe(true);
    expect(chunks.filter(([, done]) => done)).toHaveLength(1);
    expect(chunks.reduce((n, [sent]) => n + sent, 0)).toBe(cameraCones.toFovCollection(cams).features.length);
    // The second chunk is the dome, which has no cone: nothing is added for it.
    expect(diffs).toHaveLength(0);
  });
});
