import { randomUUID } from 'node:crypto';
import type { ConsoleRepository } from '../db/consoleRepository';
import type { CommandOutbox } from '../outbox/commandOutbox';
import type { AuditLog } from '../audit/auditLog';
import type { OperatorInfo } from '../../../shared/contract/dispatchContract';
import type { LifecycleEvent } from '../../../shared/domain/lifecycle';
import type { SeatOnDuty } from '../../../shared/domain/seat';
import { CommandAckSchema, type ConsoleCommand } from '../../../shared/protocol/feed';
import { describeSeat, type ClaimMode, type SeatRef } from '../../../shared/protocol/seats';

/** How long a claim may wait for the gateway before the step goes ahead through the outbox. */
const CLAIM_TIMEOUT_MS = 3000;

export interface SeatServiceDeps {
  repository: ConsoleRepository;
  outbox: CommandOutbox;
  audit: AuditLog;
  /** The operator signed in at this seat (null: nobody). */
  operator: () => OperatorInfo | null;
  /** Sends a command now and resolves with its ack (the feed's `command`); throws when not connected. */
  send: (command: ConsoleCommand, timeoutMs: number) => Promise<unknown>;
  /** Whether the gateway connection is up. */
  connected: () => boolean;
  consoleId: string;
  /** The seat's name as the other seats see it. */
  seatName: string;
}

/**
 * This console's part in protocol 2 (docs/protocol.md, "Seats"): claims an alert at the gateway
 * before its first step (implicitly: no extra click for a single seat), tells the other seats
 * about every step and assignment through the outbox, refuses units another seat committed
 * (unless explicitly reassigned), announces who is on duty, and lets a supervisor take an alert
 * over or hand it to a seat. Every decision that overrides another seat is audited.
 */
export class SeatService {
  constructor(private readonly deps: SeatServiceDeps) {}

  /** This seat as the gateway knows it, with `operator` standing in when nobody is signed in (system steps). */
  me(fallbackOperator = 'system'): SeatRef {
    const op = this.deps.operator();
    return {
      consoleId: this.deps.consoleId,
      operator: op?.username ?? fallbackOperator,
      role: op?.role ?? 'system',
      seat: this.deps.seatName,
    };
  }

  /** Another seat owns the alert: this seat's steps on it are refused (the owner's steps arrive mirrored). */
  isForeign(alertId: string): boolean {
    const owner = this.deps.repository.seats.owner(alertId);
    return owner !== null && !owner.mine;
  }

  /**
   * Before a step: the alert must be this seat's or nobody's. An unowned one is claimed at the
   * gateway now; of two seats racing, the loser gets the gateway's reason (who won). Offline
   * (or no answer in time), the step goes ahead and its outbox command claims when delivered.
   */
  async ensureClaim(alertId: string): Promise<void> {
    const owner = this.deps.repository.seats.owner(alertId);
    if (owner && !owner.mine)
      throw new Error(
        `alert ${alertId} is handled by ${describeSeat(owner)}: a supervisor can take it over or hand it to you`,
      );
    const me = this.me();
    if (owner?.mine && owner.operator === me.operator) return;
    if (!this.deps.connected()) return;
    let raw: unknown;
    try {
      raw = await this.deps.send(
        { commandId: randomUUID(), kind: 'alert.claim', payload: { alertId, by: me, mode: 'claim' } },
        CLAIM_TIMEOUT_MS,
      );
    } catch {
      return; // unreachable now: the outbox carries the step, which claims when it arrives
    }
    const ack = CommandAckSchema.safeParse(raw);
    if (ack.success && !ack.data.ok)
      throw new Error(ack.data.error ?? `alert ${alertId} could not be claimed`);
  }

  /** Inside the step's transaction: the step goes to the gateway (and so to every seat) through the outbox. */
  stepTaken(alertId: string, event: LifecycleEvent, unitIds: readonly string[]): void {
    this.deps.outbox.enqueue({
      kind: 'alert.step',
      payload: {
        alertId,
        by: this.me(event.operator),
        action: event.action,
        from: event.from,
        to: event.to,
        at: event.at,
        unitIds: [...unitIds],
      },
    });
  }

