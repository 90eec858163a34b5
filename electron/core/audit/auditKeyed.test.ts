/**
 * The keyed audit chain (issue 17, defect 4): the attack — drop the triggers, delete
 * 201 entries, re-attribute a dispatch, recompute every hash — must fail verification; so must
 * cutting the log back past an anchored head, and rewriting a legacy (plain-hash) prefix.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../db/database';
import { MIGRATIONS } from '../db/migrations';
import { tempDir } from '../../../tests/unit/fixtures';
import { runCli } from '../../cli/main';
import { AuditLog } from './auditLog';
import { GENESIS_HASH, auditEntryHash, auditEntryHmac } from './auditChain';
import { auditKeyPath, fileAuditKeyProvider } from './auditKey';

interface Row {
  seq: number;
  at: string;
  operator: string;
  action: string;
  subject: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** What the attacker does with write access to the database file: rewrite the log whole. */
function rewriteWhole(
  db: Db,
  rehash: (fields: Parameters<typeof auditEntryHash>[0]) => string,
  alg: string,
): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 50 AND 250').run();
  db.prepare("UPDATE audit_log SET operator = 'trainee' WHERE action = 'alert.dispatch'").run();
  const rows = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq').all();
  db.prepare('DELETE FROM audit_log').run();
  const insert = db.prepare(
    'INSERT INTO audit_log (seq, at, operator, action, subject, payload, prev_hash, hash, alg) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let prevHash = GENESIS_HASH;
  rows.forEach((r, i) => {
    const seq = i + 1;
    const hash = rehash({
      seq,
      at: r.at,
      operator: r.operator,
      action: r.action,
      subject: r.subject,
      payloadJson: r.payload,
      prevHash,
    });
    insert.run(seq, r.at, r.operator, r.action, r.subject, r.payload, prevHash, hash, alg);
    prevHash = hash;
  });
}

describe('keyed audit chain', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let log: AuditLog;
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const code = await runCli(['audit', 'verify', '--data-dir', tmp.dir, ...argv], {
      stdout: (t) => void out.push(t),
      stderr: (t) => void out.push(t),
    });
    return { code, out: out.join('') };
  };
  beforeEach(() => {
    tmp = tempDir('audit-keyed-');
    db = openDatabase(tmp.dir);
    log = new AuditLog(db, { key: fileAuditKeyProvider(tmp.dir) });
    for (let i = 1; i <= 300; i++) {
      const dispatch = i === 260;
      log.append({
        operator: 'duty',
        action: dispatch ? 'alert.dispatch' : 'alert.acknowledge',
        subject: `alert:A${i}`,
        payload: dispatch ? { unitIds: ['U05'] } : { i },
      });
    }
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('keeps its key in a 0600 file beside the data folder, never inside it', () => {
    const file = auditKeyPath(tmp.dir);
    expect(file).toBe(`${tmp.dir}.audit-key`);
    expect(path.dirname(file)).toBe(path.dirname(tmp.dir));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE alg = 'hmac-sha256'").pluck().get()).toBe(300);
  });

  it('an intact log verifies, in the core and with the CLI', async () => {
    expect(log.verify()).toMatchObject({ ok: true, entries: 300, legacyEntries: 0 });
    expect(await cli()).toMatchObject({ code: 0 });
  });

  it("fails the issue's attack: triggers dropped, 201 entries deleted, a dispatch re-attributed, every plain hash recomputed", async () => {
    rewriteWhole(db, auditEntryHash, 'sha256');
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(99);
    expect(log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/no keyed entry/) });
    const { code, out } = await cli();
    expect(code).toBe(1);
    expect(JSON.parse(out.split('\n')[0]!)).toMatchObject({ ok: false });
  });

  it('fails the same attack with HMACs under a key the attacker made up', () => {
    rewriteWhole(db, (fields) => auditEntryHmac(Buffer.alloc(32, 1), fields), 'hmac-sha256');
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 1,
      reason: 'HMAC does not match the entry (rewritten, or another key)',
    });
  });

  it('fails a log cut back past an anchored head with --anchor; without the anchor the cut is invisible', async () => {
    const anchor = log.head().hash;
    db.exec('DROP TRIGGER audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE seq > 290').run();
    expect(log.verify()).toMatchObject({ ok: true, entries: 290 });
    expect(log.verify({ anchor })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/anchored head .* is not in the chain/),
    });
    expect(await cli('--anchor', anchor)).toMatchObject({ code: 1 });
    const kept = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log WHERE seq = 100').get()!.hash;
    expect(log.verify({ anchor: kept })).toMatchObject({ ok: true, anchorSeq: 100 });
    expect(await cli('--anchor', kept)).toMatchObject({ code: 0 });
    expect(await cli('--anchor', 'not-a-hash')).toMatchObject({ code: 2 });
  });

  it('refuses to verify without the key, and never makes a new one', async () => {
    db.close();
    const file = auditKeyPath(tmp.dir);
    writeFileSync(file, 'damaged\n');
    expect(() => fileAuditKeyProvider(tmp.dir).key()).toThrow(/not an audit key/);
    expect((await cli()).code).toBe(1);
    db = openDatabase(tmp.dir);
    const { rmSync } = await import('node:fs');
    rmSync(file);
    const result = await cli();
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/no audit key at/);
    expect(existsSync(file)).toBe(false);
  });
});

