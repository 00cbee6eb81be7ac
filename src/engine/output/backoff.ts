/**
 * Reconnect delays: capped exponential backoff with jitter. The jitter spreads the retries of many
 * destinations (and many studios) that lost the same server at the same moment.
 */
export interface BackoffPolicy {
  /** Delay before the first retry; default 1000 ms. */
  baseMs: number;
  /** Growth per attempt; default 2. */
  factor: number;
  /** Cap; default 60 000 ms. */
  maxMs: number;
  /** ± fraction of the delay; default 0.2. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, factor: 2, maxMs: 60_000, jitter: 0.2 };

/** The wait before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(policy.maxMs, policy.baseMs * policy.factor ** (n - 1));
  const spread = policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(raw * (1 + spread)));
}