  /** Fields every `unit.assign` carries: who sends it, and `reassign` when it takes the unit from another seat. */
  assignExtras(unitId: string, alertId: string): Record<string, unknown> {
    const c = this.deps.repository.seats.commitment(unitId);
    const foreign = c !== null && !c.mine && c.alertId !== alertId;
    return { by: this.me(), ...(foreign ? { reassign: true } : {}) };
  }

  /** Why the unit may not be sent to `alertId` without a reassignment (committed by another seat), or null. */
  foreignCommitment(unitId: string, alertId: string): string | null {
    const c = this.deps.repository.seats.commitment(unitId);
    if (!c || c.mine || c.alertId === alertId) return null;
    return `unit ${unitId} is committed to alert ${c.alertId} by ${describeSeat(c)}: reassign it to take it`;
  }

  /** Audits an explicit reassignment of a unit from another seat's alert (inside the step's transaction). */
  auditReassignment(operator: string, unitId: string, alertId: string): void {
    const c = this.deps.repository.seats.commitment(unitId);
    if (!c) return;
    this.deps.audit.append({
      operator,
      action: 'unit.reassigned',
      subject: `unit:${unitId}`,
      payload: {
        toAlert: alertId,
        fromAlert: c.alertId,
        fromSeat: c.seat,
        fromOperator: c.operator,
        fromConsole: c.consoleId,
      },
    });
  }

  /**
   * A supervisor takes the alert over, or (a supervisor or its owner) hands it to a seat on
   * duty. Needs the gateway: the decision is its to make. Audited at this seat.
   */
  async reassignOwner(
    alertId: string,
    mode: Exclude<ClaimMode, 'claim'>,
    toConsoleId?: string,
    note?: string,
  ): Promise<void> {
    const op = this.deps.operator();
    if (!op) throw new Error('sign in first: every action is attributed to an operator');
    const owner = this.deps.repository.seats.owner(alertId);
    if (op.role !== 'supervisor' && !(mode === 'handoff' && owner?.mine))
      throw new Error(
        `${mode === 'takeover' ? 'taking over' : 'handing over'} an alert needs a supervisor; ${op.username} is ${op.role}`,
      );
    let to: SeatRef | undefined;
    if (mode === 'handoff') {
      const seat = this.onDuty().find((s) => s.consoleId === toConsoleId);
      if (!seat) throw new Error(`no seat ${toConsoleId ?? ''} on duty to hand alert ${alertId} to`);
      to = { consoleId: seat.consoleId, operator: seat.operator, role: seat.role, seat: seat.seat };
    }
    if (!this.deps.connected())
      throw new Error('the gateway is not connected: taking over or handing over an alert needs it');
    const ack = CommandAckSchema.parse(
      await this.deps.send(
        {
          commandId: randomUUID(),
          kind: 'alert.claim',
          payload: { alertId, by: this.me(), mode, ...(to ? { to } : {}), ...(note ? { note } : {}) },
        },
        CLAIM_TIMEOUT_MS,
      ),
    );
    if (!ack.ok) throw new Error(ack.error ?? `the gateway refused the ${mode}`);
    this.deps.audit.append({
      operator: op.username,
      action: mode === 'takeover' ? 'alert.takenOver' : 'alert.handedOff',
      subject: `alert:${alertId}`,
      payload: {
        from: owner ? { consoleId: owner.consoleId, operator: owner.operator, seat: owner.seat } : null,
        to: to ?? this.me(),
        ...(note ? { note } : {}),
      },
    });
  }

  /** Tells the gateway who is on duty at this seat (sign-in, sign-out, reconnect). Best effort. */
  announce(): void {
    if (!this.deps.connected()) return;
    const op = this.deps.operator();
    const command: ConsoleCommand = {
      commandId: randomUUID(),
      kind: 'seat.presence',
      payload: { seat: this.deps.seatName, operator: op?.username ?? null, role: op?.role ?? null },
    };
    this.deps.send(command, CLAIM_TIMEOUT_MS).catch(() => {
      /* the next connect announces again */
    });
  }

  onDuty(): SeatOnDuty[] {
    return this.deps.repository.seats.onDuty();
  }
}
