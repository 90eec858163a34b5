import { describe, expect, it } from 'vitest';
import { maskPhone, sortAlertQueue } from './alertQueue';
import type { Alert } from './alert';

const alert = (id: string, priority: Alert['priority'], reportedAt: string): Alert => ({
  id,
  source: '110',
  category: 'theft',
  priority,
  reportedAt,
  location: { lng: 112.8, lat: 35.5, crs: 'WGS84' },
  position: { lng: 112.8, lat: 35.5 },
  address: 'x',
  caller: { phone: '13800000000' },
  description: '',
  status: 'received',
  receivedAt: reportedAt,
  seq: 1,
});

describe('alert queue order', () => {
  it('puts higher priority first, and within a priority the longest waiting first', () => {
    const sorted = sortAlertQueue([
      alert('c', 3, '2026-11-20T19:00:00+08:00'),
      alert('b', 1, '2026-11-20T19:05:00+08:00'),
      alert('a', 1, '2026-11-20T19:01:00+08:00'),
      alert('d', 2, '2026-11-20T18:00:00+08:00'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('compares times across offsets as instants', () => {
    const sorted = sortAlertQueue([
      alert('late', 2, '2026-11-20T12:00:00Z'),
      alert('early', 2, '2026-11-20T19:00:00+08:00'),
    ]);
    expect(sorted.map((a) => a.id)).toEqual(['early', 'late']);
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('never shows a short number whole', () => {
    expect(maskPhone('110')).toBe('***');
    expect(maskPhone('1234567')).not.toContain('3456');
  });
});
