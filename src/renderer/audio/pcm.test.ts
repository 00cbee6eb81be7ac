import { describe, expect, it } from 'vitest';
import { interleaveS16 } from './pcm';
import { tapWorkletSource } from './worklet';

describe('interleaveS16', () => {
  it('interleaves and scales to s16 with clipping', () => {
    const l = new Float32Array([0, 1, -1, 0.5, 2]);
    const r = new Float32Array([0.25, -0.5, 1, -2, Number.NaN]);
    const out = new Int16Array(10);
    interleaveS16(l, r, 0, out, 0, 5);
    expect(Array.from(out)).toEqual([0, 8192, 32767, -16384, -32768, 32767, 16384, -32768, 32767, 0]);
  });

  it('copies a slice into a later frame of the output', () => {
    const l = new Float32Array([0, 0, 0.5]);
    const out = new Int16Array(8);
    interleaveS16(l, l, 2, out, 3, 1);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0, 16384, 16384]);
  });

  it('is self-contained, so the worklet source can embed it', () => {
    const src = tapWorkletSource();
    // Rebuild the function from its text alone, with no module scope.
    const rebuilt = new Function(`return (${interleaveS16.toString()});`)() as typeof interleaveS16;
    const out = new Int16Array(2);
    rebuilt(new Float32Array([1]), new Float32Array([-1]), 0, out, 0, 1);
    expect(Array.from(out)).toEqual([32767, -32768]);
    expect(src).toContain("registerProcessor('studio-pcm-tap'");
    expect(src).toContain('const CHUNK = 480;');
  });
});
