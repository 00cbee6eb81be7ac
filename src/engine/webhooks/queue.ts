/**
 * One webhook's deliveries, first in first out, one in flight at a time: a receiver sees the show's
 * events in the order they happened, and a retry holds back the deliveries behind it rather than
 * letting them overtake. Bounded: beyond maxQueue waiting deliveries the oldest is dropped (the
 * newest say more about the show now), and a delivery is dropped after maxAttempts.
 *
 * push() returns at once; attempts start on a microtask, so the engine's emit never waits on us.
 */
import type { Clock, TimerHandle } from '../api';
import type { Delivery } from './payload';
import { retryDelay, type DeliveryPolicy, type Outcome } from './policy';

export interface QueueReport {
  delivered(d: Delivery, attempt: number, status: number): void;
  retrying(d: Delivery, attempt: number, reason: string, delayMs: number): void;
  /** Given up after `attempts`; reason is the last attempt's. */
  dropped(d: Delivery, attempts: number, reason: string): void;
  /** Dropped unsent to make room; `first` is true once per spell of overflow (until the queue empties). */
  overflowed(d: Delivery, first: boolean): void;
}

export interface QueueOptions {
  clock: Clock;
  policy: DeliveryPolicy;
  random?: () => number;
  /** One attempt (1 = the first) of a delivery; aborting the signal ends it as 'aborted'. */
  attempt(d: Delivery, attempt: number, signal: AbortSignal): Promise<Outcome>;
  report: QueueReport;
}

export class DeliveryQueue {
  private readonly waiting: Delivery[] = [];
  /** A delivery is in flight or waiting for its retry. */
  private busy = false;
  private timer: TimerHandle | null = null;
  private abort: AbortController | null = null;
  private running: Promise<void> | null = null;
  private overflowing = false;
  private disposed = false;

  constructor(private readonly opts: QueueOptions) {}

  /** Deliveries not yet done, the one in flight included. */
  size(): number {
    return this.waiting.length + (this.busy ? 1 : 0);
  }

  push(d: Delivery): void {
    if (this.disposed) return;
    if (this.waiting.length >= this.opts.policy.maxQueue) {
      const oldest = this.waiting.shift()!;
      this.opts.report.overflowed(oldest, !this.overflowing);
      this.overflowing = true;
    }
    this.waiting.push(d);
    if (!this.busy) this.next();
  }

  /** Drops everything: aborts the attempt in flight, clears the retry timer; resolves when it has ended. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.waiting.length = 0;
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    await this.running;
  }

  private next(): void {
    const d = this.waiting.shift();
    this.busy = d !== undefined;
    if (!d) {
      this.overflowing = false;
      return;
    }
    this.try(d, 1);
  }

  private try(d: Delivery, n: number): void {
    const ctl = new AbortController();
    this.abort = ctl;
    this.running = Promise.resolve()
      .then(() => (this.disposed ? ({ kind: 'aborted' } as const) : this.opts.attempt(d, n, ctl.signal)))
      .catch((error: unknown): Outcome => ({ kind: 'retry', reason: `an internal error (${String(error)})` }))
      .then((outcome) => this.after(d, n, outcome));
  }

  private after(d: Delivery, n: number, outcome: Outcome): void {
    this.abort = null;
    if (this.disposed) return;
    // Aborted without a dispose: the webhook went away under it (its queue is being dropped too).
    if (outcome.kind === 'aborted') return this.next();
    if (outcome.kind === 'retry' && n < this.opts.policy.maxAttempts) {
      const delay = retryDelay(n, this.opts.policy, this.opts.random, outcome.retryAfterMs);
      this.opts.report.retrying(d, n, outcome.reason, delay);
      this.timer = this.opts.clock.setTimeout(() => {
        this.timer = null;
        this.try(d, n + 1);
      }, delay);
      return;
    }
    if (outcome.kind === 'delivered') this.opts.report.delivered(d, n, outcome.status);
    else this.opts.report.dropped(d, n, outcome.reason);
    this.next();
  }
}
