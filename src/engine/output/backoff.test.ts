import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s and stops growing at 60 s', () => {
    const mid = (): number => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffDelay(n, DEFAULT_BACKOFF, mid))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('spreads each delay by at most ±20 %', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(800);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.999999)).toBe(1200);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0)).toBe(48_000);
    expect(backoffDelay(10, DEFAULT_BACKOFF, () => 0.999999)).toBe(72_000);
    const seen = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(seen.size).toBeGreaterThan(10);
    for (const d of seen) expect(d >= 3200 && d <= 4800).toBe(true);
  });

  it('treats attempt 0 or fractions as the first retry', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0.5)).toBe(1000);
    expect(backoffDelay(2.7, DEFAULT_BACKOFF, () => 0.5)).toBe(2000);
  });
});
