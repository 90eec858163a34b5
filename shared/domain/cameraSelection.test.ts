import { describe, expect, it } from 'vitest';
import type { Camera } from './camera';
import { haversineMeters, pointInPolygon, type LngLat, type Position } from './geo';
import {
  DEFAULT_LINK_RADIUS_M,
  angleDifference,
  camerasInArea,
  coversPoint,
  isPtz,
  ptzAim,
  rankCamerasForPoint,
} from './cameraSelection';

const ORIGIN: LngLat = { lng: 112.85, lat: 35.5 };
const M_PER_DEG_LAT = 111_195;
/** A point `metres` away from `from` on `bearing` (flat approximation, fine at these distances). */
function offset(from: LngLat, bearing: number, metres: number): LngLat {
  const rad = (bearing * Math.PI) / 180;
  return {
    lng: from.lng + (metres * Math.sin(rad)) / (M_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180)),
    lat: from.lat + (metres * Math.cos(rad)) / M_PER_DEG_LAT,
  };
}

let serial = 0;
function camera(overrides: Partial<Camera> = {}): Camera {
  serial += 1;
  return {
    id: `149901020013250${String(serial).padStart(5, '0')}`,
    name: `cam ${serial}`,
    kind: 'gun',
    class: 1,
    lng: ORIGIN.lng,
    lat: ORIGIN.lat,
    heading: 0,
    fov: 60,
    range: 100,
    streams: [],
    online: true,
    ...overrides,
  };
}

describe('angleDifference', () => {
  it('wraps across north', () => {
    expect(angleDifference(350, 10)).toBeCloseTo(20);
    expect(angleDifference(10, 350)).toBeCloseTo(20);
    expect(angleDifference(0, 180)).toBeCloseTo(180);
    expect(angleDifference(-30, 330)).toBeCloseTo(0);
    expect(angleDifference(720, 5)).toBeCloseTo(5);
  });
});

describe('coversPoint (fixed cameras)', () => {
  it('covers a point straight ahead within range and not behind it', () => {
    const cam = camera({ heading: 90, fov: 60, range: 100 });
    expect(coversPoint(cam, offset(cam, 90, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 270, 50))).toBe(false);
  });

  it('uses heading ± fov/2 as the wedge edges', () => {
    const cam = camera({ heading: 90, fov: 60, range: 100 });
    expect(coversPoint(cam, offset(cam, 119, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 61, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 121, 50))).toBe(false);
    expect(coversPoint(cam, offset(cam, 59, 50))).toBe(false);
  });

  it('handles a wedge across north (heading 0, fov 20: 350°→10°)', () => {
    const cam = camera({ heading: 0, fov: 20, range: 100 });
    expect(coversPoint(cam, offset(cam, 355, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 5, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 349, 50))).toBe(false);
    expect(coversPoint(cam, offset(cam, 11, 50))).toBe(false);
    expect(coversPoint(cam, offset(cam, 180, 50))).toBe(false);
  });

  it('handles a heading of 350 looking across north', () => {
    const cam = camera({ heading: 350, fov: 40, range: 100 });
    expect(coversPoint(cam, offset(cam, 5, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 335, 50))).toBe(true);
    expect(coversPoint(cam, offset(cam, 15, 50))).toBe(false);
  });

  it('does not cover a point beyond its range, even straight ahead', () => {
    const cam = camera({ heading: 45, fov: 60, range: 80 });
    expect(coversPoint(cam, offset(cam, 45, 79))).toBe(true);
    expect(coversPoint(cam, offset(cam, 45, 81))).toBe(false);
  });

  it('covers its own position and everything in range with a 360° fov', () => {
    const cam = camera({ heading: 0, fov: 20, range: 50 });
    expect(coversPoint(cam, ORIGIN)).toBe(true);
    const eagle = camera({ kind: 'eagle', heading: 0, fov: 360, range: 1200 });
    expect(coversPoint(eagle, offset(eagle, 200, 1000))).toBe(true);
    expect(coversPoint(eagle, offset(eagle, 200, 1300))).toBe(false);
  });
});

describe('PTZ domes', () => {
  const dome = camera({ kind: 'dome', heading: null, fov: null, range: 200 });

  it('count as covering anything in range, in any direction', () => {
    expect(isPtz(dome)).toBe(true);
    expect(coversPoint(dome, offset(dome, 0, 150))).toBe(true);
    expect(coversPoint(dome, offset(dome, 225, 150))).toBe(true);
    expect(coversPoint(dome, offset(dome, 225, 210))).toBe(false);
  });

  it('aim: pan is the bearing, tilt looks down from the mounting height', () => {
    const east = ptzAim(dome, offset(dome, 90, 6));
    expect(east.pan).toBeCloseTo(90, 0);
    expect(east.tilt).toBeCloseTo(-45, 0);
    const far = ptzAim(dome, offset(dome, 200, 100));
    expect(far.pan).toBeCloseTo(200, 0);
    expect(far.tilt).toBeCloseTo((-Math.atan(6 / 100) * 180) / Math.PI, 0);
    expect(ptzAim(dome, offset(dome, 315, 50), 12).tilt).toBeCloseTo(
      (-Math.atan(12 / 50) * 180) / Math.PI,
      0,
    );
  });

  it('aim: straight down at its foot, and pan stays in 0–360 just west of north', () => {
    expect(ptzAim(dome, dome)).toEqual({ pan: 0, tilt: -90 });
    const nw = ptzAim(dome, offset(dome, 359.99, 80));
    expect(nw.pan).toBeGreaterThanOrEqual(0);
    expect(nw.pan).toBeLessThan(360);
  });
});

