/**
 * The outbox against the real drill gateway (in-process): a command queued while the gateway is
 * down is delivered once it comes up, and a retry after a lost ack is answered as a duplicate
 * without a second effect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { rmSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { startGateway } from '../../../gateway/server';
import type { RunningGateway } from '../../../gateway/gatewayTypes';
import {
  FIXTURE_UNITS,
  fixtureScenario,
  tempDir as gatewayTempDir,
  waitFor,
  writeFixture,
} from '../../../tests/unit/gatewayFixtures';
import type { WireEnvelope } from '../../../gateway/feed/feedLog';
import { GatewayEvents, type CommandAck, type ConsoleCommand } from '../../../shared/protocol/feed';
import { openDatabase } from '../db/database';
import { tempDir } from '../../../tests/unit/fixtures';
import { CommandOutbox } from './commandOutbox';
import { OutboxDispatcher, type OutboxEvent } from './outboxDispatcher';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A port nobody listens on yet, so the console can dial a gateway that is not up. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('outbox with the real gateway', () => {
  it('delivers a command queued while the gateway was down, once; a lost ack is retried as a duplicate', async () => {
    const [footUnit, ebikeUnit] = [FIXTURE_UNITS[2]!, FIXTURE_UNITS[1]!];
    const gatewayDir = gatewayTempDir();
    cleanup.push(() => rmSync(gatewayDir, { recursive: true, force: true }));
    const { packDir, scenarioFile } = writeFixture(gatewayDir, fixtureScenario(1));
    const consoleDir = tempDir();
    cleanup.push(consoleDir.cleanup);
    const db = openDatabase(consoleDir.dir);
    cleanup.push(() => db.close());
    const outbox = new CommandOutbox(db);

    // The console side: a socket that keeps dialling, and the feed it receives.
    const port = await freePort();
    const envelopes: WireEnvelope[] = [];
    const socket: Socket = io(`http://127.0.0.1:${port}`, {
      auth: (cb) => cb({ token: 'demo-token', since: envelopes.at(-1)?.seq ?? 0, consoleId: 'outbox-test' }),
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    cleanup.push(() => socket.disconnect());
    socket.on(GatewayEvents.feed, (batch: WireEnvelope[]) => envelopes.push(...batch));

    const sends: string[] = [];
    let loseNextAck = false;
    const events: OutboxEvent[] = [];
    const dispatcher = new OutboxDispatcher(
      outbox,
      async (command: ConsoleCommand) => {
        sends.push(command.commandId);
        const ack = (await socket.timeout(2000).emitWithAck(GatewayEvents.command, command)) as CommandAck;
        if (loseNextAck) {
          loseNextAck = false;
          throw new Error('ack lost on the way back');
        }
        return ack;
      },
      { ackTimeoutMs: 3000, retryDelayMs: 20, onEvent: (e) => events.push(e) },
    );
    socket.on('connect', () => dispatcher.setConnected(true));
    socket.on('disconnect', () => dispatcher.setConnected(false));
    dispatcher.start();
    cleanup.push(() => dispatcher.stop());

    const offDuty = outbox.enqueue({
      kind: 'unit.status',
      payload: { unitId: footUnit, status: 'off_duty' },
    });
    dispatcher.kick();
    await new Promise((r) => setTimeout(r, 150));
    expect(outbox.get(offDuty.commandId)).toMatchObject({ state: 'pending', attempts: 0 });

    // Slow scenario clock: the fixture's own unit.status events stay far in the future.
    const gateway: RunningGateway = await startGateway({
      scenario: scenarioFile,
      pack: packDir,
      port,
      speed: 0.01,
      tickMs: 10,
      stateDir: `${gatewayDir}/state`,
      fsync: false,
    });
    cleanup.push(() => gateway.close());

    const statusesOf = (unitId: string, status: string) =>
      envelopes.filter(
        (e) =>
          e.type === 'unit.status' &&
          (e.payload as { unitId: string }).unitId === unitId &&
          (e.payload as { status: string }).status === status,
      );

    await waitFor(() => outbox.get(offDuty.commandId)!.state === 'acked', 5000, 'first command acked');
    await waitFor(() => statusesOf(footUnit, 'off_duty').length === 1, 5000, 'its unit.status in the feed');
    expect(sends).toEqual([offDuty.commandId]);
    expect(events[0]).toMatchObject({ type: 'acked', ack: { commandId: offDuty.commandId, ok: true } });
    expect((events[0] as { ack: CommandAck }).ack.duplicate).toBeUndefined();

    // The gateway executes the command, but its ack never reaches us: same id again → duplicate.
    loseNextAck = true;
    const ebikeOff = outbox.enqueue({
      kind: 'unit.status',
      payload: { unitId: ebikeUnit, status: 'off_duty' },
    });
    dispatcher.kick();
    await waitFor(() => outbox.get(ebikeOff.commandId)!.state === 'acked', 5000, 'second command acked');
    expect(sends.slice(1)).toEqual([ebikeOff.commandId, ebikeOff.commandId]);
    expect(outbox.get(ebikeOff.commandId)).toMatchObject({ attempts: 2, lastError: null });
    expect(events.map((e) => e.type)).toEqual(['acked', 'retry', 'acked']);
    expect(events[2]).toMatchObject({ ack: { commandId: ebikeOff.commandId, ok: true, duplicate: true } });

    await waitFor(() => statusesOf(ebikeUnit, 'off_duty').length >= 1, 5000, 'the e-bike status');
    await new Promise((r) => setTimeout(r, 200));
    expect(statusesOf(ebikeUnit, 'off_duty')).toHaveLength(1);
    expect(statusesOf(footUnit, 'off_duty')).toHaveLength(1);
  });
});
