/**
 * Webhooks: a signed JSON POST to each enabled webhook for the show's events (stream started or
 * stopped, a destination live, reconnecting or failed, a recording saved). Deliveries are queued
 * per webhook, in order, retried with backoff, and never block the engine.
 *
 *   engine events → ShowEvents (derive.ts) → one Delivery per interested webhook
 *     → its DeliveryQueue (queue.ts: FIFO, one in flight, retries per policy.ts)
 *     → post() (delivery.ts) with headers signed by sign.ts
 *
 * The listener only derives and enqueues (no I/O, no await), so the engine's emit returns at once
 * whatever the receivers do. The webhook (URL, enabled) and its secret are read at each attempt, so
 * an edit applies to what is still queued; a webhook removed or disabled loses its queue at once.
 * Logs name webhooks and deliveries, never a secret, a signature or a URL (which may hold a token).
 */
import * as z from 'zod';
import { Status, fail, ok, type Result, type StudioDocument, type StudioEvent, type Webhook } from '../../shared';
import type { Clock, Disposable, Logger } from '../api';
import { parseArgs } from '../document/issues';
import { ShowEvents } from './derive';
import { post } from './delivery';
import { deliveryHeaders, makeDelivery, type Delivery } from './payload';
import { DEFAULT_POLICY, judge, type DeliveryPolicy, type Outcome } from './policy';
import { DeliveryQueue, type QueueReport } from './queue';

export interface WebhooksOptions {
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  document(): StudioDocument;
  /** The signing secret of a webhook, from the secret store. */
  secret(webhookId: string): Promise<string | undefined>;
  clock: Clock;
  logger: Logger;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  /** Attempts, timeouts, backoff and queue bound; tests shorten them. Defaults: DEFAULT_POLICY. */
  policy?: Partial<DeliveryPolicy>;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
}

const TEST_ARGS = z.strictObject({ id: z.string().trim().min(1).max(200) });

export class Webhooks {
  private readonly queues = new Map<string, DeliveryQueue>();
  private readonly show: ShowEvents;
  private readonly policy: DeliveryPolicy;
  private readonly listening: Disposable;
  /** Test deliveries in flight, aborted by dispose(). */
  private readonly tests = new Set<AbortController>();
  private disposed = false;

  constructor(private readonly opts: WebhooksOptions) {
    this.policy = { ...DEFAULT_POLICY, ...opts.policy };
    this.show = new ShowEvents(() => opts.clock.now());
    this.listening = opts.subscribe((event) => this.onEvent(event));
  }

  /** webhook.test: one signed test delivery now, no retries; answers the receiver's HTTP status. */
  async test(args: unknown): Promise<Result<{ status: number }>> {
    const parsed = parseArgs(TEST_ARGS, args);
    if (!parsed.ok) return parsed;
    if (this.disposed) return fail(Status.NotReady, 'The studio is shutting down.');
    const { id } = parsed.value;
    const hook = this.opts.document().webhooks.find((w) => w.id === id);
    if (!hook) return fail(Status.ResourceNotFound, `There is no webhook with id "${id}".`, 'id');
    const secret = await this.secretOf(hook);
    if (!secret) return fail(Status.InvalidResourceState, `Webhook "${hook.name}" has no signing secret; set one and try again.`);
    const delivery = makeDelivery({ event: 'test', data: { message: 'A test delivery from Broadcast Studio.' } });
    const ctl = new AbortController();
    this.tests.add(ctl);
    try {
      const answer = await post({
        url: hook.url,
        body: delivery.body,
        headers: deliveryHeaders(delivery, secret, 1),
        timeoutMs: this.policy.timeoutMs,
        clock: this.opts.clock,
        signal: ctl.signal,
      });
      this.log('info', 'webhook test sent', hook, delivery, { answer: answer.kind, ...(answer.kind === 'status' && { status: answer.status }) });
      switch (answer.kind) {
        case 'status':
          return ok({ status: answer.status });
        case 'timeout':
          return fail(Status.ActionFailed, `Webhook "${hook.name}" did not answer within ${Math.round(this.policy.timeoutMs / 1000)} s.`);
        case 'unreachable':
          return fail(Status.DestinationUnreachable, `Webhook "${hook.name}" could not be reached: ${answer.reason}.`);
        case 'aborted':
          return fail(Status.NotReady, 'The studio is shutting down.');
      }
    } finally {
      this.tests.delete(ctl);
    }
  }

