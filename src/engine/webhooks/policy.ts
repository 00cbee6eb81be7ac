/**
 * How hard a delivery is tried. Bounded everywhere — attempts, wait, queue length — so a dead or slow
 * receiver costs a few timers and at most maxQueue small strings, never a growing heap. The backoff
 * is the destinations' (capped exponential with jitter, so many studios that lost the same receiver
 * do not retry in step), with a lower cap: a webhook that is a minute late is rarely still useful.
 */
import { backoffDelay, type BackoffPolicy } from '../output/backoff';
import type { Answer } from './delivery';

export interface DeliveryPolicy extends BackoffPolicy {
  /** Attempts per delivery, the first included; then it is dropped with a warning. */
  maxAttempts: number;
  /** One attempt's limit: connect, send and the receiver's answer. */
  timeoutMs: number;
  /** Deliveries waiting behind the one in flight, per webhook; beyond it the oldest is dropped. */
  maxQueue: number;
}

export const DEFAULT_POLICY: DeliveryPolicy = {
  baseMs: 1000,
  factor: 2,
  maxMs: 30_000,
  jitter: 0.2,
  maxAttempts: 5,
  timeoutMs: 10_000,
  maxQueue: 100,
};

/**
 * The wait before retry number `retry` (1 = the second attempt). A receiver that says when to come
 * back (Retry-After on 429 or 503) is heeded, within the same cap.
 */
export function retryDelay(retry: number, policy: DeliveryPolicy, random: () => number = Math.random, retryAfterMs?: number): number {
  const backoff = backoffDelay(retry, policy, random);
  return retryAfterMs === undefined ? backoff : Math.min(policy.maxMs, Math.max(backoff, retryAfterMs));
}

/** What an attempt came to, as the queue sees it. */
export type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** Trying again would not help: the receiver refused it (4xx), or there is no secret to sign with. */
  | { kind: 'reject'; reason: string }
  | { kind: 'aborted' };

/** 2xx is delivered; a network error, a timeout, 5xx and 429 are worth another try; the rest are not. */
export function judge(answer: Answer): Outcome {
  switch (answer.kind) {
    case 'aborted':
      return { kind: 'aborted' };
    case 'timeout':
      return { kind: 'retry', reason: 'no answer in time' };
    case 'unreachable':
      return { kind: 'retry', reason: answer.reason };
    case 'status': {
      const { status } = answer;
      if (status >= 200 && status < 300) return { kind: 'delivered', status };
      if (status === 429 || status >= 500) {
        const reason = `HTTP ${status}`;
        return answer.retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: answer.retryAfterMs };
      }
      return { kind: 'reject', reason: `HTTP ${status}` };
    }
  }
}
