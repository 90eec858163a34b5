import {
  describeSeat,
  type AlertOwnerPayload,
  type AlertStepPayload,
  type ClaimMode,
  type SeatRef,
  type UnitAssignmentPayload,
} from '../../shared/protocol/seats';

/** What one decision produced: messages to append (in order), or the reason it was refused. */
export type Arbitration =
  { ok: true; messages: { type: string; payload: unknown }[] } | { ok: false; error: string };

/** A unit committed to an alert by a seat. */
export interface Commitment {
  alertId: string;
  by: SeatRef;
}

/** Lifecycle statuses after which an alert holds no units and needs no owner's attention. */
const ENDED = new Set(['resolved', 'closed', 'cancelled', 'merged', 'transferred']);
/** Roles that may take an alert over or hand it to another seat. */
const OVERRIDERS = new Set(['supervisor']);

const sameSeat = (a: SeatRef, b: SeatRef) => a.consoleId === b.consoleId;

/**
 * The gateway's arbitration across seats, pure: who owns each alert, which alert each unit is
 * committed to. The gateway handles one command at a time, so the order commands arrive in is
 * the order they are decided: of two seats racing for an alert or a unit, the first wins and
 * the second is refused with the winner's name. State is rebuilt from the feed log (`observe`)
 * so a restarted gateway decides the same way.
 */
export class SeatArbiter {
  private readonly owners = new Map<string, SeatRef>();
  private readonly units = new Map<string, Commitment>();
  private readonly ended = new Set<string>();

  /** Replays envelopes from the log (or just appended) into the state. */
  observe(entries: readonly { type: string; payload: unknown }[]): void {
    for (const e of entries) {
      if (e.type === 'alert.owner') {
        const p = e.payload as AlertOwnerPayload;
        this.owners.set(p.alertId, p.owner);
      } else if (e.type === 'unit.assignment') {
        const p = e.payload as UnitAssignmentPayload;
        if (p.alertId === null) this.units.delete(p.unitId);
        else this.units.set(p.unitId, { alertId: p.alertId, by: p.by });
      } else if (e.type === 'alert.step') {
        const p = e.payload as AlertStepPayload;
        if (ENDED.has(p.to)) {
          this.ended.add(p.alertId);
          for (const [unitId, c] of this.units) if (c.alertId === p.alertId) this.units.delete(unitId);
        } else this.ended.delete(p.alertId);
      }
    }
  }

  ownerOf(alertId: string): SeatRef | null {
    return this.owners.get(alertId) ?? null;
  }

  commitmentOf(unitId: string): Commitment | null {
    return this.units.get(unitId) ?? null;
  }

  /**
   * `claim`: wins when nobody owns the alert (or the claimer's own seat does: a new operator at
   * the same seat). `takeover`: a supervisor takes it. `handoff`: a supervisor, or the owner,
   * gives it to `to`. Decisions are only computed here; `observe` applies what was appended.
   */
  claim(alertId: string, by: SeatRef, mode: ClaimMode, at: string, to?: SeatRef, note?: string): Arbitration {
    const previous = this.ownerOf(alertId);
    let owner: SeatRef;
    if (mode === 'claim') {
      if (previous && !sameSeat(previous, by))
        return { ok: false, error: `alert ${alertId} is already claimed by ${describeSeat(previous)}` };
      if (previous && previous.operator === by.operator) return { ok: true, messages: [] };
      owner = by;
    } else if (mode === 'takeover') {
      if (!OVERRIDERS.has(by.role))
        return {
          ok: false,
          error: `taking over alert ${alertId} needs a supervisor; ${by.operator} is ${by.role}`,
        };
      owner = by;
    } else {
      if (!to) return { ok: false, error: 'a handoff names the seat that gets the alert' };
      const isOwner = previous !== null && sameSeat(previous, by);
      if (!OVERRIDERS.has(by.role) && !isOwner)
        return {
          ok: false,
          error: `handing alert ${alertId} to another seat needs a supervisor or its owner${previous ? ` (${describeSeat(previous)})` : ''}`,
        };
      owner = to;
    }
    const payload: AlertOwnerPayload = { alertId, owner, previous, mode, by, at, ...(note ? { note } : {}) };
    return { ok: true, messages: [{ type: 'alert.owner', payload }] };
  }

  /** A claim made implicitly by a seat's first step on an unowned alert, or null when the seat may act already. */
  private implicitClaim(alertId: string, by: SeatRef, at: string): Arbitration | null {
    const owner = this.ownerOf(alertId);
    if (owner && sameSeat(owner, by)) return null;
    return this.claim(alertId, by, 'claim', at);
  }

  /** A lifecycle step from a seat: only the owner's seat may take it (an unowned alert is claimed by it). */
  step(step: AlertStepPayload): Arbitration {
    const claim = this.implicitClaim(step.alertId, step.by, step.at);
    if (claim && !claim.ok) return claim;
    const messages = [...(claim?.messages ?? []), { type: 'alert.step', payload: step }];
    // An ended alert releases its units (the seat recalls them too; this keeps the arbiter in step).
    if (ENDED.has(step.to)) {
      for (const [unitId, c] of this.units)
        if (c.alertId === step.alertId)
          messages.push({
            type: 'unit.assignment',
            payload: { unitId, alertId: null, by: step.by, at: step.at } satisfies UnitAssignmentPayload,
          });
    }
    return { ok: true, messages };
  }

  /**
   * Commits a unit to an alert for a seat. Refused when the alert is another seat's, or the unit
   * is committed to another alert by another seat, unless `reassign` (explicit, audited at the
   * seat): then the unit moves and the envelope names where it was taken from. A seat moving
   * its own unit (a merge, a redeployment) needs no reassignment.
   */
  assign(unitId: string, alertId: string, by: SeatRef, at: string, reassign = false): Arbitration {
    const claim = this.implicitClaim(alertId, by, at);
    if (claim && !claim.ok) return claim;
    const current = this.commitmentOf(unitId);
    const foreign = current !== null && current.alertId !== alertId && !sameSeat(current.by, by);
    if (foreign && !reassign)
      return {
        ok: false,
        error: `unit ${unitId} is committed to alert ${current.alertId} by ${describeSeat(current.by)}; reassign it explicitly to take it`,
      };
    const payload: UnitAssignmentPayload = {
      unitId,
      alertId,
      by,
      at,
      ...(foreign ? { reassignedFrom: { alertId: current.alertId, by: current.by } } : {}),
    };
    return { ok: true, messages: [...(claim?.messages ?? []), { type: 'unit.assignment', payload }] };
  }

  /** The unit is free again (recalled, available, off duty): the commitment ends, whoever made it. */
  release(unitId: string, by: SeatRef | null, at: string): { type: string; payload: unknown }[] {
    const current = this.commitmentOf(unitId);
    if (!current) return [];
    return [
      {
        type: 'unit.assignment',
        payload: { unitId, alertId: null, by: by ?? current.by, at } satisfies UnitAssignmentPayload,
      },
    ];
  }

  /** Whether the alert has ended (its units were released). */
  hasEnded(alertId: string): boolean {
    return this.ended.has(alertId);
  }
}
