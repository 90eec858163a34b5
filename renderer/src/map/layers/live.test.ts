import { describe, expect, it } from 'vitest';
import * as alerts from './alerts';
import * as units from './units';
import * as cameras from './cameras';
import * as cameraCones from './cameraCones';
import { FIXTURE_PACK, NOW, alert, unit } from './__fixtures__/pack';

describe('alerts.toFeatureCollection', () => {
  it('draws only open alerts, urgent ones last (on top)', () => {
    const fc = alerts.toFeatureCollection([
      alert('a1', 1, 'received'),
      alert('a2', 3, 'on_scene'),
      alert('a3', 2, 'closed'),
      alert('a4', 4, 'resolved'),
    ]);
    expect(fc.features.map((f) => f.properties.id)).toEqual(['a2', 'a1']);
    expect(fc.features[1]?.properties).toMatchObject({ priority: 1, unacknowledged: true });
    expect(fc.features[0]?.properties.unacknowledged).toBe(false);
  });
  it('uses the WGS84 position, not the reported location', () => {
    const a = { ...alert('a1', 2, 'acknowledged'), location: { lng: 1, lat: 2, crs: 'GCJ02' as const } };
    expect(alerts.toFeatureCollection([a]).features[0]?.geometry.coordinates).toEqual([112.85, 35.49]);
  });
  it('selects by id through a filter that matches nothing for null', () => {
    expect(alerts.selectedFilter('a1')).toEqual(['==', ['get', 'id'], 'a1']);
    expect(alerts.selectedFilter(null)).toEqual(['==', ['get', 'id'], '']);
  });
  it('pulses from small and opaque to large and transparent, periodically', () => {
    const start = alerts.pulseFrame(0);
    const end = alerts.pulseFrame(0.99);
    expect(end.radius).toBeGreaterThan(start.radius);
    expect(end.opacity).toBeLessThan(start.opacity);
    expect(alerts.pulseFrame(1.25)).toEqual(alerts.pulseFrame(0.25));
  });
});

describe('units.toFeatureCollection', () => {
  it('carries status and heading, and skips units that never reported', () => {
    const fc = units.toFeatureCollection(
      [unit('1', 'available', 5_000, 90), unit('2', 'en_route', null)],
      NOW,
    );
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.properties).toMatchObject({
      id: '1',
      status: 'available',
      heading: 90,
      stale: false,
      label: '巡1',
    });
  });
  it('marks positions older than 60 s stale and shows their age', () => {
    const fc = units.toFeatureCollection(
      [unit('1', 'on_scene', 60_000), unit('2', 'on_scene', 60_001), unit('3', 'available', 7_300_000)],
      NOW,
    );
    const p = fc.features.map((f) => f.properties);
    expect(p.map((x) => x.stale)).toEqual([false, true, true]);
    expect(p[1]?.label).toBe('巡2 · 1m');
    expect(p[2]?.label).toBe('巡3 · 2h');
  });
  it('staleness is relative to the now argument, so it appears without new data', () => {
    const u = [unit('1', 'available', 0)];
    expect(units.staleUnitIds(u, NOW)).toEqual([]);
    expect(units.staleUnitIds(u, NOW + 61_000)).toEqual(['1']);
  });
  it('treats a timestamp from the future (clock skew) as fresh with age 0', () => {
    const fc = units.toFeatureCollection([unit('1', 'available', -5_000)], NOW);
    expect(fc.features[0]?.properties).toMatchObject({ stale: false, ageS: 0 });
  });
  it('flags highlighted units', () => {
    const fc = units.toFeatureCollection(
      [unit('1', 'available', 0), unit('2', 'available', 0)],
      NOW,
      new Set(['2']),
    );
    expect(fc.features.map((f) => f.properties.highlighted)).toEqual([false, true]);
  });
  it('has an arrow image for every status', () => {
    const ids = Object.keys(units.STATUS_STYLE).map((s) => units.imageId(s as never));
    expect(ids).toEqual([
      'unit-available',
      'unit-dispatched',
      'unit-en_route',
      'unit-on_scene',
      'unit-off_duty',
    ]);
  });
});

describe('cameras', () => {
  const cams = FIXTURE_PACK.cameras;
  it('toFeatureCollection applies live status over the pack flag', () => {
    const fc = cameras.toFeatureCollection(cams, new Map([['14050200001310000001', false]]));
    expect(fc.features.map((f) => f.properties.online)).toEqual([false, false, true]);
    expect(cameras.toFeatureCollection(cams).features.map((f) => f.properties.online)).toEqual([
      true,
      false,
      true,
    ]);
  });
  it('highlight collection contains only the requested cameras', () => {
    const fc = cameras.toHighlightCollection(cams, new Set(['14050200051310000003', 'unknown']));
    const third = cams.find((c) => c.id === '14050200051310000003')!;
    expect(fc.features.map((f) => f.geometry.coordinates)).toEqual([[third.lng, third.lat]]);
    expect(cameras.toHighlightCollection(cams, new Set()).features).toEqual([]);
  });
  it('builds closed FOV wedges for fixed cameras only, pointing along the heading', () => {
    const fc = cameraCones.toFovCollection(cams);
    expect(fc.features.map((f) => cameras.cameraIdOf(cams, f.id))).toEqual([
      '14050200001310000001',
      '14050200051310000003',
    ]);
    const ring = fc.features[0]!.geometry.coordinates[0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    // Heading 90° (east): the wedge's middle point is east of the camera, ~80 m away.
    const [mx, my] = ring[Math.floor(ring.length / 2)] as [number, number];
    expect(mx).toBeGreaterThan(112.851);
    expect(Math.abs(my - 35.491)).toBeLessThan(1e-6);
    const dxM = (mx - 112.851) * 111_320 * Math.cos((35.491 * Math.PI) / 180);
    expect(dxM).toBeCloseTo(80, 0);
  });
  it('clusters the main source only', () => {
    expect(cameras.source()).toMatchObject({
      type: 'geojson',
      cluster: true,
      clusterMaxZoom: cameras.CLUSTER_MAX_ZOOM,
    });
    expect(cameras.highlightSource()).not.toHaveProperty('cluster');
  });
});
