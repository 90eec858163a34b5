import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES, type AlertStatus } from '../alert';
import { newLifecycle, replay, transition } from './stateMachine';
import { legalActions } from './transitionTable';
import {
  LIFECYCLE_ACTIONS,
  type AlertLifecycle,
  type LifecycleAction,
  type LifecycleActionType,
  type LifecycleEvent,
} from './lifecycleTypes';

const AT = '2026-11-20T19:00:00+08:00';
const ctx = { at: '2026-11-20T19:02:00+08:00', operator: 'op1' };

/**
 * The transition table, restated here on purpose (not imported): every (status, action) pair
 * with the status it leads to, or '-' when illegal. `=` means legal and the status stays.
 */
const TABLE: Record<AlertStatus, Record<LifecycleActionType, AlertStatus | '-' | '='>> = {
  //            acknowledge     dispatch       depart       arrive        resolve       close     merge      transfer        cancel       reopen          reassign   recall
  received: {
    acknowledge: 'acknowledged',
    dispatch: 'dispatched',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: '-',
    merge: 'merged',
    transfer: 'transferred',
    cancel: 'cancelled',
    reopen: '-',
    reassign: '-',
    recall: '-',
  },
  acknowledged: {
    acknowledge: '-',
    dispatch: 'dispatched',
    depart: '-',
    arrive: '-',
    resolve: 'resolved',
    close: '-',
    merge: 'merged',
    transfer: 'transferred',
    cancel: 'cancelled',
    reopen: '-',
    reassign: '-',
    recall: '-',
  },
  dispatched: {
    acknowledge: '-',
    dispatch: '=',
    depart: 'en_route',
    arrive: 'on_scene',
    resolve: '-',
    close: '-',
    merge: 'merged',
    transfer: '-',
    cancel: 'cancelled',
    reopen: '-',
    reassign: 'dispatched',
    recall: 'acknowledged',
  },
  en_route: {
    acknowledge: '-',
    dispatch: '=',
    depart: '-',
    arrive: 'on_scene',
    resolve: '-',
    close: '-',
    merge: 'merged',
    transfer: '-',
    cancel: 'cancelled',
    reopen: '-',
    reassign: 'dispatched',
    recall: 'acknowledged',
  },
  on_scene: {
    acknowledge: '-',
    dispatch: '=',
    depart: '-',
    arrive: '-',
    resolve: 'resolved',
    close: '-',
    merge: 'merged',
    transfer: '-',
    cancel: '-',
    reopen: '-',
    reassign: '-',
    recall: 'acknowledged',
  },
  resolved: {
    acknowledge: '-',
    dispatch: '-',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: 'closed',
    merge: '-',
    transfer: '-',
    cancel: '-',
    reopen: 'acknowledged',
    reassign: '-',
    recall: '-',
  },
  closed: {
    acknowledge: '-',
    dispatch: '-',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: '-',
    merge: '-',
    transfer: '-',
    cancel: '-',
    reopen: 'acknowledged',
    reassign: '-',
    recall: '-',
  },
  merged: {
    acknowledge: '-',
    dispatch: '-',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: '-',
    merge: '-',
    transfer: '-',
    cancel: '-',
    reopen: '-',
    reassign: '-',
    recall: '-',
  },
  transferred: {
    acknowledge: '-',
    dispatch: '-',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: 'closed',
    merge: '-',
    transfer: '-',
    cancel: '-',
    reopen: 'acknowledged',
    reassign: '-',
    recall: '-',
  },
  cancelled: {
    acknowledge: '-',
    dispatch: '-',
    depart: '-',
    arrive: '-',
    resolve: '-',
    close: '-',
    merge: '-',
    transfer: '-',
    cancel: '-',
    reopen: 'acknowledged',
    reassign: '-',
    recall: '-',
  },
};

/** A state in `status` that is otherwise consistent (units assigned where the status implies them). */
function stateIn(status: AlertStatus): AlertLifecycle {
  const withUnits = ['dispatched', 'en_route', 'on_scene'].includes(status);
  return {
    ...newLifecycle({ id: 'A1', source: '110', receivedAt: AT }),
    status,
    unitIds: withUnits ? ['U1'] : [],
    firstArrivalAt: ['on_scene', 'resolved', 'closed'].includes(status) ? '2026-11-20T19:01:30+08:00' : null,
    mergedInto: status === 'merged' ? 'A0' : null,
    transfer:
      status === 'transferred'
        ? { target: '12345', department: '12345热线', dueAt: '2026-11-21T19:00:00+08:00', at: AT }
        : null,
  };
}

