/**
 * Creating the first accounts. Nothing here runs by itself: the console calls one of these when
 * the operator asks for it (first-run setup, or `--demo`). Production has no default password:
 * the first supervisor's password comes from whoever sets the console up.
 */
import type { OperatorAccount, OperatorAccounts } from './operatorAccounts';

/**
 * First-run setup: creates a supervisor only while there is no enabled account, so it cannot be
 * used later to slip in a second administrator. Returns null when accounts already exist.
 */
export async function createFirstSupervisor(
  accounts: OperatorAccounts,
  input: { username: string; displayName: string; password: string },
): Promise<OperatorAccount | null> {
  if (accounts.activeCount() > 0) return null;
  return accounts.create({ ...input, role: 'supervisor' });
}

/**
 * The demo's password, documented in the README for drills on the synthetic city.
 * Only `seedDemoOperators` uses it; never seed demo accounts into a real command centre.
 */
export const DEMO_PASSWORD = 'demo-1234';

export const DEMO_OPERATORS = [
  { username: 'supervisor', displayName: '值班长（演示）', role: 'supervisor' },
  { username: 'duty', displayName: '值班员（演示）', role: 'duty_officer' },
  { username: 'trainee', displayName: '见习员（演示）', role: 'trainee' },
  { username: 'trainer', displayName: '教官（演示）', role: 'trainer' },
] as const;

/** Demo accounts, each with DEMO_PASSWORD; skips names that exist. Returns the ones created. */
export async function seedDemoOperators(accounts: OperatorAccounts): Promise<OperatorAccount[]> {
  const created: OperatorAccount[] = [];
  for (const op of DEMO_OPERATORS) {
    if (accounts.get(op.username)) continue;
    created.push(await accounts.create({ ...op, password: DEMO_PASSWORD }));
  }
  return created;
}
