/** The browser source's jitter buffer: where chunks go on the audio clock, and the PCM they carry. */
import { describe, expect, it } from 'vitest';
import { JITTER_CALM_S, JITTER_HEADROOM_S, JITTER_TARGET_MAX_S, JITTER_TARGET_S, JitterSchedule, decodePcm } from './browser-audio';

const CHUNK = 2048 / 48_000;

describe('JitterSchedule', () => {
  it('starts the first chunk the target ahead, then plays chunks back to back', () => {
    const s = new JitterSchedule();
    expect(s.place(10, CHUNK)).toBeCloseTo(10 + JITTER_TARGET_S, 9);
    // A burst of three arriving at once: each follows the last, no gap, no overlap.
    expect(s.place(10.01, CHUNK)).toBeCloseTo(10 + JITTER_TARGET_S + CHUNK, 9);
    expect(s.place(10.01, CHUNK)).toBeCloseTo(10 + JITTER_TARGET_S + 2 * CHUNK, 9);
    // Arriving late but before its turn: still back to back.
    expect(s.place(10.15, CHUNK)).toBeCloseTo(10 + JITTER_TARGET_S + 3 * CHUNK, 9);
  });

  it('after silence on the page starts over the same target ahead', () => {
    const s = new JitterSchedule();
    s.place(0, CHUNK);
    expect(s.place(5, CHUNK)).toBeCloseTo(5 + JITTER_TARGET_S, 9);
    expect(s.place(5, CHUNK)).toBeCloseTo(5 + JITTER_TARGET_S + CHUNK, 9);
    expect(s.delay).toBe(JITTER_TARGET_S);
  });

  it('an underrun (a chunk came late) raises the target 50 ms at a time, up to 400 ms; 20 s calm lowers it', () => {
    const s = new JitterSchedule();
    let now = 0;
    s.place(now, CHUNK);
    // Each chunk arrives just after the previous one ran out: an underrun every time.
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      now += s.delay + CHUNK + 0.01;
      const at = s.place(now, CHUNK)!;
      delays.push(Number((at - now).toFixed(3)));
    }
    expect(delays).toEqual([0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.4, 0.4]);
    expect(JITTER_TARGET_MAX_S).toBe(0.4);
    // Calm for 20 s, then silence and a new start: 50 ms less.
    now += JITTER_CALM_S + 1;
    expect(s.place(now, CHUNK)! - now).toBeCloseTo(0.35, 9);
  });

  it('drops a chunk that would stretch the delay past the headroom, so a fast page clock cannot grow it', () => {
    const s = new JitterSchedule();
    const placed: (number | null)[] = [];
    for (let i = 0; i < 20; i++) placed.push(s.place(0, CHUNK));
    const kept = placed.filter((t) => t !== null) as number[];
    expect(kept.length).toBe(Math.floor(JITTER_HEADROOM_S / CHUNK + 1e-9));
    expect(kept.at(-1)! + CHUNK).toBeLessThanOrEqual(JITTER_TARGET_S + JITTER_HEADROOM_S + 1e-9);
    // Once played down, chunks are taken again right after the last one kept.
    expect(s.place(0.2, CHUNK)).toBeCloseTo(kept.at(-1)! + CHUNK, 9);
  });

  it('reset: the next chunk starts a new run', () => {
    const s = new JitterSchedule();
    s.place(0, CHUNK);
    s.reset();
    expect(s.place(0.01, CHUNK)).toBeCloseTo(0.01 + JITTER_TARGET_S, 9);
  });
});

describe('decodePcm', () => {
  it('splits s16le interleaved stereo into two channels of floats', () => {
    const pcm = new DataView(new ArrayBuffer(8));
    pcm.setInt16(0, 16384, true);
    pcm.setInt16(2, -32768, true);
    pcm.setInt16(4, -1, true);
    pcm.setInt16(6, 32767, true);
    const [l, r] = decodePcm(btoa(String.fromCharCode(...new Uint8Array(pcm.buffer))));
    expect([...l]).toEqual([0.5, -1 / 32768]);
    expect([...r]).toEqual([-1, 32767 / 32768]);
  });
});