/** A well-formed request for each action, valid wherever the action is legal. */
const VALID: Record<LifecycleActionType, LifecycleAction> = {
  acknowledge: { type: 'acknowledge' },
  dispatch: { type: 'dispatch', unitIds: ['U2'] },
  depart: { type: 'depart', unitId: 'U1' },
  arrive: { type: 'arrive', unitId: 'U1' },
  resolve: { type: 'resolve', result: '双方已调解' },
  close: { type: 'close', feedback: '回访满意' },
  merge: { type: 'merge', intoAlertId: 'A0' },
  transfer: {
    type: 'transfer',
    target: '12345',
    department: '12345热线',
    dueAt: '2026-11-21T19:00:00+08:00',
  },
  cancel: { type: 'cancel', reason: '报警人称误报' },
  reopen: { type: 'reopen', reason: '回访不满意' },
  reassign: { type: 'reassign', unitIds: ['U3'] },
  recall: { type: 'recall', unitId: 'U1' },
};

describe('lifecycle transition table', () => {
  it('covers every status and every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ALERT_STATUSES].sort());
    for (const row of Object.values(TABLE))
      expect(Object.keys(row).sort()).toEqual([...LIFECYCLE_ACTIONS].sort());
  });

  for (const status of ALERT_STATUSES) {
    for (const action of LIFECYCLE_ACTIONS) {
      const expected = TABLE[status][action];
      it(`${status} + ${action} → ${expected === '-' ? 'illegal' : expected === '=' ? status : expected}`, () => {
        const result = transition(stateIn(status), VALID[action], ctx);
        if (expected === '-') {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('illegal_transition');
            expect(result.error.message).toMatch(new RegExp(`^cannot ${action}: alert (is|was merged)`));
          }
        } else {
          expect(result.ok, result.ok ? '' : result.error.message).toBe(true);
          if (result.ok) {
            const to = expected === '=' ? status : expected;
            expect(result.next.status).toBe(to);
            expect(result.event).toMatchObject({ at: ctx.at, operator: 'op1', from: status, to, action });
          }
        }
      });
    }
  }

  it('legalActions agrees with the table', () => {
    for (const status of ALERT_STATUSES) {
      expect(legalActions(status).sort()).toEqual(
        LIFECYCLE_ACTIONS.filter((a) => TABLE[status][a] !== '-').sort(),
      );
    }
  });
});

