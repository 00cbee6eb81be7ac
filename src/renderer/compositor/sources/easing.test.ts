import { describe, expect, it } from 'vitest';
import { ease } from './easing';

describe('ease', () => {
  it.each(['linear', 'ease_out', 'ease_in_out', 'back', 'unknown'])('%s starts at 0 and ends at 1, clamped outside', (k) => {
    expect(ease(k, 0)).toBeCloseTo(0, 9);
    expect(ease(k, 1)).toBeCloseTo(1, 9);
    expect(ease(k, -3)).toBeCloseTo(0, 9);
    expect(ease(k, 7)).toBeCloseTo(1, 9);
  });

  it('shapes the middle as named', () => {
    expect(ease('linear', 0.25)).toBe(0.25);
    // Ease out is ahead of linear, ease in-out symmetric around the middle, back overshoots.
    expect(ease('ease_out', 0.25)).toBeGreaterThan(0.5);
    expect(ease('ease_in_out', 0.5)).toBeCloseTo(0.5, 9);
    expect(ease('ease_in_out', 0.2)).toBeLessThan(0.2);
    expect(Math.max(...[0.6, 0.7, 0.8, 0.9].map((t) => ease('back', t)))).toBeGreaterThan(1.05);
    // An unknown name falls back to ease out rather than failing.
    expect(ease('bogus', 0.25)).toBe(ease('ease_out', 0.25));
  });
});
