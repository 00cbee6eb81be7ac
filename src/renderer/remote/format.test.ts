import { describe, expect, it } from 'vitest';
import { formatBytes, formatKbps, formatTimecode, meterFill } from './format';

describe('format', () => {
  it('reads at a glance', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1_530_000)).toBe('1.5 MB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
    expect(formatKbps(2500)).toBe('2.50 Mb/s');
    expect(formatKbps(640.4)).toBe('640 kb/s');
    expect(formatTimecode('01:02:03.456')).toBe('1:02:03');
    expect(formatTimecode('bad')).toBe('0:00:00');
  });

  it('maps -60..0 dB onto the meter', () => {
    expect(meterFill(1)).toBe(1);
    expect(meterFill(0)).toBe(0);
    expect(meterFill(0.001)).toBeCloseTo(0); // -60 dB
    expect(meterFill(0.1)).toBeCloseTo(2 / 3); // -20 dB
    expect(meterFill(2)).toBe(1);
  });
});
