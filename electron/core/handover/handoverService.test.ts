import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchHarness } from '../../../tests/unit/dispatchHarness';
import { DEMO_PASSWORD } from '../accounts/seed';
import { HandoverService } from './handoverService';
import { tempDir } from '../../../tests/unit/fixtures';

describe('shift handover', () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((f) => f()));

  async function setup() {
    const h = await dispatchHarness({ alerts: [{ id: 'A-OPEN' }, { id: 'A-OUT' }, { id: 'A-DONE' }] });
    const out = tempDir();
    cleanup.push(() => {
      h.close();
      out.cleanup();
    });
    h.service.act('A-OPEN', { type: 'acknowledge' });
    h.service.act('A-OUT', { type: 'dispatch', unitIds: ['U01'] });
    h.status({ unitId: 'U01', status: 'dispatched', at: '2026-11-20T11:00:11Z', alertId: 'A-OUT' });
    h.service.act('A-DONE', { type: 'acknowledge' });
    h.service.act('A-DONE', { type: 'resolve', result: '电话处置' });
    const handover = new HandoverService({
      db: h.repo.db,
      repository: h.repo,
      audit: h.audit,
      session: h.session,
      transferred: () => h.service.transferred(),
      seatName: 'A',
      exportDir: out.dir,
      now: () => new Date('2026-11-20T20:00:00Z'),
    });
    return { ...h, handover, exportDir: out.dir };
  }

  it('lists the open cases and units out, is accepted by the incoming officer, both signed in a chain that verifies', async () => {
    const h = await setup();
    const draft = h.handover.draft();
    expect(draft.openCases.map((a) => a.id).sort()).toEqual(['A-OPEN', 'A-OUT']);
    expect(draft.unitsOut).toEqual([
      expect.objectContaining({ unitId: 'U01', status: 'dispatched', alertId: 'A-OUT' }),
    ]);

    const record = await h.handover.accept(
      { username: 'supervisor', password: DEMO_PASSWORD },
      '凤台小区盗窃案待回访',
    );
    expect(record).toMatchObject({ outgoing: 'duty', incoming: 'supervisor', notes: '凤台小区盗窃案待回访' });
    expect(h.session.operator?.username).toBe('supervisor');
    const entries = h.audit.recent(10);
    const given = entries.find((e) => e.action === 'shift.handover')!;
    const taken = entries.find((e) => e.action === 'shift.handover.accepted')!;
    expect(given).toMatchObject({
      operator: 'duty',
      seq: record.outgoingAuditSeq,
      payload: expect.objectContaining({
        to: 'supervisor',
        openCases: expect.arrayContaining(['A-OPEN', 'A-OUT']),
      }),
    });
    expect(taken).toMatchObject({
      operator: 'supervisor',
      seq: record.incomingAuditSeq,
      payload: { from: 'duty', handoverHash: given.hash },
    });
    expect(h.audit.verify().ok).toBe(true);

    const exported = h.handover.export(record.id);
    expect(fs.readFileSync(exported.path, 'utf8')).toBe(exported.html);
    expect(exported.html).toContain('A-OUT');
    expect(exported.html).toContain('凤台小区盗窃案待回访');
  });

  it('refuses a wrong password or the same officer, and stores nothing', async () => {
    const h = await setup();
    await expect(
      h.handover.accept({ username: 'supervisor', password: 'wrong-password' }, ''),
    ).rejects.toThrow(/wrong username or password/);
    await expect(h.handover.accept({ username: 'duty', password: DEMO_PASSWORD }, '')).rejects.toThrow(
      /someone else/,
    );
    expect(h.repo.db.prepare('SELECT COUNT(*) AS n FROM handovers').get()).toEqual({ n: 0 });
    expect(h.session.operator?.username).toBe('duty');
    expect(h.audit.verify().ok).toBe(true);
  });

  it('escapes what officers typed in the exported page', async () => {
    const h = await setup();
    const record = await h.handover.accept(
      { username: 'supervisor', password: DEMO_PASSWORD },
      '<script>alert(1)</script>',
    );
    expect(h.handover.export(record.id).html).not.toContain('<script>alert(1)');
  });
});
