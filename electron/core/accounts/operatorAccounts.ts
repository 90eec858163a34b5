/**
 * Local operator accounts (值班员账号): who sits at the console, with which role. Stored in the
 * console database; passwords only as scrypt hashes. Accounts are disabled, never deleted, so
 * the audit log's operator names always resolve to a person.
 */
import type { Db } from '../db/database';
import { isOperatorRole, type OperatorRole } from '../../../shared/domain/lifecycle/permissions';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword, type ScryptParams } from './passwordHash';

export interface OperatorAccount {
  username: string;
  displayName: string;
  role: OperatorRole;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

export interface NewOperator {
  username: string;
  displayName: string;
  role: OperatorRole;
  password: string;
}

export type LoginResult =
  | { ok: true; account: OperatorAccount }
  | { ok: false; reason: 'unknown_user' | 'disabled' | 'wrong_password' };

/** Badge numbers (警号) and short Latin names: lower-case letters, digits, `.`, `_`, `-`. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const MIN_PASSWORD_LENGTH = 8;

interface OperatorRow {
  username: string;
  display_name: string;
  role: OperatorRole;
  password_hash: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
}

const rowToAccount = (r: OperatorRow): OperatorAccount => ({
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  disabledAt: r.disabled_at,
});

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export class OperatorAccounts {
  private readonly insertStmt;
  private readonly byNameStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly disableStmt;
  private readonly enableStmt;
  private readonly passwordStmt;
  private readonly now: () => Date;
  private readonly params: ScryptParams;
  /** Hash of a random password, so unknown users cost as much as known ones (no name probing by timing). */
  private dummyHash: Promise<string> | null = null;

  constructor(
    /** The database the accounts live in (the sign-in throttle keeps its counts beside them). */
    readonly database: Db,
    options: { now?: () => Date; scrypt?: ScryptParams } = {},
  ) {
    const db = database;
    this.now = options.now ?? (() => new Date());
    this.params = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
    this.insertStmt = db.prepare(
      'INSERT INTO operators (username, display_name, role, password_hash, created_at, updated_at) VALUES (@username, @displayName, @role, @hash, @at, @at)',
    );
    this.byNameStmt = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE username = ?');
    this.listStmt = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY username');
    this.countStmt = db.prepare<[], { n: number }>(
      'SELECT COUNT(*) AS n FROM operators WHERE disabled_at IS NULL',
    );
    this.disableStmt = db.prepare(
      'UPDATE operators SET disabled_at = ?, updated_at = ? WHERE username = ? AND disabled_at IS NULL',
    );
    this.enableStmt = db.prepare(
      'UPDATE operators SET disabled_at = NULL, updated_at = ? WHERE username = ? AND disabled_at IS NOT NULL',
    );
    this.passwordStmt = db.prepare(
      'UPDATE operators SET password_hash = ?, updated_at = ? WHERE username = ?',
    );
  }

  /** Creates an account; throws on a taken or malformed name, an unknown role or a short password. */
  async create(input: NewOperator): Promise<OperatorAccount> {
    const username = normaliseUsername(input.username);
    if (!USERNAME.test(username))
      throw new Error(`invalid username "${input.username}": 2–32 of a-z 0-9 . _ -`);
    if (!isOperatorRole(input.role)) throw new Error(`unknown role "${String(input.role)}"`);
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > 50)
      throw new Error('display name must be 1–50 characters');
    checkPassword(input.password);
    if (this.byNameStmt.get(username)) throw new Error(`operator "${username}" already exists`);
    const hash = await hashPassword(input.password, this.params);
    const at = this.now().toISOString();
    // Checked again by the primary key: another create may have finished during the hashing.
    this.insertStmt.run({ username, displayName, role: input.role, hash, at });
    return this.get(username)!;
  }

  get(username: string): OperatorAccount | null {
    const row = this.byNameStmt.get(normaliseUsername(username));
    return row ? rowToAccount(row) : null;
  }

  list(): OperatorAccount[] {
    return this.listStmt.all().map(rowToAccount);
  }

  /** Enabled accounts; zero means the console has to be set up (see createFirstSupervisor). */
  activeCount(): number {
    return this.countStmt.get()!.n;
  }

  async verify(username: string, password: string): Promise<LoginResult> {
    const row = this.byNameStmt.get(normaliseUsername(username));
    if (!row) {
      this.dummyHash ??= hashPassword(String(Math.random()), this.params);
      await verifyPassword(password, await this.dummyHash);
      return { ok: false, reason: 'unknown_user' };
    }
    const matches = await verifyPassword(password, row.password_hash);
    if (!matches) return { ok: false, reason: 'wrong_password' };
    // Checked after the password so a disabled account cannot be told apart without it.
    if (row.disabled_at !== null) return { ok: false, reason: 'disabled' };
    return { ok: true, account: rowToAccount(row) };
  }

  /** Returns false when the account does not exist or is already disabled. */
  disable(username: string): boolean {
    const at = this.now().toISOString();
    return this.disableStmt.run(at, at, normaliseUsername(username)).changes === 1;
  }

  enable(username: string): boolean {
    return this.enableStmt.run(this.now().toISOString(), normaliseUsername(username)).changes === 1;
  }

  async setPassword(username: string, password: string): Promise<void> {
    checkPassword(password);
    const name = normaliseUsername(username);
    if (!this.byNameStmt.get(name)) throw new Error(`no operator "${name}"`);
    this.passwordStmt.run(await hashPassword(password, this.params), this.now().toISOString(), name);
  }
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH)
    throw new Error(`password must have at least ${MIN_PASSWORD_LENGTH} characters`);
}
