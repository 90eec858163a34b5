import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fixtureAlertId,
  fixtureScenario,
  recordingClient,
  tempDir,
  waitFor,
  writeFixture,
  type RecordingClient,
} from '../tests/unit/gatewayFixtures';
import { exited, killIfRunning, runGatewayProcess } from '../tests/unit/gatewayProcess';

const children: ChildProcess[] = [];
const clients: RecordingClient[] = [];
afterEach(() => {
  clients.splice(0).forEach((c) => c.close());
  children.splice(0).forEach(killIfRunning);
});

const runGateway = (args: string[]) => runGatewayProcess(args, (child) => children.push(child));

describe('gateway CLI', () => {
  it('survives SIGKILL mid-scenario: a resuming console misses nothing and gets nothing twice', async () => {
    const dir = tempDir();
    const alerts = 60;
    const { packDir, scenarioFile } = writeFixture(dir, fixtureScenario(alerts));
    // 60 alerts at speed 20: 3 s of real time, longer than a restart takes.
    const args = [
      '--scenario',
      scenarioFile,
      '--pack',
      packDir,
      '--speed',
      '20',
      '--state',
      path.join(dir, 'state'),
      '--tick-ms',
      '10',
    ];
    const first = await runGateway([...args, '--port', '0']);
    const c = recordingClient(first.url);
    clients.push(c);
    const alertIds = () =>
      c.envelopes.filter((e) => e.type === 'alert').map((e) => (e.payload as { id: string }).id);
    await waitFor(() => alertIds().length >= 5, 8000, 'first alerts');
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alertIds().length).toBeLessThan(alerts);

    const port = new URL(first.url).port;
    const second = await runGateway([...args, '--port', port]);
    await waitFor(() => alertIds().includes(fixtureAlertId(alerts)), 10_000, 'last alert');
    const seqs = c.envelopes.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    expect(alertIds()).toEqual(Array.from({ length: alerts }, (_, i) => fixtureAlertId(i + 1)));
    expect(c.hellos).toHaveLength(2);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });

  it('fails fast with a message when the pack is missing', async () => {
    const dir = tempDir();
    const { scenarioFile } = writeFixture(dir);
    await expect(
      runGateway(['--scenario', scenarioFile, '--pack', path.join(dir, 'nope'), '--port', '0']),
    ).rejects.toThrow(/pack\.json/);
  });
});
