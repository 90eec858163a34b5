import { describe, expect, it } from 'vitest';
import { decodeFeedMessages, type DecodeContext } from './feedDecoder';
import { alertReport, envelope } from '../../../tests/unit/fixtures';
import { fromWgs84 } from '../../../shared/domain/coords';
import { haversineMeters } from '../../../shared/domain/geo';

const ctx = (overrides: Partial<DecodeContext> = {}): DecodeContext => ({
  lastSeq: 0,
  knownUnits: new Set(['U01']),
  knownCameras: new Set(['14990101001320000001']),
  receivedAt: '2026-11-20T11:00:06.000Z',
  ...overrides,
});

describe('decodeFeedMessages', () => {
  it('turns a valid alert into a received alert at its WGS84 position', () => {
    const batch = decodeFeedMessages([envelope(1, 'alert', alertReport())], ctx());
    expect(batch.lastSeq).toBe(1);
    expect(batch.quarantine).toEqual([]);
    expect(batch.alerts[0]).toMatchObject({
      id: '110-20261120-0001',
      status: 'received',
      seq: 1,
      position: { lng: 112.851, lat: 35.49 },
    });
  });

  it('converts GCJ-02 reports to WGS84 and keeps the original', () => {
    const truth = { lng: 112.851, lat: 35.49 };
    const gcj = fromWgs84(truth, 'GCJ02');
    const batch = decodeFeedMessages(
      [envelope(1, 'alert', alertReport({ location: { ...gcj, crs: 'GCJ02' } }))],
      ctx(),
    );
    const alert = batch.alerts[0]!;
    expect(alert.location).toEqual({ ...gcj, crs: 'GCJ02' });
    expect(haversineMeters(alert.position, truth)).toBeLessThan(2);
  });

  it('quarantines a malformed alert with its reason and raw payload, and still advances the seq', () => {
    const bad = { ...alertReport(), priority: 9, location: { lng: 'x' } };
    const batch = decodeFeedMessages(
      [envelope(5, 'alert', bad), envelope(6, 'alert', alertReport({ id: 'ok-1' }))],
      ctx(),
    );
    expect(batch.alerts.map((a) => a.id)).toEqual(['ok-1']);
    expect(batch.quarantine).toHaveLength(1);
    expect(batch.quarantine[0]).toMatchObject({ seq: 5, type: 'alert' });
    expect(batch.quarantine[0]!.reason).toMatch(/invalid alert: .*priority/);
    expect(JSON.parse(batch.quarantine[0]!.raw).payload.priority).toBe(9);
    expect(batch.lastSeq).toBe(6);
  });

  it('quarantines an envelope that is not one', () => {
    const batch = decodeFeedMessages([{ hello: 'world' }, 'junk', null], ctx());
    expect(batch.quarantine).toHaveLength(3);
    expect(batch.quarantine[0]!.reason).toMatch(/invalid envelope/);
  });

  it('drops resends at or below the stored seq and duplicate ids within a batch', () => {
    const batch = decodeFeedMessages(
      [
        envelope(3, 'alert', alertReport({ id: 'old' })),
        envelope(4, 'alert', alertReport({ id: 'dup' })),
        envelope(5, 'alert', alertReport({ id: 'dup' })),
      ],
      ctx({ lastSeq: 3 }),
    );
    expect(batch.alerts.map((a) => a.id)).toEqual(['dup']);
    expect(batch.lastSeq).toBe(5);
  });

  it('quarantines positions and statuses of units and cameras the city pack does not know', () => {
    const at = '2026-11-20T11:00:00.000Z';
    const batch = decodeFeedMessages(
      [
        envelope(1, 'unit.position', { unitId: 'U01', lng: 112.8, lat: 35.5, heading: 90, speed: 10, at }),
        envelope(2, 'unit.position', { unitId: 'U99', lng: 112.8, lat: 35.5, heading: 90, speed: 10, at }),
        envelope(3, 'unit.status', { unitId: 'U01', status: 'off_duty', at }),
        envelope(4, 'camera.status', { cameraId: '14990101001320000001', online: false, at }),
        envelope(5, 'camera.status', { cameraId: '14990101001320000002', online: false, at }),
      ],
      ctx(),
    );
    expect(batch.positions).toHaveLength(1);
    expect(batch.unitStatus).toHaveLength(1);
    expect(batch.cameraStatus).toHaveLength(1);
    expect(batch.quarantine.map((q) => q.reason)).toEqual([
      'unknown unit U99',
      'unknown camera 14990101001320000002',
    ]);
  });
});
