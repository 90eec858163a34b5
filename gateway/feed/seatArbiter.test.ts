import { afterEach, describe, expect, it } from 'vitest';
import { SeatArbiter } from './seatArbiter';
import { handleCommand, type CommandContext } from './commandHandler';
import { FeedLog, type WireEnvelope } from './feedLog';
import type { DispatchSimulator } from '../simulation/dispatchSimulator';
import { startGateway } from '../server';
import {
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../../tests/unit/gatewayFixtures';
import { GatewayEvents, type CommandAck } from '../../shared/protocol/feed';
import type { SeatRef } from '../../shared/protocol/seats';

const AT = '2026-12-06T10:00:00.000Z';
const seatA: SeatRef = { consoleId: 'console-a', operator: 'duty', role: 'duty_officer', seat: 'A' };
const seatB: SeatRef = { consoleId: 'console-b', operator: 'duty2', role: 'duty_officer', seat: 'B' };
const boss: SeatRef = { consoleId: 'console-s', operator: 'sup', role: 'supervisor', seat: 'S' };

/** Decides and applies, as the gateway does (append, then observe). */
function decide(arbiter: SeatArbiter, result: ReturnType<SeatArbiter['claim']>) {
  if (result.ok) arbiter.observe(result.messages);
  return result;
}

describe('SeatArbiter', () => {
  it('gives an unowned alert to the first claimer and tells the second who has it', () => {
    const a = new SeatArbiter();
    expect(decide(a, a.claim('X', seatA, 'claim', AT)).ok).toBe(true);
    const second = decide(a, a.claim('X', seatB, 'claim', AT));
    expect(second).toEqual({ ok: false, error: 'alert X is already claimed by duty at A' });
    expect(a.ownerOf('X')?.consoleId).toBe('console-a');
    // The owner's own seat claiming again changes nothing.
    expect(decide(a, a.claim('X', seatA, 'claim', AT))).toEqual({ ok: true, messages: [] });
  });

  it('lets only the owner step on an alert; a first step on an unowned alert claims it', () => {
    const a = new SeatArbiter();
    const step = {
      alertId: 'X',
      by: seatA,
      action: 'acknowledge',
      from: 'received',
      to: 'acknowledged',
      at: AT,
    };
    const first = decide(a, a.step(step));
    expect(first.ok && first.messages.map((m) => m.type)).toEqual(['alert.owner', 'alert.step']);
    const refused = a.step({ ...step, by: seatB, action: 'resolve' });
    expect(refused.ok === false && refused.error).toMatch(/claimed by duty at A/);
  });

  it('refuses a unit committed to another seat, names the commitment, and moves it only on an explicit reassignment', () => {
    const a = new SeatArbiter();
    decide(a, a.assign('U1', 'X', seatA, AT));
    decide(a, a.claim('Y', seatB, 'claim', AT));
    const refused = a.assign('U1', 'Y', seatB, AT);
    expect(refused.ok === false && refused.error).toBe(
      'unit U1 is committed to alert X by duty at A; reassign it explicitly to take it',
    );
    const taken = decide(a, a.assign('U1', 'Y', seatB, AT, true));
    expect(taken.ok && taken.messages[0]!.payload).toMatchObject({
      unitId: 'U1',
      alertId: 'Y',
      reassignedFrom: { alertId: 'X', by: { consoleId: 'console-a' } },
    });
    expect(a.commitmentOf('U1')?.alertId).toBe('Y');
    // A seat moving its own unit (a merge) needs no reassignment.
    decide(a, a.claim('Z', seatB, 'claim', AT));
    expect(a.assign('U1', 'Z', seatB, AT).ok).toBe(true);
  });

  it('frees a unit when it is released or its alert ends', () => {
    const a = new SeatArbiter();
    decide(a, a.assign('U1', 'X', seatA, AT));
    a.observe(a.release('U1', null, AT));
    expect(a.commitmentOf('U1')).toBeNull();
    decide(a, a.assign('U2', 'X', seatA, AT));
    decide(
      a,
      a.step({ alertId: 'X', by: seatA, action: 'resolve', from: 'on_scene', to: 'resolved', at: AT }),
    );
    expect(a.commitmentOf('U2')).toBeNull();
    expect(decide(a, a.claim('Y', seatB, 'claim', AT)).ok).toBe(true);
    expect(a.assign('U2', 'Y', seatB, AT).ok).toBe(true);
  });

  it('takeover and handoff are a supervisor’s (or, for a handoff, the owner’s)', () => {
    const a = new SeatArbiter();
    decide(a, a.claim('X', seatA, 'claim', AT));
    expect(a.claim('X', seatB, 'takeover', AT).ok).toBe(false);
    expect(a.claim('X', seatB, 'handoff', AT, seatB).ok).toBe(false);
    const took = decide(a, a.claim('X', boss, 'takeover', AT));
    expect(took.ok && took.messages[0]!.payload).toMatchObject({
      owner: { operator: 'sup' },
      previous: { operator: 'duty' },
      mode: 'takeover',
    });
    decide(a, a.claim('X', boss, 'handoff', AT, seatB));
    expect(a.ownerOf('X')?.consoleId).toBe('console-b');
    // The owner may hand its own alert on (shift handover).
    expect(decide(a, a.claim('X', seatB, 'handoff', AT, seatA)).ok).toBe(true);
  });

  it('rebuilds the same state from the log', () => {
    const a = new SeatArbiter();
    const log: { type: string; payload: unknown }[] = [];
    const keep = (r: ReturnType<SeatArbiter['claim']>) =>
      r.ok && (a.observe(r.messages), log.push(...r.messages));
    keep(a.claim('X', seatA, 'claim', AT));
    keep(a.assign('U1', 'X', seatA, AT));
    const b = new SeatArbiter();
    b.observe(log);
    expect(b.ownerOf('X')).toEqual(seatA);
    expect(b.assign('U1', 'Y', seatB, AT).ok).toBe(false);
  });
});

describe('claims through the command handler', () => {
  const ctxFor = (
    log: FeedLog,
    arbiter: SeatArbiter,
    consoleId: string,
    published: WireEnvelope[],
  ): CommandContext => ({
    log,
    unitIds: new Set(['U1']),
    publish: (e) => published.push(...e),
    now: () => Date.parse(AT),
    dispatch: { statusOf: () => 'available', apply: () => {} } as unknown as DispatchSimulator,
    scenarioTime: () => 0,
    arbiter,
    consoleId,
  });

  it('100 rounds, two seats at once, either first: exactly one winner each round, the loser told who won', () => {
    const log = new FeedLog(null, false);
    const arbiter = new SeatArbiter();
    const published: WireEnvelope[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const wins = { A: 0, B: 0 };
    for (let round = 0; round < 100; round++) {
      const alertId = `110-RACE-${round}`;
      const seats = random() < 0.5 ? [seatA, seatB] : [seatB, seatA];
      const acks = seats.map((by) =>
        handleCommand(
          { commandId: `claim-${round}-${by.seat}`, kind: 'alert.claim', payload: { alertId, by } },
          ctxFor(log, arbiter, by.consoleId, published),
        ),
      );
      expect(acks.filter((a) => a.ok)).toHaveLength(1);
      const loser = acks.find((a) => !a.ok)!;
      const winner = seats[acks.findIndex((a) => a.ok)]!;
      expect(loser.error).toBe(`alert ${alertId} is already claimed by ${winner.operator} at ${winner.seat}`);
      wins[winner.seat as 'A' | 'B']++;
    }
    expect(wins.A + wins.B).toBe(100);
    expect(wins.A).toBeGreaterThan(0);
    expect(wins.B).toBeGreaterThan(0);
    // One owner envelope per round, each with its seq, for every seat to see.
    expect(published.filter((e) => e.type === 'alert.owner')).toHaveLength(100);
  });

  it('trusts the connection’s console id over the one in the payload', () => {
    const log = new FeedLog(null, false);
    const arbiter = new SeatArbiter();
    const published: WireEnvelope[] = [];
    handleCommand(
      {
        commandId: 'claim-spoof-1',
        kind: 'alert.claim',
        payload: { alertId: 'X', by: { ...seatB, consoleId: 'console-a' } },
      },
      ctxFor(log, arbiter, 'console-b', published),
    );
    expect(arbiter.ownerOf('X')?.consoleId).toBe('console-b');
  });

  it('refuses a unit another seat committed, and a repeat of the refused command answers the same', () => {
    const log = new FeedLog(null, false);
    const arbiter = new SeatArbiter();
    const published: WireEnvelope[] = [];
    const assign = (id: string, by: SeatRef, alertId: string, reassign?: boolean) =>
      handleCommand(
        {
          commandId: id,
          kind: 'unit.assign',
          payload: { unitId: 'U1', alertId, lng: 112.8, lat: 35.5, by, ...(reassign ? { reassign } : {}) },
        },
        ctxFor(log, arbiter, by.consoleId, published),
      );
    expect(assign('assign-a-1', seatA, 'X').ok).toBe(true);
    const refused = assign('assign-b-1', seatB, 'Y');
    expect(refused).toMatchObject({
      ok: false,
      error: 'unit U1 is committed to alert X by duty at A; reassign it explicitly to take it',
    });
    expect(assign('assign-b-1', seatB, 'Y')).toMatchObject({ ok: false, duplicate: true });
    expect(assign('assign-b-2', seatB, 'Y', true).ok).toBe(true);
    expect(published.filter((e) => e.type === 'unit.status')).toHaveLength(2);
  });
});

describe('claim race over sockets', () => {
  const cleanup: (() => unknown)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('two seats emit a claim for the same alert at the same moment: one wins, both see the same owner envelope', async () => {
    const dir = tempDir();
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(1));
    const gateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port: 0,
      speed: 1,
      tickMs: 50,
      fsync: false,
    });
    cleanup.push(() => gateway.close());
    const clients: RecordingClient[] = [seatA, seatB].map((s) =>
      recordingClient(gateway.url, { consoleId: s.consoleId }),
    );
    for (const c of clients) cleanup.push(() => c.close());
    await waitFor(() => clients.every((c) => c.socket.connected), 5000, 'both seats connected');
    for (let round = 0; round < 20; round++) {
      const alertId = `110-SOCKET-${round}`;
      const acks = (await Promise.all(
        [seatA, seatB].map((by, i) =>
          clients[i]!.socket.timeout(5000).emitWithAck(GatewayEvents.command, {
            commandId: `race-${round}-${by.seat}`,
            kind: 'alert.claim',
            payload: { alertId, by },
          }),
        ),
      )) as CommandAck[];
      expect(acks.filter((a) => a.ok)).toHaveLength(1);
    }
    const owners = (c: RecordingClient) =>
      c.envelopes
        .filter((e) => e.type === 'alert.owner')
        .map((e) => [e.seq, (e.payload as { owner: SeatRef }).owner.consoleId]);
    await waitFor(() => clients.every((c) => owners(c).length === 20), 5000, 'owner envelopes on both seats');
    expect(owners(clients[0]!)).toEqual(owners(clients[1]!));
  });
});
