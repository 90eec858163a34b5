/**
 * Delivers the outbox to the gateway: oldest first, one command at a time, each retried under
 * its own commandId until the gateway answers. One loop and one command in flight means a
 * command is never sent twice at once and never overtakes an earlier one (an assign must not
 * arrive after the recall that follows it). The gateway dedupes by commandId, so a retry after
 * a lost ack is harmless: it answers `duplicate: true` and changes nothing.
 */
import type { Db } from '../db/database';
import { CommandAckSchema, type CommandAck, type ConsoleCommand } from '../../../shared/protocol/feed';
import { toConsoleCommand, type CommandOutbox, type OutboxEntry } from './commandOutbox';

export type SendCommand = (command: ConsoleCommand) => Promise<CommandAck | unknown>;

export type OutboxEvent =
  | { type: 'acked'; entry: OutboxEntry; ack: CommandAck }
  | { type: 'failed'; entry: OutboxEntry; error: string }
  | { type: 'retry'; entry: OutboxEntry; error: string; delayMs: number }
  /** The loop hit an unexpected error (e.g. the database was closed) and stopped. */
  | { type: 'stopped'; error: string };

export interface OutboxDispatcherOptions {
  /** Gives up on one send after this long and retries it. Default 5000 ms. */
  ackTimeoutMs?: number;
  /** First retry delay, doubled per failed attempt up to maxRetryDelayMs. Default 500 / 10 000 ms. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /**
   * Attempts before a command is marked failed. Default unlimited: retrying is safe (the gateway
   * dedupes), and a command the operator issued should not vanish because the link was down.
   */
  maxAttempts?: number;
  onEvent?: (event: OutboxEvent) => void;
}

/** Databases with a running dispatcher: two loops on one outbox would send the same command twice. */
const running = new WeakSet<Db>();

export class OutboxDispatcher {
  private connected = false;
  private started = false;
  private loop: Promise<void> | null = null;
  private wakeRequested = false;
  private wake: (() => void) | null = null;
  /** Backoff for the head of the queue; only the head is ever retried. */
  private retryNotBefore = 0;
  private readonly ackTimeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly outbox: CommandOutbox,
    private readonly send: SendCommand,
    private readonly options: OutboxDispatcherOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
    this.maxAttempts = options.maxAttempts ?? Infinity;
  }

  start(): void {
    if (this.started) return;
    if (running.has(this.outbox.db))
      throw new Error('another OutboxDispatcher is already delivering this outbox');
    running.add(this.outbox.db);
    this.started = true;
    this.loop = this.run();
  }

  /** Stops after the command in flight (if any) is answered or times out. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.nudge();
    await this.loop;
    this.loop = null;
    running.delete(this.outbox.db);
  }

  /** Call with the gateway connection state; reconnecting retries the head at once. */
  setConnected(connected: boolean): void {
    if (connected && !this.connected) this.retryNotBefore = 0;
    this.connected = connected;
    this.nudge();
  }

  /** Call after enqueueing (outside the transaction) so delivery starts now rather than on the next wake-up. */
  kick(): void {
    this.nudge();
  }

  private nudge(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Sleeps until nudged or `ms` passed; a nudge that came before the sleep is not lost. */
  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(finish, ms) : null;
      this.wake = () => {
        this.wakeRequested = false;
        finish();
      };
    });
  }

  private async run(): Promise<void> {
    try {
      await this.deliverAll();
    } catch (err) {
      // Not rethrown: nobody awaits this loop but stop(); the owner learns of it from the event.
      this.started = false;
      running.delete(this.outbox.db);
      this.options.onEvent?.({ type: 'stopped', error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async deliverAll(): Promise<void> {
    while (this.started) {
      const entry = this.connected ? this.outbox.nextDeliverable() : null;
      if (!entry) {
        await this.sleep(Infinity);
        continue;
      }
      const wait = this.retryNotBefore - Date.now();
      if (wait > 0) {
        await this.sleep(wait);
        continue;
      }
      await this.deliver(entry);
    }
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    this.outbox.markAttempt(entry.commandId);
    const attempt = this.outbox.get(entry.commandId)!;
    let raw: unknown;
    try {
      raw = await this.withTimeout(this.send(toConsoleCommand(entry)));
    } catch (err) {
      this.handleNoAnswer(attempt, err instanceof Error ? err.message : String(err));
      return;
    }
    this.retryNotBefore = 0;
    const ack = CommandAckSchema.safeParse(raw);
    // A malformed or foreign ack will not improve on retry (the gateway's answer is durable).
    if (!ack.success || ack.data.commandId !== entry.commandId) {
      this.fail(attempt, `malformed ack: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (ack.data.ok) {
      this.outbox.markAcked(entry.commandId);
      this.options.onEvent?.({ type: 'acked', entry: this.outbox.get(entry.commandId)!, ack: ack.data });
    } else {
      this.fail(attempt, ack.data.error ?? 'refused by the gateway');
    }
  }

  private handleNoAnswer(entry: OutboxEntry, error: string): void {
    if (entry.attempts >= this.maxAttempts) {
      this.fail(entry, `no answer after ${entry.attempts} attempts: ${error}`);
      return;
    }
    this.outbox.recordError(entry.commandId, error);
    const delayMs = Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** Math.max(0, entry.attempts - 1));
    this.retryNotBefore = Date.now() + delayMs;
    this.options.onEvent?.({ type: 'retry', entry: this.outbox.get(entry.commandId)!, error, delayMs });
  }

  private fail(entry: OutboxEntry, error: string): void {
    this.retryNotBefore = 0;
    this.outbox.markFailed(entry.commandId, error);
    this.options.onEvent?.({ type: 'failed', entry: this.outbox.get(entry.commandId)!, error });
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ack within ${this.ackTimeoutMs} ms`)), this.ackTimeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}
