import { describe, expect, it } from 'vitest';
import { CLIP_DB, formatDb, meterFraction, readMeter } from './meter';

describe('mixer meter', () => {
  it('maps −60..0 dB onto the bar', () => {
    expect(meterFraction(-Infinity)).toBe(0);
    expect(meterFraction(-80)).toBe(0);
    expect(meterFraction(-30)).toBeCloseTo(0.5, 6);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(6)).toBe(1);
  });
  it('reads OBS levels per channel and finds the loudest peak', () => {
    const m = readMeter([
      [0.05, 0.1, 0.2],
      [0.1, 0.5, 0.5],
    ]);
    expect(m.peakDb[0]).toBeCloseTo(-20, 6);
    expect(m.maxPeakDb).toBeCloseTo(-6.02, 2);
    expect(m.rmsDb[1]).toBeCloseTo(-20, 6);
    expect(m.clipped).toBe(false);
  });
  it('calls a peak near full scale a clip', () => {
    expect(readMeter([[0.7, 10 ** (CLIP_DB / 20), 1]]).clipped).toBe(true);
    expect(readMeter([[0.7, 0.9, 1]]).clipped).toBe(false);
    expect(readMeter(undefined)).toEqual({ peakDb: [], rmsDb: [], maxPeakDb: -Infinity, clipped: false });
  });
  it('writes dB for people', () => {
    expect(formatDb(-Infinity)).toBe('-inf dB');
    expect(formatDb(-6.0206)).toBe('-6.0 dB');
  });
});
