import type { Db } from '../db/database';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { GatewayFeed } from '../feed/gatewayFeed';
import type { EventSink } from '../../../shared/contract/bridge';
import type { RequestHandlers } from '../../../shared/contract/api';
import type { Alert } from '../../../shared/domain/alert';
import type { UnitType } from '../../../shared/domain/unit';
import { GatewayEvents } from '../../../shared/protocol/feed';
import { AuditLog } from '../audit/auditLog';
import { OperatorAccounts } from '../accounts/operatorAccounts';
import { seedDemoOperators } from '../accounts/seed';
import { CommandOutbox } from '../outbox/commandOutbox';
import { OutboxDispatcher } from '../outbox/outboxDispatcher';
import { DEFAULT_TIER_CONFIG, evaluateTier } from '../routing';
import { DispatchService } from './dispatchService';
import { OperatorSession } from './operatorSession';

type DispatchHandlers = Pick<RequestHandlers, 'operator.signIn' | 'operator.signOut' | 'operator.current' | 'alerts.act' | 'alerts.history' | 'alerts.duplicates' | 'shift.summary' | 'alerts.transferred' | 'alerts.merged' | 'alerts.revisions'>;

export interface DispatchRuntime {
  handlers: DispatchHandlers;
  service: DispatchService;
  audit: AuditLog;
  /**
   * Audits a seat action outside the alert lifecycle (settings, camera PTZ) under the signed-in
   * operator, or `seat:unsigned` when nobody is signed in: the seat still did it.
   */
  auditSeatAction(action: string, subject: string, payload: unknown): void;
  dispatcher: OutboxDispatcher;
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
  /** Training drill: trainees may take drill-only steps, and every step and audit entry carries `mode`. */
  drill?: boolean;
  /** The data folder's mode (`live` | `drill:<id>`, electron/core/drill/dataDirMode.ts). */
  mode?: string;
  /** Facts stored with each dispatch step (DispatchServiceDeps.dispatchContext). */
  dispatchContext?: (alert: Alert, unitIds: readonly string[]) => Record<string, unknown> | null;
}): Promise<DispatchRuntime> {
  const { db, repository, feed, emit } = options;
  const accounts = new OperatorAccounts(db);
  if (options.demoOperators && accounts.activeCount() === 0) await seedDemoOperators(accounts);
  const audit = new AuditLog(db, options.drill ? { mode: options.mode ?? 'drill' } : {});
  const outbox = new CommandOutbox(db);
  // A command's delivery state shows in the alert's timeline: tell the renderer when it moves.
  const commandAlert = db.prepare<[string], { alert_id: string }>('SELECT alert_id FROM dispatches WHERE command_id = ?');
  const dispatcher = new OutboxDispatcher(outbox, (command) => feed.command(GatewayEvents.command, command, 5000), {
    onEvent: (event) => {
      if (event.type === 'stopped') return;
      const row = commandAlert.get(event.entry.commandId);
      if (row) emit('alerts.historyChanged', { alertId: row.alert_id });
    },
  });
  feed.onConnectionChange((connected) => dispatcher.setConnected(connected));
  dispatcher.start();

  const unitTypes = new Map<string, UnitType>(repository.units.list().map((u) => [u.id, u.type]));
  const session = new OperatorSession(accounts, audit, (operator) => emit('operator.changed', operator));
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
    tierFor: (unitId: string, alert: Alert, seconds: number) => {
      const tier = evaluateTier(DEFAULT_TIER_CONFIG, { type: unitTypes.get(unitId) ?? 'car' }, { priority: alert.priority, source: alert.source }, seconds);
      return { targetSeconds: tier.targetSeconds, met: tier.met };
    },
  });

  const handlers: DispatchHandlers = {
    'operator.signIn': async ({ username, password }) => session.signIn(username, password),
    'operator.signOut': async () => {
      session.signOut();
      return null;
    },
    'operator.current': async () => session.operator,
    'alerts.act': async ({ alertId, action }) => service.act(alertId, action),
    'alerts.history': async ({ alertId }) => service.history(alertId),
    'alerts.duplicates': async ({ alertId }) =>
      service.duplicates(alertId).map((d) => ({ keepId: d.keepId, mergeId: d.mergeId, score: d.score, distanceMeters: d.distanceMeters, secondsApart: d.secondsApart, sameCategory: d.sameCategory })),
    'shift.summary': async () => service.shiftSummary(),
    'alerts.transferred': async () => service.transferred(),
    'alerts.merged': async ({ alertId }) => service.merged(alertId),
    'alerts.revisions': async ({ alertId }) => options.repository.alerts.revisions(alertId),
  };
  const auditSeatAction = (action: string, subject: string, payload: unknown) => {
    audit.append({ operator: session.operator?.username ?? 'seat:unsigned', action, subject, payload });
  };
  return { handlers, service, audit, auditSeatAction, dispatcher, close: () => dispatcher.stop() };
}
