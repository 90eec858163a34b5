import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCityPack } from '../../node/citypack/loadCityPack';
import { FeedLog, LOG_FILE } from './feedLog';
import { buildRoadGraph } from '../simulation/roadGraph';
import { checkScenario } from '../../shared/scenario/scenarioFile';
import { ScenarioPlayer } from '../scenario/scenarioPlayer';
import { UnitSimulator } from '../simulation/unitSimulator';
import { fixtureScenario, tempDir, writeFixturePack } from '../../tests/unit/gatewayFixtures';

const at = '2024-05-01T11:00:00.000Z';
const position = (unitId: string, lng: number) => ({
  type: 'unit.position',
  payload: { unitId, lng, lat: 35.49, heading: 0, speed: 10, at },
});
const alert = (id: string) => ({ type: 'alert', payload: { id } });

describe('feed log', () => {
  it('assigns strictly increasing seqs and replays after a seq with superseded positions compacted', () => {
    const log = new FeedLog(null);
    log.append({ messages: [position('U1', 1), alert('A1'), position('U2', 1)], sentAt: at }); // seqs 1-3
    log.append({ messages: [position('U1', 2), alert('A2')], sentAt: at }); // 4-5
    expect(log.headSeq).toBe(5);
    expect(log.since(0).map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(log.since(3).map((e) => e.seq)).toEqual([4, 5]);
    expect(log.since(5)).toEqual([]);
    // A malformed injected position (no unitId) cannot be compacted and is kept.
    log.append({ messages: [{ type: 'unit.position', payload: 'garbage' }], sentAt: at });
    expect(log.since(5).map((e) => e.payload)).toEqual(['garbage']);
  });

  it('persists seqs, frontier and command acks, and cuts off a torn last line', () => {
    const dir = tempDir();
    const first = new FeedLog(dir);
    first.append({ messages: [alert('A1'), position('U1', 1)], frontier: 3.5, sentAt: at });
    first.append({
      messages: [],
      commands: [{ commandId: 'cmd-0001', ack: { commandId: 'cmd-0001', ok: true } }],
      sentAt: at,
    });
    first.close();
    // A crash in the middle of a write leaves a line without its newline.
    fs.appendFileSync(path.join(dir, LOG_FILE), '{"entries":[{"seq":3,"type":"alert"');

    const second = new FeedLog(dir);
    expect(second.headSeq).toBe(2);
    expect(second.frontier).toBe(3.5);
    expect(second.commandAck('cmd-0001')).toEqual({ commandId: 'cmd-0001', ok: true });
    const [entry] = second.append({ messages: [alert('A2')], sentAt: at });
    expect(entry!.seq).toBe(3);
    second.close();
    const third = new FeedLog(dir);
    expect(third.since(0).map((e) => (e.payload as { id?: string }).id ?? e.type)).toEqual([
      'A1',
      'unit.position',
      'A2',
    ]);
    third.close();
  });

  it('rewrites the file without superseded positions once they pile up, keeping seqs', () => {
    const dir = tempDir();
    const log = new FeedLog(dir, false);
    log.append({ messages: [alert('A1')], sentAt: at });
    for (let i = 0; i < 21_000; i += 1000) {
      log.append({
        messages: Array.from({ length: 1000 }, (_, k) => position('U1', i + k)),
        frontier: i,
        sentAt: at,
      });
    }
    log.close();
    const size = fs.statSync(path.join(dir, LOG_FILE)).size;
    expect(size).toBeLessThan(100_000);
    const reopened = new FeedLog(dir);
    expect(reopened.headSeq).toBe(21_001);
    expect(reopened.since(0).map((e) => e.seq)).toEqual([1, 21_001]);
    expect(reopened.frontier).toBe(20_000);
    reopened.close();
  });
});

describe('scenario player', () => {
  async function player(loop: boolean) {
    const pack = await loadCityPack(writeFixturePack(tempDir()));
    const scenario = checkScenario(fixtureScenario(5), pack);
    const simulator = new UnitSimulator(buildRoadGraph(pack.roads.features), pack.units, pack.manifest.id);
    return new ScenarioPlayer(scenario, simulator, loop);
  }
  const wall = (s: number) => new Date(Date.UTC(2024, 4, 1, 11) + s * 1000).toISOString();
  const nonPositions = (messages: { type: string; payload: Record<string, unknown> }[]) =>
    messages
      .filter((m) => m.type !== 'unit.position')
      .map((m) => `${m.type}:${String(m.payload.id ?? m.payload.unitId ?? m.payload.cameraId)}`);

  it('yields the same events however the timeline is cut into windows', async () => {
    const p = await player(false);
    const whole = p.due(-1, 10, wall);
    const pieces = [-1, 0.3, 1, 1.0001, 2.7, 6, 10].flatMap((from, i, cuts) =>
      i + 1 < cuts.length ? p.due(from, cuts[i + 1]!, wall) : [],
    );
    expect(nonPositions(pieces)).toEqual(nonPositions(whole));
    expect(nonPositions(whole).slice(0, 4)).toEqual([
      'unit.status:U-CAR-1',
      'unit.status:U-EBIKE-1',
      'unit.status:U-FOOT-1',
      'alert:A-0001',
    ]);
    // Positions collapse to the last 2 s tick of the window.
    expect(whole.filter((m) => m.type === 'unit.position').map((m) => m.time)).toEqual([10, 10, 10]);
    const first = whole.find((m) => m.type === 'alert')!;
    expect(first.payload.reportedAt).toBe(wall(1));
  });

  it('loops with suffixed alert ids and stops after the end without --loop', async () => {
    const looping = await player(true);
    const once = await player(false);
    const L = looping.cycleSeconds;
    expect(nonPositions(once.due(L + 0.5, 3 * L, wall))).toEqual([]);
    const second = looping.due(L - 0.5, 2 * L - 0.5, wall).filter((m) => m.type === 'alert');
    expect(second.map((m) => m.payload.id)).toEqual([
      'A-0001-r1',
      'A-0002-r1',
      'A-0003-r1',
      'A-0004-r1',
      'A-0005-r1',
    ]);
    const dispatched = looping
      .due(L, L + 2, wall)
      .find((m) => m.type === 'unit.status' && m.payload.status === 'dispatched');
    expect(dispatched?.payload.alertId).toBe('A-0001-r1');
  });
});
