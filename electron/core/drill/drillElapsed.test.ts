import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { Scenario } from '../../../shared/protocol/scenario';
import { scenarioElapsed } from './drillElapsed';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const scenario = { events: [{ t: 5, type: 'alert', payload: { id: 'A1' } }] } as unknown as Scenario;
const alert = (id: string) =>
  ({ id, receivedAt: new Date(T0).toISOString(), reportedAt: new Date(T0).toISOString() }) as Alert;

describe('cordon elapsed time in a drill', () => {
  it('counts scenario seconds since the alert, so a 10× drill gives the suspects ten times the head start', () => {
    const samples = [{ at: new Date(T0).toISOString(), scenarioTime: 5, speed: 10, paused: false }];
    const elapsed = scenarioElapsed(scenario, () => samples);
    expect(elapsed(alert('A1'), T0 + 30_000)).toBe(300);
    expect(elapsed(alert('not-in-scenario'), T0 + 30_000)).toBeNull();
  });

  it('runs at 1× from the receipt without a clock log', () => {
    expect(scenarioElapsed(scenario, () => [])(alert('A1'), T0 + 30_000)).toBe(30);
  });
});
