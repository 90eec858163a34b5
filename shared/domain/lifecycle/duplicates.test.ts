import { describe, expect, it } from 'vitest';
import type { Alert } from '../alert';
import { categoriesCompatible, duplicateScore, mergedView, suggestDuplicates } from './duplicates';

const BASE = { lng: 112.85, lat: 35.49 };
/** ~111 m per 0.001° of latitude. */
const north = (metres: number) => ({ lng: BASE.lng, lat: BASE.lat + metres / 111_195 });

function alert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    source: '110',
    category: 'fight',
    priority: 2,
    reportedAt: '2026-11-20T19:00:00+08:00',
    location: { ...BASE, crs: 'WGS84' },
    position: BASE,
    address: '建设路12号',
    caller: { phone: `138000000${id.slice(-2).padStart(2, '0')}` },
    description: `report ${id}`,
    status: 'received',
    receivedAt: '2026-11-20T19:00:00+08:00',
    seq: 1,
    ...overrides,
  };
}

describe('category compatibility', () => {
  it('groups what callers confuse and keeps the rest apart', () => {
    expect(categoriesCompatible('fight', 'assault')).toBe(true);
    expect(categoriesCompatible('robbery', 'burglary')).toBe(true);
    expect(categoriesCompatible('theft', 'robbery')).toBe(true);
    expect(categoriesCompatible('traffic_accident', 'traffic_jam')).toBe(true);
    expect(categoriesCompatible('fire', 'rescue')).toBe(true);
    expect(categoriesCompatible('noise', 'noise')).toBe(true);
    expect(categoriesCompatible('fire', 'theft')).toBe(false);
    expect(categoriesCompatible('assault', 'traffic_jam')).toBe(false);
  });
});

describe('duplicate suggestions', () => {
  const target = alert('A10', { reportedAt: '2026-11-20T19:05:00+08:00' });

  it('suggests near, recent, compatible open alerts, best first, keeping the earlier one', () => {
    const others = [
      alert('A01', { position: north(50), reportedAt: '2026-11-20T19:03:00+08:00', category: 'assault' }),
      alert('A02', { position: north(20), reportedAt: '2026-11-20T19:04:30+08:00', status: 'dispatched' }),
      alert('A03', { position: north(400) }), // too far
      alert('A04', { position: north(10), reportedAt: '2026-11-20T18:50:00+08:00' }), // 15 min earlier
      alert('A05', { position: north(10), category: 'fire' }), // incompatible
      alert('A06', { position: north(10), status: 'closed' }), // finished
      alert('A07', { position: north(10), status: 'merged' }),
      target,
    ];
    const suggestions = suggestDuplicates(target, others);
    expect(suggestions.map((s) => s.keepId)).toEqual(['A02', 'A01']);
    expect(suggestions.every((s) => s.mergeId === 'A10')).toBe(true);
    expect(suggestions[0]).toMatchObject({
      distanceMeters: 20,
      secondsApart: 30,
      sameCategory: true,
      sameCaller: false,
    });
    expect(suggestions[0]!.score).toBeGreaterThan(suggestions[1]!.score);
    expect(suggestions[1]!.score).toBeGreaterThan(0);
    expect(suggestions[0]!.score).toBeLessThanOrEqual(1);
  });

  it('takes radius and window as options and keeps the earlier alert when the new one came first', () => {
    const later = alert('A11', { position: north(400), reportedAt: '2026-11-20T19:20:00+08:00' });
    expect(duplicateScore(target, later)).toBeNull();
    expect(duplicateScore(target, later, { radiusMeters: 500, windowSeconds: 1800 })).toMatchObject({
      keepId: 'A10',
      mergeId: 'A11',
      distanceMeters: 400,
      secondsApart: 900,
    });
  });

  it('is more confident about a repeat call from the same phone', () => {
    const other = alert('A12', { position: north(100), reportedAt: '2026-11-20T19:02:00+08:00' });
    const repeat = { ...other, caller: target.caller };
    expect(duplicateScore(target, repeat)!.score).toBeGreaterThan(duplicateScore(target, other)!.score);
    expect(duplicateScore(target, repeat)!.sameCaller).toBe(true);
    expect(duplicateScore(target, target)).toBeNull();
  });
});

describe('merged view', () => {
  it('keeps every caller once and every report, in call order', () => {
    const primary = alert('A01', {
      reportedAt: '2026-11-20T19:01:00+08:00',
      caller: { name: '张先生', phone: '13800000001' },
    });
    const second = alert('A02', {
      reportedAt: '2026-11-20T19:00:30+08:00',
      caller: { phone: '13900000002' },
      description: '有人打架',
    });
    const repeat = alert('A03', {
      reportedAt: '2026-11-20T19:04:00+08:00',
      caller: { name: '张先生', phone: '13800000001' },
      description: '又打起来了',
    });
    const view = mergedView(primary, [second, repeat, primary]);
    expect(view.primaryId).toBe('A01');
    expect(view.alertIds).toEqual(['A02', 'A01', 'A03']);
    expect(view.firstReportedAt).toBe('2026-11-20T19:00:30+08:00');
    expect(view.callers).toEqual([
      { alertId: 'A02', phone: '13900000002', reportedAt: '2026-11-20T19:00:30+08:00' },
      { alertId: 'A01', name: '张先生', phone: '13800000001', reportedAt: '2026-11-20T19:01:00+08:00' },
    ]);
    expect(view.reports.map((r) => r.description)).toEqual(['有人打架', 'report A01', '又打起来了']);
  });
});