describe('lifecycle errors and effects', () => {
  const run = (state: AlertLifecycle, action: LifecycleAction) => transition(state, action, ctx);
  const error = (state: AlertLifecycle, action: LifecycleAction) => {
    const r = run(state, action);
    return r.ok ? null : r.error;
  };

  it('explains illegal transitions in words', () => {
    expect(error(stateIn('received'), VALID.depart)?.message).toBe(
      'cannot depart: alert is received, not dispatched',
    );
    expect(error(stateIn('received'), VALID.arrive)?.message).toBe(
      'cannot arrive: alert is received, not dispatched or en route',
    );
    expect(error(stateIn('closed'), VALID.dispatch)?.message).toBe(
      'cannot dispatch: alert is closed, not received, acknowledged, dispatched, en route or on scene',
    );
    expect(error(stateIn('merged'), VALID.reopen)?.message).toBe('cannot reopen: alert was merged into A0');
  });

  it('rejects bad requests for legal actions as invalid_action', () => {
    const cases: [AlertStatus, LifecycleAction, RegExp][] = [
      ['received', { type: 'dispatch', unitIds: [] }, /no unit given/],
      ['dispatched', { type: 'dispatch', unitIds: ['U1'] }, /U1 already assigned/],
      ['dispatched', { type: 'depart', unitId: 'U9' }, /unit U9 is not assigned/],
      ['en_route', { type: 'arrive', unitId: 'U9' }, /unit U9 is not assigned/],
      ['on_scene', { type: 'resolve', result: '  ' }, /result is required/],
      ['resolved', { type: 'close', feedback: '' }, /feedback is required/],
      ['received', { type: 'merge', intoAlertId: 'A1' }, /cannot be merged into itself/],
      ['received', { type: 'merge', intoAlertId: '' }, /no target alert/],
      [
        'received',
        { type: 'transfer', target: '110', department: '110', dueAt: '2026-11-21T00:00:00Z' },
        /already with 110/,
      ],
      [
        'received',
        { type: 'transfer', target: 'department', department: '', dueAt: '2026-11-21T00:00:00Z' },
        /department is required/,
      ],
      [
        'received',
        { type: 'transfer', target: 'department', department: '城管', dueAt: 'soon' },
        /due time is required/,
      ],
      [
        'received',
        { type: 'transfer', target: 'department', department: '城管', dueAt: '2026-11-20T10:00:00Z' },
        /must be in the future/,
      ],
      ['received', { type: 'cancel', reason: '' }, /reason is required/],
      ['closed', { type: 'reopen', reason: '' }, /reason is required/],
      ['dispatched', { type: 'reassign', unitIds: ['U1'] }, /already assigned/],
      ['en_route', { type: 'reassign', unitIds: [] }, /no unit given/],
    ];
    for (const [status, action, message] of cases) {
      const e = error(stateIn(status), action);
      expect(e?.code, `${status} ${action.type}`).toBe('invalid_action');
      expect(e?.message).toMatch(message);
    }
    expect(
      transition(stateIn('received'), VALID.acknowledge, { at: 'yesterday', operator: 'op1' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_action' } });
    expect(transition(stateIn('received'), VALID.acknowledge, { at: AT, operator: ' ' })).toMatchObject({
      ok: false,
      error: { message: 'cannot acknowledge: no operator' },
    });
    expect(transition(stateIn('received'), { type: 'teleport' } as never, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid_action' },
    });
  });

  it('lets a 12345 alert go to 110 and either to a department', () => {
    const from12345 = { ...stateIn('received'), source: '12345' as const };
    expect(
      run(from12345, {
        type: 'transfer',
        target: '110',
        department: '110指挥中心',
        dueAt: '2026-11-20T20:00:00+08:00',
      }).ok,
    ).toBe(true);
    expect(
      run(from12345, {
        type: 'transfer',
        target: '12345',
        department: 'x',
        dueAt: '2026-11-20T20:00:00+08:00',
      }).ok,
    ).toBe(false);
    const r = run(stateIn('acknowledged'), {
      type: 'transfer',
      target: 'department',
      department: '市城管局',
      dueAt: '2026-11-22T19:00:00+08:00',
    });
    expect(r.ok && r.next.transfer).toEqual({
      target: 'department',
      department: '市城管局',
      dueAt: '2026-11-22T19:00:00+08:00',
      at: ctx.at,
    });
    expect(r.ok && r.event.note).toBe('市城管局');
  });

  it('tracks units: reinforcement adds, reassign replaces, terminal steps release', () => {
    const reinforced = run(stateIn('en_route'), { type: 'dispatch', unitIds: ['U1', 'U2'] });
    expect(reinforced.ok && [reinforced.next.status, reinforced.next.unitIds, reinforced.event.data]).toEqual(
      ['en_route', ['U1', 'U2'], { unitIds: ['U2'], reinforcement: true }],
    );
    const reassigned = run(stateIn('en_route'), { type: 'reassign', unitIds: ['U3'] });
    expect(
      reassigned.ok && [
        reassigned.next.status,
        reassigned.next.unitIds,
        reassigned.event.data.releasedUnitIds,
      ],
    ).toEqual(['dispatched', ['U3'], ['U1']]);
    const cancelled = run(stateIn('dispatched'), VALID.cancel);
    expect(
      cancelled.ok && [cancelled.next.unitIds, cancelled.event.data.releasedUnitIds, cancelled.event.note],
    ).toEqual([[], ['U1'], '报警人称误报']);
    const merged = run(stateIn('on_scene'), VALID.merge);
    expect(merged.ok && [merged.next.mergedInto, merged.event.data]).toEqual([
      'A0',
      { intoAlertId: 'A0', releasedUnitIds: ['U1'] },
    ]);
  });

  it('recalls one unit: the others carry on; recalling the last one asks for a fresh dispatch', () => {
    const two = { ...stateIn('on_scene'), unitIds: ['U1', 'U2'] };
    const one = run(two, { type: 'recall', unitId: 'U1' });
    expect(one.ok && [one.next.status, one.next.unitIds, one.event.data]).toEqual([
      'on_scene',
      ['U2'],
      { unitId: 'U1', releasedUnitIds: ['U1'] },
    ]);
    const last = run(stateIn('en_route'), { type: 'recall', unitId: 'U1' });
    expect(last.ok && [last.next.status, last.next.unitIds]).toEqual(['acknowledged', []]);
    expect(run(two, { type: 'recall', unitId: 'U9' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_action', message: 'cannot recall: unit U9 is not assigned to this alert' },
    });
  });

  it('records the first arrival only once, with the response time', () => {
    const dispatched = { ...stateIn('dispatched'), unitIds: ['U1', 'U2'] };
    const first = run(dispatched, { type: 'arrive', unitId: 'U2' });
    expect(first.ok && [first.next.firstArrivalAt, first.event.data]).toEqual([
      ctx.at,
      { unitId: 'U2', responseSeconds: 120 },
    ]);
  });

  it('reopens to acknowledged, clearing the outcome but keeping the original first arrival', () => {
    const closed = { ...stateIn('closed'), result: '已处置', feedback: '满意' };
    const r = run(closed, VALID.reopen);
    expect(r.ok && r.next).toMatchObject({
      status: 'acknowledged',
      result: null,
      feedback: null,
      firstArrivalAt: closed.firstArrivalAt,
      unitIds: [],
    });
  });

  it('runs the whole closed loop and replays it from its events', () => {
    let state = newLifecycle({ id: 'A1', source: '110', receivedAt: AT });
    const events: LifecycleEvent[] = [];
    const steps: [string, LifecycleAction][] = [
      ['19:00:20', { type: 'acknowledge', note: '已接警' }],
      ['19:00:40', { type: 'dispatch', unitIds: ['U1'] }],
      ['19:00:50', { type: 'depart', unitId: 'U1' }],
      ['19:01:10', { type: 'dispatch', unitIds: ['U2'] }],
      ['19:03:40', { type: 'arrive', unitId: 'U1' }],
      ['19:30:00', { type: 'resolve', result: '嫌疑人已控制' }],
      ['20:00:00', { type: 'close', feedback: '回访满意' }],
    ];
    for (const [time, action] of steps) {
      const r = transition(state, action, { at: `2026-11-20T${time}+08:00`, operator: 'op1' });
      expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
      if (!r.ok) return;
      state = r.next;
      events.push(r.event);
    }
    expect(events.map((e) => `${e.from}>${e.to}`)).toEqual([
      'received>acknowledged',
      'acknowledged>dispatched',
      'dispatched>en_route',
      'en_route>en_route',
      'en_route>on_scene',
      'on_scene>resolved',
      'resolved>closed',
    ]);
    expect(events[0]!.note).toBe('已接警');
    expect(state).toMatchObject({
      status: 'closed',
      unitIds: ['U1', 'U2'],
      firstArrivalAt: '2026-11-20T19:03:40+08:00',
      result: '嫌疑人已控制',
      feedback: '回访满意',
    });
    const replayed = replay(
      newLifecycle({ id: 'A1', source: '110', receivedAt: AT }),
      JSON.parse(JSON.stringify(events)),
    );
    expect(replayed).toEqual({ ok: true, state });
    const corrupt = replay(newLifecycle({ id: 'A1', source: '110', receivedAt: AT }), events.slice(2));
    expect(corrupt).toMatchObject({ ok: false, index: 0, error: { code: 'illegal_transition' } });
  });

  it('never modifies the state it is given', () => {
    const state = Object.freeze({ ...stateIn('dispatched'), unitIds: Object.freeze(['U1']) });
    expect(run(state, VALID.reassign).ok).toBe(true);
    expect(state.unitIds).toEqual(['U1']);
  });
});
