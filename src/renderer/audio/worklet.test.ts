import { describe, expect, it } from 'vitest';
import { interleaveTracksS16, tapWorkletSource } from './worklet';

describe("the PCM tap's six-track interleave", () => {
  it('writes each track as its stereo pair, track-major, silence where a track has no input, mono to both sides', () => {
    const frames = 3;
    const t1 = [new Float32Array([0.5, -0.5, 1]), new Float32Array([0.25, 0, -1])];
    const t3 = [new Float32Array([2, 0, 0])]; // mono, and over full scale: clipped
    const out = new Int16Array(frames * 12).fill(7);
    interleaveTracksS16([t1, [], t3, undefined, [], []], 0, out, 0, frames, 12);
    const frame = (i: number) => [...out.subarray(i * 12, i * 12 + 12)];
    expect(frame(0)).toEqual([16384, 8192, 0, 0, 32767, 32767, 0, 0, 0, 0, 0, 0]);
    expect(frame(1)).toEqual([-16384, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(frame(2)).toEqual([32767, -32768, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('fills a chunk from an offset in the block and in the chunk', () => {
    const out = new Int16Array(4 * 12);
    interleaveTracksS16([[], [new Float32Array([0, 0.5, 0.5]), new Float32Array([0, -0.5, -0.5])]], 1, out, 2, 2, 12);
    expect([...out.subarray(24, 28)]).toEqual([0, 0, 16384, -16384]);
    expect([...out.subarray(36, 40)]).toEqual([0, 0, 16384, -16384]);
    expect(out.subarray(0, 24).every((v) => v === 0)).toBe(true);
  });

  it('embeds the function as self-contained source text', () => {
    const src = tapWorkletSource();
    expect(src).toContain('const CHANNELS = 12;');
    // The embedded text must run on its own: evaluate it like the worklet does.
    const fn = new Function(`${src.split('const CHUNK')[0]}; return interleave;`)() as typeof interleaveTracksS16;
    const out = new Int16Array(12);
    fn([[new Float32Array([0.5])]], 0, out, 0, 1, 12);
    expect(out[0]).toBe(16384);
  });
});
