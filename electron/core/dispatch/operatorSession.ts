import type { OperatorAccounts } from '../accounts/operatorAccounts';
import type { OperatorInfo } from '../../../shared/contract/dispatchContract';
import type { AuditLog } from '../audit/auditLog';

/** The operator signed in at this seat (one console = one seat; the wall view shares it). */
export class OperatorSession {
  private current: OperatorInfo | null = null;

  constructor(
    private readonly accounts: OperatorAccounts,
    private readonly audit: AuditLog,
    private readonly onChange: (operator: OperatorInfo | null) => void,
  ) {}

  get operator(): OperatorInfo | null {
    return this.current;
  }

  async signIn(username: string, password: string): Promise<OperatorInfo> {
    const result = await this.accounts.verify(username, password);
    if (!result.ok) {
      // Failed sign-ins are audited too: a command center wants to see guessing.
      this.audit.append({ operator: `anonymous`, action: 'operator.signIn.failed', subject: `operator:${username}`, payload: { reason: result.reason } });
      throw new Error(result.reason === 'disabled' ? 'account disabled' : 'wrong username or password');
    }
    this.current = { username: result.account.username, displayName: result.account.displayName, role: result.account.role };
    this.audit.append({ operator: this.current.username, action: 'operator.signIn', subject: `operator:${this.current.username}` });
    this.onChange(this.current);
    return this.current;
  }

  signOut(): void {
    if (this.current) this.audit.append({ operator: this.current.username, action: 'operator.signOut', subject: `operator:${this.current.username}` });
    this.current = null;
    this.onChange(null);
  }

  require(): OperatorInfo {
    if (!this.current) throw new Error('sign in first: every action is attributed to an operator');
    return this.current;
  }
}
