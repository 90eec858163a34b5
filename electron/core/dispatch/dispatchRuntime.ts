import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { GatewayFeed } from '../feed/gatewayFeed';
import type { EventSink } from '../../../shared/contract/bridge';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { Alert } from '../../../shared/domain/alert';
import { GatewayEvents } from '../../../shared/protocol/feed';
import { AuditLog } from '../audit/auditLog';
import type { AuditKeyProvider } from '../audit/auditKey';
import { SEAT_CONTROLS, type SeatControl } from '../../../shared/domain/lifecycle/seatControls';
import type { ConsoleCommand } from '../../../shared/protocol/feed';
import { OperatorAccounts } from '../accounts/operatorAccounts';
import { seedDemoOperators } from '../accounts/seed';
import { CommandOutbox } from '../outbox/commandOutbox';
import { OutboxDispatcher } from '../outbox/outboxDispatcher';
import type { TierFor } from '../routing/routingService';
import { DispatchService } from './dispatchService';
import type { DispatchServiceDeps } from './dispatchDeps';
import { OperatorSession } from './operatorSession';
import { SeatService } from '../seats/seatService';
import { HandoverService } from '../handover/handoverService';

type DispatchHandlers = Pick<
  RequestHandlers,
  | 'operator.signIn'
  | 'operator.signOut'
  | 'operator.current'
  | 'operator.unlock'
  | 'alerts.act'
  | 'alerts.history'
  | 'alerts.duplicates'
  | 'shift.summary'
  | 'alerts.transferred'
  | 'alerts.merged'
  | 'alerts.revisions'
  | 'seats.onDuty'
  | 'alerts.takeOver'
  | 'alerts.handOff'
  | 'handover.draft'
  | 'handover.accept'
  | 'handover.export'
>;

export interface DispatchRuntime {
  handlers: DispatchHandlers;
  service: DispatchService;
  audit: AuditLog;
  /**
   * Checks that the signed-in operator may use a seat control (shared/domain/lifecycle/seatControls)
   * and returns their name for the audit entry; throws when nobody, or the wrong role, is signed in.
   */
  requireSeatControl(control: SeatControl): string;
  /** The signed-in operator's name, or `seat:unsigned`. */
  operatorName(): string;
  /** Audits a seat action outside the alert lifecycle (settings, camera PTZ, drill clock) under `operator`. */
  auditSeatAction(operator: string, action: string, subject: string, payload: unknown): void;
  /** Stamps the audit log's head on an outbound command: the gateway records it, anchoring the log. */
  anchorCommand(command: ConsoleCommand): ConsoleCommand;
  dispatcher: OutboxDispatcher;
  /** This seat among many (protocol 2). */
  seats: SeatService;
  /** The command outbox (commands outside an alert, e.g. repositioning, go through it too). */
  outbox: CommandOutbox;
  close(): Promise<void>;
}

/**
 * Builds the closed-loop pieces around one database and one gateway feed: accounts, the seat's
 * operator session, the audit log, the command outbox and its dispatcher, and the service.
 */