describe('rankCamerasForPoint', () => {
  const alert = offset(ORIGIN, 0, 0);

  it('takes cameras within the radius, eagle-eye ones within their own range', () => {
    const near = camera({ ...offset(alert, 180, 100), heading: 0, fov: 60, range: 150 });
    const far = camera({
      ...offset(alert, 90, DEFAULT_LINK_RADIUS_M + 50),
      heading: 270,
      fov: 60,
      range: 500,
    });
    const eagle = camera({ ...offset(alert, 270, 900), kind: 'eagle', heading: null, fov: 360, range: 1200 });
    const eagleTooFar = camera({
      ...offset(alert, 270, 1500),
      kind: 'eagle',
      heading: null,
      fov: 360,
      range: 1200,
    });
    const ids = rankCamerasForPoint([near, far, eagle, eagleTooFar], alert).map((r) => r.camera.id);
    expect(ids).toEqual([near.id, eagle.id]);
  });

  it('puts covering cameras first, then the nearest; offline ones last', () => {
    const closeButLooksAway = camera({ ...offset(alert, 180, 20), heading: 180, fov: 60, range: 100 });
    const coveringFar = camera({ ...offset(alert, 180, 90), heading: 0, fov: 60, range: 100 });
    const coveringNear = camera({ ...offset(alert, 90, 50), heading: 270, fov: 60, range: 100 });
    const dome = camera({ ...offset(alert, 0, 70), kind: 'dome', heading: null, fov: null, range: 100 });
    const offlineCovering = camera({
      ...offset(alert, 45, 10),
      heading: 225,
      fov: 60,
      range: 100,
      online: false,
    });
    const ranked = rankCamerasForPoint(
      [closeButLooksAway, coveringFar, offlineCovering, dome, coveringNear],
      alert,
    );
    expect(ranked.map((r) => r.camera.id)).toEqual([
      coveringNear.id,
      dome.id,
      coveringFar.id,
      closeButLooksAway.id,
      offlineCovering.id,
    ]);
    expect(ranked.map((r) => r.covers)).toEqual([true, true, true, false, true]);
    expect(ranked[1]!.aim?.pan).toBeCloseTo(180, 0);
    expect(ranked[0]!.aim).toBeUndefined();
  });

  it('uses the live online state when given, and honours limit and radius', () => {
    const a = camera({ ...offset(alert, 0, 30), heading: 180 });
    const b = camera({ ...offset(alert, 0, 60), heading: 180 });
    const online = (c: Camera) => c.id !== a.id;
    expect(rankCamerasForPoint([a, b], alert, { isOnline: online }).map((r) => r.camera.id)).toEqual([
      b.id,
      a.id,
    ]);
    expect(rankCamerasForPoint([a, b], alert, { limit: 1 })).toHaveLength(1);
    expect(rankCamerasForPoint([a, b], alert, { radiusM: 40 }).map((r) => r.camera.id)).toEqual([a.id]);
    expect(rankCamerasForPoint([a, b], alert)[0]!.distanceM).toBeCloseTo(30, 0);
  });
});

describe('area selection', () => {
  const square: Position[] = [
    [112.849, 35.499],
    [112.851, 35.499],
    [112.851, 35.501],
    [112.849, 35.501],
  ];

  it('pointInPolygon: inside, outside, closed ring, concave shape', () => {
    expect(pointInPolygon(ORIGIN, square)).toBe(true);
    expect(pointInPolygon({ lng: 112.852, lat: 35.5 }, square)).toBe(false);
    expect(pointInPolygon(ORIGIN, [...square, square[0]!])).toBe(true);
    // A "C" open to the east: its mouth is outside.
    const c: Position[] = [
      [0, 0],
      [3, 0],
      [3, 1],
      [1, 1],
      [1, 2],
      [3, 2],
      [3, 3],
      [0, 3],
    ];
    expect(pointInPolygon({ lng: 2, lat: 1.5 }, c)).toBe(false);
    expect(pointInPolygon({ lng: 0.5, lat: 1.5 }, c)).toBe(true);
    expect(pointInPolygon({ lng: 2, lat: 0.5 }, c)).toBe(true);
  });

  it('selects cameras inside a polygon or circle, ranked against the centre', () => {
    const inside = camera({ ...offset(ORIGIN, 90, 40), heading: 270, fov: 60, range: 100 });
    const insideAway = camera({ ...offset(ORIGIN, 0, 20), heading: 0, fov: 60, range: 100 });
    const outside = camera({ ...offset(ORIGIN, 90, 400), heading: 270 });
    const all = [insideAway, outside, inside];
    expect(camerasInArea(all, { polygon: square }).map((r) => r.camera.id)).toEqual([
      inside.id,
      insideAway.id,
    ]);
    const circle = camerasInArea(all, { circle: { ...ORIGIN, radiusM: 50 } });
    expect(circle.map((r) => r.camera.id)).toEqual([inside.id, insideAway.id]);
    expect(circle[0]!.distanceM).toBeCloseTo(haversineMeters(inside, ORIGIN), 3);
    expect(camerasInArea(all, { circle: { ...ORIGIN, radiusM: 500 } })).toHaveLength(3);
  });

  it('rejects a degenerate polygon', () => {
    expect(() =>
      camerasInArea([], {
        polygon: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toThrow(/at least 3 vertices/);
  });
});
