import { IntakeRefused, intakeRefusal } from '../../shared/protocol/envelopeIntake';
import type { PgLogStore } from '../pg/pgLogStore';
import type { AppendRequest, FeedLog, WireEnvelope } from './feedLog';
import type { RefusedIntake } from './refusedIntake';

export interface GatewayAppendsOptions {
  /** The file log (appended synchronously), or null with a shared one. */
  fileLog: FeedLog | null;
  shared: PgLogStore | null;
  publish: (entries: WireEnvelope[]) => void;
  refused: RefusedIntake;
  now: () => number;
}

/**
 * What the gateway itself appends to the feed log, besides the scenario and console commands:
 * injected envelopes (POST /admin/inject, checked like any intake and kept when refused) and
 * its own lines (seat presence), to either log.
 */
export class GatewayAppends {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly o: GatewayAppendsOptions) {}

  /** Appends gateway-made lines (presence): at once to a file log, through the batches of a shared one. */
  readonly appendNow = (request: AppendRequest): void => {
    const { fileLog, shared, publish } = this.o;
    if (fileLog) return publish(fileLog.append(request));
    const pending = shared!
      .append(request)
      .catch((err: unknown) =>
        console.error(
          `gateway: cannot append to the shared log: ${err instanceof Error ? err.message : String(err)}`,
        ),
      )
      .finally(() => this.pending.delete(pending));
    this.pending.add(pending);
  };

  /** RunningGateway.inject: a file log only. The seq is assigned at once; the envelope goes out once durable. */
  readonly inject = (type: string, payload: unknown): number => {
    const { fileLog, publish } = this.o;
    if (!fileLog)
      throw new Error('inject appends synchronously, which a gateway with a database cannot: use append');
    const entries = fileLog.append(this.intake(type, payload));
    publish(entries);
    return entries[0]!.seq;
  };

  /** RunningGateway.append and POST /admin/inject: either log; resolves once the envelope is durable. */
  readonly append = async (type: string, payload: unknown): Promise<number> => {
    const { shared, fileLog } = this.o;
    if (shared) return (await shared.append(this.intake(type, payload))).entries[0]!.seq;
    const seq = this.inject(type, payload);
    await new Promise<void>((resolve, reject) => fileLog!.afterDurable(resolve, reject));
    return seq;
  };

  /** Resolves once every gateway-made line in flight to a shared log has been appended (or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.pending);
  }

  private intake(type: string, payload: unknown): AppendRequest {
    const { refused, now } = this.o;
    const refusal = intakeRefusal({ type, payload });
    if (refusal) {
      refused.record('inject', { type, payload }, refusal, new Date(now()).toISOString());
      throw new IntakeRefused(refusal);
    }
    return { messages: [{ type, payload }], sentAt: new Date(now()).toISOString() };
  }
}
