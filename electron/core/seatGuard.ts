/**
 * Seat controls behind sign-in (席位控制需登录): wraps a request handler so it runs only for a
 * signed-in operator whose role may use the control (shared/domain/lifecycle/seatControls.ts),
 * audits a refusal as `seat.refused`, and audits each use under the operator's name. The check
 * lives here, in the core, so a renderer that skips its disabled buttons gains nothing.
 */
import type { SeatControl } from '../../shared/domain/lifecycle/seatControls';

export interface SeatGuardDeps {
  /** The signed-in operator's name; throws when nobody, or the wrong role, is signed in. */
  requireSeatControl(control: SeatControl): string;
  auditSeatAction(operator: string, action: string, subject: string, payload: unknown): void;
  /** Who is at the seat, for the refusal's entry. */
  operatorName(): string;
}

/** What to audit for one use: `null` leaves it to the handler (PTZ audits each command's outcome). */
export type SeatAudit<A extends unknown[], R> =
  ((args: A, result: R) => { action: string; subject: string; payload: unknown }) | null;

export function guardSeatControl<A extends unknown[], R>(
  deps: SeatGuardDeps,
  control: SeatControl,
  handler: (...args: A) => Promise<R>,
  audit: SeatAudit<A, R>,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    let operator: string;
    try {
      operator = deps.requireSeatControl(control);
    } catch (err) {
      deps.auditSeatAction(deps.operatorName(), 'seat.refused', `seat:${control}`, {
        reason: (err as Error).message,
      });
      throw err;
    }
    const result = await handler(...args);
    if (audit) {
      const entry = audit(args, result);
      deps.auditSeatAction(operator, entry.action, entry.subject, entry.payload);
    }
    return result;
  };
}
