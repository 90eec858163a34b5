import { describe, expect, it, vi } from 'vitest';
import type { RequestHandlers } from '../../shared/contract/api';
import { seatControlledHandlers, type ControlledFeatureHandlers } from './seatControlledHandlers';

/** Raw feature handlers that record being called; the table must never reach them for a refused seat. */
function rawHandlers(called: string[]): ControlledFeatureHandlers {
  const raw = (name: string) =>
    vi.fn(async () => {
      called.push(name);
      return { path: '/tmp/report' };
    });
  return {
    drill: { 'drill.control': raw('drill.control'), 'drill.exportReport': raw('drill.exportReport') },
    video: { 'cameras.aim': raw('cameras.aim'), 'wall.setSource': raw('wall.setSource') },
    stats: { 'stats.query': raw('stats.query'), 'stats.exportReport': raw('stats.exportReport') },
    evidence: { 'evidence.snapshot': raw('evidence.snapshot'), 'evidence.mark': raw('evidence.mark') },
  } as unknown as ControlledFeatureHandlers;
}

describe('seatControlledHandlers', () => {
  it('refuses every controlled handler without a signed-in operator, audits the refusal, never runs it', async () => {
    const called: string[] = [];
    const audits: [string, string, string][] = [];
    const handlers = seatControlledHandlers(
      {
        requireSeatControl: () => {
          throw new Error('sign in first');
        },
        auditSeatAction: (operator, action, subject) => audits.push([operator, action, subject]),
        operatorName: () => 'seat:unsigned',
      },
      rawHandlers(called),
    );
    const names = Object.keys(handlers) as (keyof typeof handlers)[];
    expect(names.sort()).toEqual(
      [
        'cameras.aim',
        'drill.control',
        'drill.exportReport',
        'evidence.mark',
        'evidence.snapshot',
        'stats.exportReport',
        'stats.query',
        'wall.setSource',
      ].sort(),
    );
    for (const name of names) {
      const handler = handlers[name] as unknown as (...args: unknown[]) => Promise<unknown>;
      await expect(handler({})).rejects.toThrow('sign in first');
    }
    expect(called).toEqual([]);
    expect(
      audits.every(([operator, action]) => operator === 'seat:unsigned' && action === 'seat.refused'),
    ).toBe(true);
    expect(audits.map(([, , subject]) => subject)).toContain('seat:statistics');
  });

  it('runs the handler for an allowed operator and audits a report export under their name', async () => {
    const called: string[] = [];
    const audits: [string, string, string, unknown][] = [];
    const handlers = seatControlledHandlers(
      {
        requireSeatControl: () => 'duty-officer',
        auditSeatAction: (operator, action, subject, payload) =>
          audits.push([operator, action, subject, payload]),
        operatorName: () => 'duty-officer',
      },
      rawHandlers(called),
    );
    const request = { format: 'pdf', period: 'day' } as unknown as Parameters<
      RequestHandlers['stats.exportReport']
    >[0];
    await handlers['stats.exportReport'](request);
    expect(called).toEqual(['stats.exportReport']);
    expect(audits).toEqual([
      [
        'duty-officer',
        'stats.reportExported',
        'stats:report',
        { format: 'pdf', period: 'day', path: '/tmp/report' },
      ],
    ]);
  });
});
