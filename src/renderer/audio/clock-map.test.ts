import { describe, expect, it } from 'vitest';
import { AudioClockMap } from './clock-map';

describe('AudioClockMap', () => {
  it('stamps each chunk at its first sample on the page clock, whatever the message delay', () => {
    const map = new AudioClockMap(48000);
    // The graph renders frame f at page time 500 + f/48; chunks of 480 arrive 1..9 ms after their last sample.
    const stamps: number[] = [];
    for (let k = 0; k < 300; k++) {
      const start = k * 480;
      const end = start + 480;
      const delay = 1 + ((k * 7) % 9);
      stamps.push(map.stamp(start, end, 500 + end / 48 + delay));
    }
    // After the first second the window holds a chunk that came with the least delay (1 ms).
    for (let k = 100; k < 300; k++) expect(stamps[k]! - (500 + (k * 480) / 48)).toBeCloseTo(1, 6);
  });

  it('follows an audio clock that runs slow against the page clock', () => {
    const map = new AudioClockMap(48000, 1000);
    // 48000 frames take 1.0001 s of page time (100 ppm slow); chunks arrive 2 ms after their last sample.
    const page = (f: number): number => 100 + (f / 48) * 1.0001;
    let err = 0;
    for (let k = 0; k < 100 * 60; k++) {
      const start = k * 480;
      const s = map.stamp(start, start + 480, page(start + 480) + 2);
      err = Math.max(err, Math.abs(s - page(start) - 2));
    }
    // The mapping moves with the drift (6 ms over the minute); it lags by at most window × drift (0.1 ms).
    expect(err).toBeLessThan(0.11);
  });
});
