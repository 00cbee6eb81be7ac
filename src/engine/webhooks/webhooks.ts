/**
 * Webhooks: a signed JSON POST to each enabled webhook for the show's events (stream started or
 * stopped, a destination live, reconnecting or failed, a recording saved). Deliveries are queued
 * per webhook, in order, retried with backoff, and never block the engine.
 *
 * STUB: the contract is fixed (studio.ts wires it); the implementation lands separately.
 */
import { Status, fail, type Result, type StudioDocument, type StudioEvent } from '../../shared';
import type { Clock, Disposable, Logger } from '../api';

export interface WebhooksOptions {
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  document(): StudioDocument;
  /** The signing secret of a webhook, from the secret store. */
  secret(webhookId: string): Promise<string | undefined>;
  clock: Clock;
  logger: Logger;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
}

export class Webhooks {
  constructor(private readonly opts: WebhooksOptions) {}

  /** webhook.test: one signed test delivery now, no retries; answers the receiver's HTTP status. */
  test(args: unknown): Promise<Result<{ status: number }>> {
    void this.opts;
    void args;
    return Promise.resolve(fail(Status.NotReady, 'Webhooks are not available yet.'));
  }

  /** Stops listening; deliveries still queued are dropped. */
  async dispose(): Promise<void> {}
}
