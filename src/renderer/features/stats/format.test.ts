import { describe, expect, it } from 'vitest';
import { formatBitrate, formatBytes, formatFps, formatMs, formatSpeed, formatUptime, sparkPoints } from './format';

describe('stats formatting', () => {
  it('bitrate in kbps below 1000, Mbps above', () => {
    expect(formatBitrate(0)).toBe('0 kbps');
    expect(formatBitrate(850.4)).toBe('850 kbps');
    expect(formatBitrate(2500)).toBe('2.50 Mbps');
  });
  it('bytes in B, KB, MB, GB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.00 KB');
    expect(formatBytes(15 * 1024 * 1024)).toBe('15.0 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GB');
  });
  it('uptime as HH:MM:SS, hours past 99 included', () => {
    expect(formatUptime(0)).toBe('00:00:00');
    expect(formatUptime(3_723_999)).toBe('01:02:03');
    expect(formatUptime(100 * 3600 * 1000)).toBe('100:00:00');
    expect(formatUptime(-5)).toBe('00:00:00');
  });
  it('fps, ms and speed', () => {
    expect(formatFps(29.97)).toBe('30.0');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatSpeed(1)).toBe('1.00×');
    expect(formatSpeed(0)).toBe('—');
  });
  it('sparkline points end at the right edge and scale to the peak', () => {
    expect(sparkPoints([], 100, 20, 10)).toBe('');
    const pts = sparkPoints([0, 50, 100], 100, 21, 3).split(' ');
    expect(pts).toEqual(['0.0,20.5', '50.0,10.5', '100.0,0.5']);
    const partial = sparkPoints([10], 90, 10, 10).split(' ');
    expect(partial[0]?.startsWith('90.0,')).toBe(true);
  });
});
