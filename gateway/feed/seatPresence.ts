import {
  presencePublisher,
  type SeatPresenceCommand,
  type SeatPresencePayload,
  type SeatRef,
} from '../../shared/protocol/seats';

type OnDuty = SeatRef & { since: string };

/**
 * Which seats are on duty at this gateway: one entry per connection whose seat has announced a
 * signed-in operator (`seat.presence` command). Every change becomes one `seat.presence` envelope
 * with the whole list, tagged with `gateway` (this process, when several share one database; none
 * for the single gateway of a file log), so a seat that connects late learns it from the last one
 * it receives of each gateway. It also reads the log's lists (`observe`): how many seats each
 * gateway's latest list names, so a gateway gone away can have its list emptied.
 */
export class SeatPresence {
  private readonly bySocket = new Map<string, OnDuty>();
  /** Each gateway's latest list in the log ('' : an untagged list), as it was published. */
  private readonly listedBy = new Map<string, OnDuty[]>();

  constructor(
    private readonly now: () => string,
    readonly gateway?: string,
  ) {}

  seats(): OnDuty[] {
    return [...this.bySocket.values()].sort(
      (a, b) => a.seat.localeCompare(b.seat) || a.consoleId.localeCompare(b.consoleId),
    );
  }

  snapshot(): { type: string; payload: SeatPresencePayload } {
    return this.list(this.seats(), this.gateway);
  }

  /** An empty list for another gateway (one that went away): its seats leave every status bar. */
  emptied(gateway: string): { type: string; payload: SeatPresencePayload } {
    return this.list([], gateway === '' ? undefined : gateway);
  }

  private list(seats: OnDuty[], gateway: string | undefined): { type: string; payload: SeatPresencePayload } {
    return {
      type: 'seat.presence',
      payload: { seats, at: this.now(), ...(gateway === undefined ? {} : { gateway }) },
    };
  }

  /** Reads the presence lists of log entries (in seq order): the latest of each gateway counts. */
  observe(entries: readonly { type: string; payload: unknown }[]): void {
    for (const e of entries)
      if (e.type === 'seat.presence')
        this.listedBy.set(presencePublisher(e.payload), (e.payload as SeatPresencePayload).seats ?? []);
  }

  /**
   * Every seat on duty on the queue: this gateway's connections as they are now, and each other
   * gateway's latest list in the log (what every console's status bar merges), tagged by gateway.
   */
  allSeats(): (OnDuty & { gateway: string })[] {
    const own = this.gateway ?? '';
    const seats = this.seats().map((s) => ({ ...s, gateway: own }));
    for (const [gateway, listed] of this.listedBy)
      if (gateway !== own) for (const s of listed) seats.push({ ...s, gateway });
    return seats.sort(
      (a, b) =>
        a.seat.localeCompare(b.seat) ||
        a.gateway.localeCompare(b.gateway) ||
        (a.consoleId ?? '').localeCompare(b.consoleId ?? ''),
    );
  }

  /** Gateways whose latest list in the log names at least one seat ('' : an untagged list). */
  listing(): string[] {
    return [...this.listedBy].filter(([, seats]) => seats.length > 0).map(([g]) => g);
  }

  /** Whether the log's latest list of this gateway differs in size from who is connected here now. */
  get ownListStale(): boolean {
    return (this.listedBy.get(this.gateway ?? '')?.length ?? 0) !== this.bySocket.size;
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
}
