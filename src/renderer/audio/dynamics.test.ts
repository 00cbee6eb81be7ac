import { describe, expect, it } from 'vitest';
import { dynamicsParams, gainDb } from './dynamics';

describe('dynamics gain computer', () => {
  it('limits to the threshold', () => {
    const p = dynamicsParams('limiter_filter', { threshold: -6, release_time: 60 })!;
    expect(gainDb(p, 0, 0)).toBe(-6);
    expect(gainDb(p, -10, 0)).toBe(0);
  });
  it('compresses above the threshold by the ratio', () => {
    const p = dynamicsParams('compressor_filter', { ratio: 4, threshold: -20 })!;
    // 12 dB over at 4:1 leaves 3 dB over: 9 dB of reduction.
    expect(gainDb(p, -8, 0)).toBeCloseTo(-9, 6);
    expect(gainDb(p, -30, 0)).toBe(0);
  });
  it('expands below the threshold, and a gate preset shuts harder', () => {
    const p = dynamicsParams('expander_filter', { ratio: 2, threshold: -40 })!;
    expect(gainDb(p, -50, 0)).toBeCloseTo(-10, 6);
    expect(gainDb(p, -30, 0)).toBe(0);
    const gate = dynamicsParams('expander_filter', { presets: 'gate', threshold: -40 })!;
    expect(gainDb(gate, -50, 0)).toBeCloseTo(-90, 6);
  });
  it('a noise gate is open or shut by its state, and reads OBS settings names', () => {
    const p = dynamicsParams('noise_gate_filter', { open_threshold: -20, close_threshold: -30, attack_time: 5, hold_time: 100, release_time: 50 })!;
    expect(p).toMatchObject({ mode: 'gate', threshold: -20, closeThreshold: -30, attackMs: 5, holdMs: 100, releaseMs: 50 });
    expect(gainDb(p, -50, 1)).toBe(0);
    expect(gainDb(p, -50, 0)).toBe(-96);
  });
  it('runs only the level-driven kinds', () => {
    expect(dynamicsParams('gain_filter', { db: 6 })).toBeNull();
  });
});
