import { describe, expect, it } from 'vitest';
import { studioOffset } from './fake-devices';

describe('studioOffset', () => {
  it("lines the stream's events up with the devices' by their phase steps", () => {
    // The devices lost 90 ms of sound at their 5th flash; the studio adds 20 ms to every event.
    const phase = (k: number): number => (k < 5 ? 5 : 95);
    const device = Array.from({ length: 12 }, (_, k) => ({ t: 1000 * k + 200, offsetMs: phase(k) }));
    // The stream sees flashes 2..9 (one missing), on a clock 3.456 s ahead, with ±10 ms of jitter.
    const stream = [2, 3, 4, 5, 7, 8, 9].map((k, i) => ({ t: (1000 * k + 200 + 3456 + (i % 2 ? 10 : -10)) / 1000, offsetMs: phase(k) + 20 + ((i % 3) - 1) * 10 }));
    const s = studioOffset(stream, device);
    expect(s.offsetsMs).toHaveLength(7);
    expect(s.medianMs).toBeCloseTo(20, 5);
  });

  it('gives no offsets when nothing pairs', () => {
    expect(studioOffset([{ t: 1, offsetMs: 0 }], []).offsetsMs).toEqual([]);
  });
});
