import type { OperatorAccounts, OperatorAccount } from '../accounts/operatorAccounts';
import type { OperatorInfo } from '../../../shared/contract/dispatchContract';
import type { AuditLog } from '../audit/auditLog';
import type { OperatorRole } from '../../../shared/domain/lifecycle/permissions';
import { SignInThrottle, type ThrottleGate } from '../accounts/signInThrottle';

/** Why a sign-in was refused, in words the seat shows (the audit log has the details). */
function refusal(gate: Exclude<ThrottleGate, { ok: true }>): string {
  const where = gate.scope === 'seat' ? 'this seat' : 'this account';
  if (gate.retryAfterMs === null)
    return `${where} is locked after repeated failed sign-ins: a supervisor must unlock it`;
  return `${where} is ${gate.reason === 'locked' ? 'locked' : 'paused'} after failed sign-ins: try again in ${Math.ceil(gate.retryAfterMs / 1000)} s`;
}

/** The operator signed in at this seat (one console = one seat; the wall view shares it). */
export class OperatorSession {
  private current: OperatorInfo | null = null;

  constructor(
    private readonly accounts: OperatorAccounts,
    private readonly audit: AuditLog,
    private readonly onChange: (operator: OperatorInfo | null) => void,
    /** Failed-attempt delays and lockouts; the database's, by default. */
    readonly throttle: SignInThrottle = new SignInThrottle(accounts.database),
  ) {}

  get operator(): OperatorInfo | null {
    return this.current;
  }

  /**
   * Checks a name and password at this seat through the throttle, auditing every failure and
   * lockout under `purpose` (`signIn`, or `confirm` when a supervisor confirms a trainee's step).
   */
  async authenticate(
    username: string,
    password: string,
    purpose: 'signIn' | 'confirm' = 'signIn',
  ): Promise<OperatorAccount> {
    const action = `operator.${purpose}`;
    const gate = this.throttle.check(username);
    if (!gate.ok) {
      this.audit.append({
        operator: 'anonymous',
        action: `${action}.refused`,
        subject: `operator:${username}`,
        payload: { scope: gate.scope, reason: gate.reason, retryAfterMs: gate.retryAfterMs },
      });
      throw new Error(refusal(gate));
    }
    const result = await this.accounts.verify(username, password);
    if (!result.ok) {
      const counts = this.throttle.recordFailure(username);
      // Failed sign-ins are audited too: a command center wants to see guessing.
      this.audit.append({
        operator: 'anonymous',
        action: `${action}.failed`,
        subject: `operator:${username}`,
        payload: {
          reason: result.reason,
          accountFailures: counts.accountFailures,
          seatFailures: counts.seatFailures,
        },
      });
      for (const scope of counts.lockedNow) {
        this.audit.append({
          operator: 'system',
          action: 'operator.lockedOut',
          subject: scope === 'seat' ? 'seat' : `operator:${username}`,
          payload: { scope, failures: scope === 'seat' ? counts.seatFailures : counts.accountFailures },
        });
      }
      throw new Error(result.reason === 'disabled' ? 'account disabled' : 'wrong username or password');
    }
    this.throttle.recordSuccess(username);
    return result.account;
  }

  async signIn(username: string, password: string): Promise<OperatorInfo> {
    const account = await this.authenticate(username, password, 'signIn');
    this.current = { username: account.username, displayName: account.displayName, role: account.role };
    this.audit.append({
      operator: this.current.username,
      action: 'operator.signIn',
      subject: `operator:${this.current.username}`,
    });
    this.onChange(this.current);
    return this.current;
  }

  /**
   * The seat passes to an officer whose credentials were just checked (authenticate) at a shift
   * handover: signed in like a sign-in, audited as one, with how it happened.
   */
  takeOverSeat(account: OperatorAccount, via: string): OperatorInfo {
    this.current = { username: account.username, displayName: account.displayName, role: account.role };
    this.audit.append({
      operator: this.current.username,
      action: 'operator.signIn',
      subject: `operator:${this.current.username}`,
      payload: { via },
    });
    this.onChange(this.current);
    return this.current;
  }

  signOut(): void {
    if (this.current)
      this.audit.append({
        operator: this.current.username,
        action: 'operator.signOut',
        subject: `operator:${this.current.username}`,
      });
    this.current = null;
    this.onChange(null);
  }

  require(): OperatorInfo {
    if (!this.current) throw new Error('sign in first: every action is attributed to an operator');
    return this.current;
  }

  /** The signed-in operator, who must have one of `roles` (`what` names the control in the error). */
  requireRole(roles: readonly OperatorRole[], what: string): OperatorInfo {
    const operator = this.require();
    if (!roles.includes(operator.role))
      throw new Error(`${what} needs ${roles.join(' or ')}; ${operator.username} is ${operator.role}`);
    return operator;
  }

  /** A supervisor clears an account's (or, without a name, the seat's) failed sign-ins and lock. */
  unlock(username: string | null): { unlocked: boolean } {
    const supervisor = this.requireRole(['supervisor'], 'unlocking a sign-in');
    const unlocked = username === null ? this.throttle.unlockSeat() : this.throttle.unlockAccount(username);
    this.audit.append({
      operator: supervisor.username,
      action: 'operator.unlocked',
      subject: username === null ? 'seat' : `operator:${username}`,
      payload: { unlocked },
    });
    return { unlocked };
  }
}