describe('a log from before the keyed chain (schema version 3)', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.cleanup());

  /** Writes `n` plain-hash entries as the version-3 console did, then upgrades the database. */
  function legacyLog(n: number): Db {
    tmp = tempDir('audit-legacy-');
    const old = openDatabase(
      tmp.dir,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    const insert = old.prepare(
      'INSERT INTO audit_log (seq, at, operator, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq++) {
      const fields = {
        seq,
        at: `2026-11-20T11:00:${String(seq).padStart(2, '0')}.000Z`,
        operator: 'duty',
        action: 'alert.acknowledge',
        subject: `alert:A${seq}`,
        payloadJson: `{"i":${seq}}`,
        prevHash,
      };
      const hash = auditEntryHash(fields);
      insert.run(
        seq,
        fields.at,
        fields.operator,
        fields.action,
        fields.subject,
        fields.payloadJson,
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    old.close();
    return openDatabase(tmp.dir);
  }

  it('keeps the old entries verifiable as a legacy prefix once the keyed seal covers them', () => {
    const db = legacyLog(5);
    const log = new AuditLog(db, { key: fileAuditKeyProvider(tmp.dir) });
    expect(log.verify()).toMatchObject({ ok: false, reason: expect.stringMatching(/no keyed entry/) });
    const seal = log.sealLegacy()!;
    expect(seal).toMatchObject({
      seq: 6,
      action: 'audit.keyed',
      payload: { legacyEntries: 5, keySource: `${tmp.dir}.audit-key` },
    });
    expect(log.sealLegacy()).toBeNull();
    log.append({ operator: 'duty', action: 'alert.dispatch', subject: 'alert:A1' });
    expect(log.verify()).toMatchObject({ ok: true, entries: 7, legacyEntries: 5 });
    db.close();
  });

  it('fails a rewritten legacy prefix (its plain hashes recomputed) and a plain entry after the seal', () => {
    const db = legacyLog(5);
    const log = new AuditLog(db, { key: fileAuditKeyProvider(tmp.dir) });
    log.sealLegacy();
    db.exec('DROP TRIGGER audit_log_no_update;');
    const row = db.prepare<[], Row>('SELECT * FROM audit_log WHERE seq = 5').get()!;
    const forged = auditEntryHash({
      ...row,
      operator: 'trainee',
      payloadJson: row.payload,
      prevHash: row.prev_hash,
    });
    db.prepare("UPDATE audit_log SET operator = 'trainee', hash = ? WHERE seq = 5").run(forged);
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      reason: 'prev_hash does not match the previous entry',
    });
    db.prepare('UPDATE audit_log SET operator = ?, hash = ? WHERE seq = 5').run(row.operator, row.hash);
    const seal = db.prepare<[], Row>('SELECT * FROM audit_log WHERE seq = 6').get()!;
    db.prepare("UPDATE audit_log SET alg = 'sha256', hash = ? WHERE seq = 6").run(
      auditEntryHash({ ...seal, payloadJson: seal.payload, prevHash: seal.prev_hash }),
    );
    log.append({ operator: 'duty', action: 'x', subject: 'y' });
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 7,
      reason: 'keyed entries over plain ones without the audit.keyed seal',
    });
    db.close();
  });

  it('never seals a plain log under a key that already existed: that log was rewritten', () => {
    const db = legacyLog(3);
    fileAuditKeyProvider(tmp.dir).key();
    const log = new AuditLog(db, { key: fileAuditKeyProvider(tmp.dir) });
    expect(log.sealLegacy()).toBeNull();
    log.append({ operator: 'duty', action: 'x', subject: 'y' });
    expect(log.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      reason: 'keyed entries over plain ones without the audit.keyed seal',
    });
    db.close();
  });
});
