import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../shared';
import { newRun, recentWindow } from './window';

const s = (t: number, patch: Partial<StatsSample> = {}): StatsSample => ({
  t,
  state: 'live',
  fps: 30,
  bitrateKbps: 2500,
  renderMs: 10,
  encoderSpeed: 1,
  cpuPercent: 30,
  lagged: 0,
  skipped: 0,
  dropped: 0,
  destinations: [],
  ...patch,
});

describe('recentWindow', () => {
  it('says nothing unless the newest sample is a running stream', () => {
    expect(recentWindow([], 10_000)).toBeNull();
    expect(recentWindow([s(1000), s(2000, { state: 'idle' })], 10_000)).toBeNull();
    expect(recentWindow([s(1000), s(2000, { state: 'stopping' })], 10_000)).toBeNull();
  });

  it('takes differences over the span only, within one run', () => {
    const run = Array.from({ length: 30 }, (_, i) => s((i + 1) * 1000, { lagged: i * 2, skipped: i, dropped: i % 2 === 0 ? i : i - 1 }));
    const w = recentWindow(run, 10_000)!;
    expect(w).toMatchObject({ seconds: 10, lagged: 20, skipped: 10, dropped: 10, renderMs: 10, encoderSpeed: 1, cpuPercent: 30 });
  });

  it('reads levels as medians, so one slow second does not speak for ten', () => {
    const run = Array.from({ length: 12 }, (_, i) => s((i + 1) * 1000, { renderMs: i === 8 ? 900 : 12, encoderSpeed: i === 9 ? 0.1 : 1 }));
    expect(recentWindow(run, 10_000)).toMatchObject({ renderMs: 12, encoderSpeed: 1 });
  });

  it('starts a new run after an idle or failed sample, a gap, or counters that went back', () => {
    expect(newRun(s(1000, { state: 'idle' }), s(2000))).toBe(true);
    expect(newRun(s(1000, { state: 'failed' }), s(2000))).toBe(true);
    expect(newRun(s(1000), s(7000))).toBe(true);
    expect(newRun(s(1000, { lagged: 9 }), s(2000, { lagged: 1 }))).toBe(true);
    expect(newRun(s(1000, { lagged: 1 }), s(2000, { lagged: 9 }))).toBe(false);
    // An engine restart without a final sample: the new run's counters are not a loss of the old.
    const w = recentWindow([s(1000, { lagged: 40 }), s(2000, { lagged: 50 }), s(3000, { lagged: 0 }), s(4000, { lagged: 1 }), s(5000, { lagged: 1 }), s(6000, { lagged: 2 })], 10_000)!;
    expect(w).toMatchObject({ seconds: 1, lagged: 1 });
  });

  it("counts a destination's drops from its first sample in the window and smooths its congestion", () => {
    const d = (dropped: number, congestion: number) => [{ id: 'a', name: 'A', state: 'live' as const, bitrateKbps: 1, dropped, congestion }];
    const run = [s(1000), s(2000), s(3000, { destinations: d(5, 0) }), s(4000, { destinations: d(9, 0.3) }), s(5000, { destinations: d(12, 0.6) }), s(6000, { destinations: d(20, 0.9) })];
    expect(recentWindow(run, 10_000)!.destinations).toEqual([{ id: 'a', name: 'A', state: 'live', dropped: 15, congestion: 0.6 }]);
  });
});
