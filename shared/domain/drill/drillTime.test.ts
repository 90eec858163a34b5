import { describe, expect, it } from 'vitest';
import { appendClockSample, scenarioTimeAt, type ClockSample } from './drillTime';
import { choiceCredit } from './drillScoring';

const T0 = Date.parse('2026-11-20T12:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

describe('drill clock', () => {
  it('keeps only changes of course and places wall times through pause, speed and seek', () => {
    let log: readonly ClockSample[] = [];
    log = appendClockSample(log, { at: at(0), scenarioTime: 0, speed: 10, paused: false });
    const same = appendClockSample(log, { at: at(1), scenarioTime: 10.4, speed: 10, paused: false });
    expect(same).toBe(log); // on course: nothing new stored
    log = appendClockSample(log, { at: at(10), scenarioTime: 100, speed: 10, paused: true });
    log = appendClockSample(log, { at: at(70), scenarioTime: 100, speed: 1, paused: false });
    log = appendClockSample(log, { at: at(80), scenarioTime: 300, speed: 1, paused: false }); // seek
    expect(log).toHaveLength(4);
    expect(scenarioTimeAt(at(5), log)).toBe(50);
    expect(scenarioTimeAt(at(40), log)).toBe(100); // paused
    expect(scenarioTimeAt(at(75), log)).toBe(105);
    expect(scenarioTimeAt(at(90), log)).toBe(310);
  });

  it('falls back to the alerts as anchors at 1×, and to null with nothing', () => {
    expect(
      scenarioTimeAt(
        at(30),
        [],
        [
          { receivedAt: at(20), t: 5 },
          { receivedAt: at(25), t: 40 },
        ],
      ),
    ).toBe(45);
    expect(scenarioTimeAt(at(30), [])).toBeNull();
  });

  it('credits a unit choice within 30 s of the best ETA fully, a slower one in proportion', () => {
    expect(choiceCredit(100, 80)).toBe(1);
    expect(choiceCredit(200, 50)).toBe(0.25);
    expect(choiceCredit(null, 50)).toBe(1);
  });
});
