import type { SeatPresenceCommand, SeatPresencePayload, SeatRef } from '../../shared/protocol/seats';

type OnDuty = SeatRef & { since: string };

/**
 * Which seats are on duty: one entry per connection whose seat has announced a signed-in
 * operator (`seat.presence` command). Every change becomes one `seat.presence` envelope with
 * the whole list, so a seat that connects late learns it from the last one it receives.
 */
export class SeatPresence {
  private readonly bySocket = new Map<string, OnDuty>();

  constructor(private readonly now: () => string) {}

  seats(): OnDuty[] {
    return [...this.bySocket.values()].sort(
      (a, b) => a.seat.localeCompare(b.seat) || a.consoleId.localeCompare(b.consoleId),
    );
  }

  snapshot(): { type: string; payload: SeatPresencePayload } {
    return { type: 'seat.presence', payload: { seats: this.seats(), at: this.now() } };
  }

  /** The seat on this connection announced who is signed in (operator null: nobody). */
  update(
    socketId: string,
    consoleId: string,
    change: SeatPresenceCommand,
  ): { type: string; payload: unknown }[] {
    const before = this.bySocket.get(socketId);
    if (change.operator === null || change.role === null) this.bySocket.delete(socketId);
    else if (
      !before ||
      before.operator !== change.operator ||
      before.role !== change.role ||
      before.seat !== change.seat
    ) {
      this.bySocket.set(socketId, {
        consoleId,
        operator: change.operator,
        role: change.role,
        seat: change.seat,
        since: this.now(),
      });
    }
    return [this.snapshot()];
  }

  /** The connection closed: the envelope to append if it had a seat on duty, else nothing. */
  leave(socketId: string): { type: string; payload: unknown }[] {
    if (!this.bySocket.delete(socketId)) return [];
    return [this.snapshot()];
  }

  /** How many seats the last presence envelope of a log lists (0 when there is none). */
  static lastListed(entries: readonly { type: string; payload: unknown }[]): number {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i]!.type === 'seat.presence')
        return ((entries[i]!.payload as SeatPresencePayload).seats ?? []).length;
    }
    return 0;
  }
}