export async function startDispatchRuntime(options: {
  db: Db;
  repository: ConsoleRepository;
  feed: GatewayFeed;
  emit: EventSink;
  /** Create the documented demo accounts when none exist (demo and tests only). */
  demoOperators: boolean;
  /** The audit log's HMAC key (electron/core/audit/auditKey.ts). */
  auditKey: AuditKeyProvider;
  /** Training drill: trainees may take drill-only steps, and every step and audit entry carries `mode`. */
  drill?: boolean;
  /** The data folder's mode (`live` | `drill:<id>`, electron/core/drill/dataDirMode.ts). */
  mode?: string;
  /** The routing service's tier function, the one its ranking shows (DispatchServiceDeps.tierFor). */
  tierFor: TierFor;
  /** Facts stored with each dispatch step (DispatchServiceDeps.dispatchContext). */
  dispatchContext?: (alert: Alert, unitIds: readonly string[]) => Record<string, unknown> | null;
  /** The id this console connects to the gateway with, and the seat's name the other seats see (default `local`). */
  consoleId?: string;
  seatName?: string;
  /** DispatchServiceDeps.predictEta. */
  predictEta?: DispatchServiceDeps['predictEta'];
  /** Where shift handovers are exported (HTML); default the system's temp folder. */
  exportDir?: string;
}): Promise<DispatchRuntime> {
  const { db, repository, feed, emit } = options;
  const accounts = new OperatorAccounts(db);
  if (options.demoOperators) await seedDemoOperators(accounts);
  const audit = new AuditLog(db, {
    key: options.auditKey,
    ...(options.drill ? { mode: options.mode ?? 'drill' } : {}),
  });
  // A log from before the keyed chain gets its keyed seal now, so its plain prefix cannot be rewritten.
  audit.sealLegacy();
  const anchorCommand = (command: ConsoleCommand): ConsoleCommand => ({
    ...command,
    auditHead: audit.head().hash,
  });
  const outbox = new CommandOutbox(db);
  // A command's delivery state shows in the alert's timeline: tell the renderer when it moves.
  const commandAlert = db.prepare<[string], { alert_id: string }>(
    'SELECT alert_id FROM dispatches WHERE command_id = ?',
  );
  const dispatcher = new OutboxDispatcher(
    outbox,
    (command) => feed.command(GatewayEvents.command, anchorCommand(command), 5000),
    {
      onEvent: (event) => {
        if (event.type === 'stopped') return;
        const row = commandAlert.get(event.entry.commandId);
        if (row) emit('alerts.historyChanged', { alertId: row.alert_id });
      },
    },
  );
  feed.onConnectionChange((connected) => dispatcher.setConnected(connected));
  dispatcher.start();

  let gatewayUp = false;
  const session = new OperatorSession(accounts, audit, (operator) => {
    emit('operator.changed', operator);
    seats.announce();
  });
  const seats = new SeatService({
    repository,
    outbox,
    audit,
    operator: () => session.operator,
    send: (command, timeoutMs) => feed.command(GatewayEvents.command, anchorCommand(command), timeoutMs),
    connected: () => gatewayUp,
    consoleId: options.consoleId ?? 'local',
    seatName: options.seatName ?? 'local',
  });
  // Every (re)connection tells the gateway who is on duty here: presence does not outlive a connection.
  feed.onConnectionChange((connected) => {
    gatewayUp = connected;
    if (connected) seats.announce();
  });
  const service = new DispatchService({
    db,
    repository,
    audit,
    outbox,
    session,
    emit,
    kick: () => dispatcher.kick(),
    drill: options.drill ? (options.mode ?? 'drill') : null,
    ...(options.dispatchContext ? { dispatchContext: options.dispatchContext } : {}),
    ...(options.predictEta ? { predictEta: options.predictEta } : {}),
    tierFor: options.tierFor,
    seats,
  });

  const handover = new HandoverService({
    db,
    repository,
    audit,
    session,
    transferred: () => service.transferred(),
    seatName: options.seatName ?? 'local',
    exportDir: options.exportDir ?? path.join(os.tmpdir(), 'dispatch-handovers'),
  });

  const handlers: DispatchHandlers = {
    'operator.signIn': async ({ username, password }) => session.signIn(username, password),
    'operator.signOut': async () => {
      session.signOut();
      return null;
    },
    'operator.current': async () => session.operator,
    'operator.unlock': async ({ username }) => session.unlock(username),
    'alerts.act': async ({ alertId, action, confirmation, reassign }) => {
      session.require();
      // The gateway decides who handles the alert: an unowned one is claimed now (no extra click).
      await seats.ensureClaim(alertId);
      if (!confirmation) return service.act(alertId, action, undefined, { reassign: reassign ?? false });
      session.require();
      // The supervisor's credentials go through the same throttle and audit as a sign-in.
      const supervisor = await session.authenticate(confirmation.username, confirmation.password, 'confirm');
      if (supervisor.role !== 'supervisor') {
        audit.append({
          operator: session.require().username,
          action: 'operator.confirm.refused',
          subject: `alert:${alertId}`,
          payload: { by: supervisor.username, role: supervisor.role },
        });
        throw new Error(
          `${supervisor.username} is not a supervisor: only a supervisor can confirm this step`,
        );
      }
      return service.act(alertId, action, supervisor.username, { reassign: reassign ?? false });
    },
    'seats.onDuty': async () => seats.onDuty(),
    'handover.draft': async () => handover.draft(),
    'handover.accept': async ({ incoming, notes }) => handover.accept(incoming, notes),
    'handover.export': async ({ id }) => {
      const result = handover.export(id);
      audit.append({
        operator: session.operator?.username ?? 'seat:unsigned',
        action: 'shift.handover.exported',
        subject: `handover:${id}`,
        payload: { path: result.path },
      });
      return result;
    },
    'alerts.takeOver': async ({ alertId, note }) => {
      await seats.reassignOwner(alertId, 'takeover', undefined, note);
      return { ok: true as const };
    },
    'alerts.handOff': async ({ alertId, toConsoleId, note }) => {
      await seats.reassignOwner(alertId, 'handoff', toConsoleId, note);
      return { ok: true as const };
    },
    'alerts.history': async ({ alertId }) => service.history(alertId),
    'alerts.duplicates': async ({ alertId }) =>
      service.duplicates(alertId).map((d) => ({
        keepId: d.keepId,
        mergeId: d.mergeId,
        score: d.score,
        distanceMeters: d.distanceMeters,
        secondsApart: d.secondsApart,
        sameCategory: d.sameCategory,
      })),
    'shift.summary': async () => service.shiftSummary(),
    'alerts.transferred': async () => service.transferred(),
    'alerts.merged': async ({ alertId }) => service.merged(alertId),
    'alerts.revisions': async ({ alertId }) => options.repository.alerts.revisions(alertId),
  };
  const requireSeatControl = (control: SeatControl) =>
    session.requireRole(SEAT_CONTROLS[control], control).username;
  const auditSeatAction = (operator: string, action: string, subject: string, payload: unknown) => {
    audit.append({ operator, action, subject, payload });
  };
  const operatorName = () => session.operator?.username ?? 'seat:unsigned';
  return {
    handlers,
    service,
    audit,
    requireSeatControl,
    operatorName,
    auditSeatAction,
    anchorCommand,
    dispatcher,
    seats,
    outbox,
    close: () => dispatcher.stop(),
  };
}
