import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database';
import { tempDir } from '../../../tests/unit/fixtures';
import { fileAuditKeyProvider } from './auditKey';
import { newLifecycle, transition } from '../../../shared/domain/lifecycle';
import { runCli } from '../../cli/main';
import { AuditLog } from './auditLog';
import { GENESIS_HASH, auditEntryHash } from './auditChain';
import { canonicalJson } from './canonicalJson';
import path from 'node:path';
import { findAppRoot } from '../../../node/paths';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined, refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: '中' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":"中","z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(() => canonicalJson({ n: NaN })).toThrow(/\$\.n/);
    expect(() => canonicalJson({ d: new Date() })).toThrow(/plain objects/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});

describe('AuditLog', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: Db;
  let log: AuditLog;
  let tick = 0;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(tmp.dir);
    tick = 0;
    log = new AuditLog(db, {
      key: fileAuditKeyProvider(tmp.dir),
      now: () => new Date(Date.UTC(2026, 10, 20, 11, 0, tick++)),
    });
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  const fill = (n: number) => {
    for (let i = 1; i <= n; i++)
      log.append({
        operator: 'op1',
        action: 'alert.acknowledge',
        subject: `alert:A${i}`,
        payload: { i, note: '已接警' },
      });
  };

  it('chains entries from the genesis hash', () => {
    const first = log.append({ operator: 'op1', action: 'operator.login', subject: 'operator:op1' });
    const second = log.append({
      operator: 'op1',
      action: 'alert.dispatch',
      subject: 'alert:A1',
      payload: { unitIds: ['U1'], b: 2, a: 1 },
    });
    expect(first).toMatchObject({
      seq: 1,
      prevHash: GENESIS_HASH,
      payload: null,
      at: '2026-11-20T11:00:00.000Z',
    });
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare('SELECT payload FROM audit_log WHERE seq = 2').pluck().get()).toBe(
      '{"a":1,"b":2,"unitIds":["U1"]}',
    );
    expect(log.head()).toEqual({ seq: 2, hash: second.hash });
    expect(log.verify()).toEqual({ ok: true, entries: 2, headHash: second.hash, legacyEntries: 0 });
    expect(log.recent(10, 'alert:A1').map((e) => e.seq)).toEqual([2]);
    expect(log.recent(1)[0]!.payload).toEqual({ a: 1, b: 2, unitIds: ['U1'] });
  });

  it('verifies an empty log and refuses incomplete entries', () => {
    expect(log.verify()).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH, legacyEntries: 0 });
    expect(() => log.append({ operator: '', action: 'x', subject: 'y' })).toThrow(/operator/);
    expect(() => log.append({ operator: 'a', action: 'x', subject: 'y', at: 'now' })).toThrow(/invalid time/);
    expect(() =>
      log.append({ operator: 'a', action: 'x', subject: 'y', payload: { n: Infinity } }),
    ).toThrow();
  });

  it('commits and rolls back with the caller transaction', () => {
    db.transaction(() => log.append({ operator: 'op1', action: 'a', subject: 's' }))();
    expect(() =>
      db.transaction(() => {
        log.append({ operator: 'op1', action: 'b', subject: 's' });
        throw new Error('the recorded change failed');
      })(),
    ).toThrow('the recorded change failed');
    expect(log.head().seq).toBe(1);
    expect(log.verify().ok).toBe(true);
  });

  it('records lifecycle events', () => {
    const r = transition(
      newLifecycle({ id: 'A1', source: '110', receivedAt: '2026-11-20T11:00:00Z' }),
      { type: 'dispatch', unitIds: ['U1'] },
      { at: '2026-11-20T11:00:30Z', operator: 'op1' },
    );
    if (!r.ok) throw new Error(r.error.message);
    const entry = log.appendLifecycleEvent('A1', r.event);
    expect(entry).toMatchObject({
      at: '2026-11-20T11:00:30Z',
      operator: 'op1',
      action: 'alert.dispatch',
      subject: 'alert:A1',
      payload: {
        from: 'received',
        to: 'dispatched',
        note: null,
        data: { unitIds: ['U1'], reinforcement: false },
      },
    });
  });

  it('refuses UPDATE and DELETE through its triggers', () => {
    fill(2);
    expect(() => db.prepare("UPDATE audit_log SET operator = 'x' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(log.verify().ok).toBe(true);
  });

  describe('catches tampering by someone who dropped the triggers', () => {
    beforeEach(() => {
      fill(5);
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    });

    it('a changed payload', () => {
      db.prepare(`UPDATE audit_log SET payload = '{"i":3,"note":"已撤销"}' WHERE seq = 3`).run();
      expect(log.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        entries: 2,
        reason: 'HMAC does not match the entry (rewritten, or another key)',
      });
    });

    it('a changed row whose plain hash was recomputed', () => {
      const row = db
        .prepare<[], Record<string, string | number>>('SELECT * FROM audit_log WHERE seq = 3')
        .get()!;
      const payloadJson = '{"i":3,"note":"forged"}';
      const hash = auditEntryHash({
        seq: 3,
        at: String(row.at),
        operator: String(row.operator),
        action: String(row.action),
        subject: String(row.subject),
        payloadJson,
        prevHash: String(row.prev_hash),
      });
      db.prepare('UPDATE audit_log SET payload = ?, hash = ? WHERE seq = 3').run(payloadJson, hash);
      expect(log.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        reason: 'HMAC does not match the entry (rewritten, or another key)',
      });
    });

    it('a deleted row', () => {
      db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
      expect(log.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        reason: 'expected seq 2, found 3 (entries missing)',
      });
    });

    it('a payload rewritten to equal JSON in another form', () => {
      db.prepare(`UPDATE audit_log SET payload = '{"note":"已接警","i":1}' WHERE seq = 1`).run();
      expect(log.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 1,
        reason: 'payload is not in canonical form',
      });
    });

    it('and the CLI reports it with exit code 1', async () => {
      const out: string[] = [];
      const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
      expect(await runCli(['audit', 'verify', '--data-dir', tmp.dir], io)).toBe(0);
      expect(JSON.parse(out.pop()!)).toMatchObject({ ok: true, entries: 5 });
      db.prepare(`UPDATE audit_log SET operator = 'someone-else' WHERE seq = 4`).run();
      expect(await runCli(['audit', 'verify', '--data-dir', tmp.dir], io)).toBe(1);
      expect(JSON.parse(out.pop()!)).toMatchObject({ ok: false, entries: 3, firstBadSeq: 4 });
    });
  });
});

describe('audit verify CLI without a usable database', () => {
  it('fails without creating one; without --data-dir it checks the console default folder', async () => {
    const tmp = tempDir();
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t) };
    try {
      expect(await runCli(['audit', 'verify', '--data-dir', tmp.dir], io)).toBe(1);
      expect(err.join('')).toMatch(/no console database/);
      // The default is the folder `npm start` and the browser host use: named in the answer either way.
      const out: string[] = [];
      const code = await runCli(['audit', 'verify'], {
        stdout: (t) => void out.push(t),
        stderr: (t) => void out.push(t),
      });
      expect(code).not.toBe(2);
      expect(out.join('')).toContain(
        path.join(findAppRoot(process.cwd()), '.data', 'console', 'console.sqlite'),
      );
    } finally {
      tmp.cleanup();
    }
  });
});
