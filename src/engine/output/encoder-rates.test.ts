import { describe, expect, it } from 'vitest';
import { ratesBetween } from './encoder';
import type { ProgressSnapshot } from './progress-parser';

const snap = (frame: number, totalSize: number, outTimeUs: number | null): ProgressSnapshot => ({
  frame,
  fps: null,
  bitrateKbps: null,
  totalSize,
  outTimeUs,
  dupFrames: 0,
  dropFrames: 0,
  speed: null,
  progress: 'continue',
});

describe('encoder rates', () => {
  it('measures bitrate over encoded media time, so catching up at the start is no burst', () => {
    // 2 s of 2500 kbps media (625 000 bytes) written in 0.5 s of wall time while FFmpeg catches up.
    const r = ratesBetween(snap(0, 0, 0), snap(60, 625_000, 2_000_000), 0.5);
    expect(r.bitrateKbps).toBeCloseTo(2500, 6);
    expect(r.encoderSpeed).toBeCloseTo(4, 6);
    expect(r.fps).toBeCloseTo(120, 6);
  });

  it('falls back to the wall clock when FFmpeg gives no media time', () => {
    expect(ratesBetween(snap(0, 0, null), snap(30, 312_500, null), 1).bitrateKbps).toBeCloseTo(2500, 6);
    expect(ratesBetween(snap(0, 0, 5), snap(30, 312_500, 5), 1).bitrateKbps).toBeCloseTo(2500, 6);
  });
});
