import { describe, expect, it } from 'vitest';
import { ALERT_STATUSES } from '../alert';
import { LIFECYCLE_ACTIONS } from './lifecycleTypes';
import { actionsOf, checkPermission, isOperatorRole, OPERATOR_ROLES } from './permissions';

const live = (status: (typeof ALERT_STATUSES)[number]) => ({ status, drill: false });
const drill = (status: (typeof ALERT_STATUSES)[number]) => ({ status, drill: true });

describe('role permissions', () => {
  it('lets a supervisor do everything', () => {
    for (const action of LIFECYCLE_ACTIONS)
      for (const s of ALERT_STATUSES) expect(checkPermission('supervisor', action, live(s)).ok).toBe(true);
  });

  it('keeps trainees from closing, cancelling, merging or transferring live alerts, but not drills', () => {
    for (const action of ['close', 'cancel', 'merge', 'transfer'] as const) {
      expect(checkPermission('trainee', action, live('acknowledged'))).toEqual({
        ok: false,
        reason: `a trainee may ${action} drill alerts only`,
      });
      expect(checkPermission('trainee', action, drill('acknowledged')).ok).toBe(true);
    }
    for (const action of ['acknowledge', 'depart', 'arrive', 'resolve', 'recall'] as const)
      expect(checkPermission('trainee', action, live('received')).ok).toBe(true);
    expect(checkPermission('trainee', 'reopen', drill('closed'))).toEqual({
      ok: false,
      reason: 'a trainee may not reopen alerts',
    });
  });

  it("holds a trainee's dispatch on a live alert for a supervisor's confirmation; in a drill it is theirs", () => {
    for (const action of ['dispatch', 'reassign'] as const) {
      expect(checkPermission('trainee', action, live('acknowledged'))).toEqual({
        ok: false,
        reason: `a trainee's ${action} on a live alert needs a supervisor's confirmation`,
        needsConfirmation: true,
      });
      expect(
        checkPermission('trainee', action, { ...live('acknowledged'), supervisorConfirmed: true }).ok,
      ).toBe(true);
      expect(checkPermission('trainee', action, drill('acknowledged')).ok).toBe(true);
      expect(checkPermission('duty_officer', action, live('acknowledged')).ok).toBe(true);
    }
  });

  it('lets a trainer act on drill alerts only', () => {
    for (const action of LIFECYCLE_ACTIONS) {
      expect(checkPermission('trainer', action, live('acknowledged')).ok).toBe(false);
      expect(checkPermission('trainer', action, drill('acknowledged')).ok).toBe(true);
    }
  });

  it('lets a duty officer take back a returned or resolved case but not reopen a closed or cancelled one', () => {
    expect(checkPermission('duty_officer', 'reopen', live('transferred')).ok).toBe(true);
    expect(checkPermission('duty_officer', 'reopen', live('resolved')).ok).toBe(true);
    expect(checkPermission('duty_officer', 'reopen', live('closed'))).toEqual({
      ok: false,
      reason: 'a duty officer may not reopen a closed alert',
    });
    expect(checkPermission('duty_officer', 'reopen', drill('cancelled')).ok).toBe(false);
    expect(checkPermission('duty_officer', 'close', live('resolved')).ok).toBe(true);
  });

  it('lists roles and their actions', () => {
    expect(OPERATOR_ROLES).toEqual(['duty_officer', 'supervisor', 'trainee', 'trainer']);
    expect(actionsOf('trainee')).not.toContain('reopen');
    expect(actionsOf('duty_officer')).toContain('reopen');
    expect(isOperatorRole('supervisor')).toBe(true);
    expect(isOperatorRole('admin')).toBe(false);
    expect(checkPermission('admin' as never, 'close', live('resolved')).ok).toBe(false);
  });
});
