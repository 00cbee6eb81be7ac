import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('doubles from 250 ms and caps at 5 s', () => {
    const mid = (): number => 0.5;
    expect([0, 1, 2, 3, 4, 5, 10, 1000].map((a) => reconnectDelay(a, mid))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('jitters within ±20 %', () => {
    expect(reconnectDelay(10, () => 0)).toBe(BACKOFF_MAX_MS * 0.8);
    expect(reconnectDelay(10, () => 0.999999)).toBeLessThanOrEqual(BACKOFF_MAX_MS * 1.2);
  });
});
