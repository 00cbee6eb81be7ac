/** Reconnect delay: doubling from 250 ms, capped at 5 s, with ±20 % jitter so tabs do not stampede. */
export const BACKOFF_BASE_MS = 250;
export const BACKOFF_MAX_MS = 5000;

export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 20)));
  return Math.round(raw * (0.8 + 0.4 * random()));
}