  /** Stops listening; deliveries still queued are dropped, those in flight aborted. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.listening.dispose();
    for (const ctl of this.tests) ctl.abort();
    const queues = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(queues.map((q) => q.dispose()));
  }

  // ---- events -------------------------------------------------------------------------------------

  /** Runs inside the engine's emit: derive and enqueue only, never wait. */
  private onEvent(event: StudioEvent): void {
    if (this.disposed) return;
    try {
      if (event.type === 'document.changed') return this.prune(event.data.document);
      const happenings = this.show.take(event);
      if (happenings.length === 0) return;
      const hooks = this.opts.document().webhooks;
      const at = Date.now();
      for (const happening of happenings) {
        for (const hook of hooks) {
          if (hook.enabled && hook.events.includes(happening.event)) this.queueOf(hook.id).push(makeDelivery(happening, at));
        }
      }
    } catch (error) {
      this.opts.logger.log('error', 'webhooks could not handle an event', { type: event.type, error: String(error) });
    }
  }

  /** A webhook removed or disabled: what it had queued will not be sent. */
  private prune(doc: StudioDocument): void {
    for (const [id, queue] of this.queues) {
      const hook = doc.webhooks.find((w) => w.id === id);
      if (hook?.enabled) continue;
      this.queues.delete(id);
      const pending = queue.size();
      if (pending > 0) this.opts.logger.log('info', 'webhook queue dropped', { webhook: hook?.name ?? id, pending, why: hook ? 'disabled' : 'removed' });
      void queue.dispose();
    }
  }

  private queueOf(id: string): DeliveryQueue {
    let queue = this.queues.get(id);
    if (!queue) {
      queue = new DeliveryQueue({
        clock: this.opts.clock,
        policy: this.policy,
        ...(this.opts.random && { random: this.opts.random }),
        attempt: (d, n, signal) => this.attempt(id, d, n, signal),
        report: this.reporter(id),
      });
      this.queues.set(id, queue);
    }
    return queue;
  }

  private async attempt(id: string, d: Delivery, n: number, signal: AbortSignal): Promise<Outcome> {
    const hook = this.hook(id);
    if (!hook?.enabled) return { kind: 'aborted' };
    const secret = await this.secretOf(hook);
    if (!secret) return { kind: 'reject', reason: 'it has no signing secret' };
    if (signal.aborted) return { kind: 'aborted' };
    const answer = await post({
      url: hook.url,
      body: d.body,
      headers: deliveryHeaders(d, secret, n),
      timeoutMs: this.policy.timeoutMs,
      clock: this.opts.clock,
      signal,
    });
    return judge(answer);
  }

  private reporter(id: string): QueueReport {
    const name = (): string => this.hook(id)?.name ?? id;
    return {
      delivered: (d, attempt, status) => this.log('debug', 'webhook delivered', this.hook(id), d, { attempt, status }),
      retrying: (d, attempt, reason, retryInMs) => this.log('warn', 'webhook delivery failed; retrying', this.hook(id), d, { attempt, reason, retryInMs }),
      dropped: (d, attempts, reason) => {
        this.log('warn', 'webhook delivery dropped', this.hook(id), d, { attempts, reason });
        const tries = attempts === 1 ? '' : ` after ${attempts} attempts`;
        this.opts.notify('warning', `Webhook "${name()}" did not take the ${d.event} delivery${tries} (${reason}); it was dropped.`);
      },
      overflowed: (d, first) => {
        this.log('warn', 'webhook queue full; oldest delivery dropped', this.hook(id), d);
        if (first) this.opts.notify('warning', `Webhook "${name()}" is not keeping up; its oldest queued deliveries are being dropped.`);
      },
    };
  }

  private hook(id: string): Webhook | undefined {
    return this.opts.document().webhooks.find((w) => w.id === id);
  }

  private async secretOf(hook: Webhook): Promise<string | undefined> {
    try {
      return (await this.opts.secret(hook.id)) || undefined;
    } catch (error) {
      this.opts.logger.log('warn', 'webhook secret could not be read', { webhook: hook.name, error: String(error) });
      return undefined;
    }
  }

  private log(level: 'debug' | 'info' | 'warn', message: string, hook: Webhook | undefined, d: Delivery, fields: Record<string, unknown> = {}): void {
    this.opts.logger.log(level, message, { webhook: hook?.name, event: d.event, delivery: d.id, ...fields });
  }
}
