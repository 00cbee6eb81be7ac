import { describe, expect, it } from 'vitest';
import { planeLayout, yuvToRgb } from './yuv-planes';

/** What the conversion shader computes for 8-bit Y, U, V: m · (yuv − off), clamped to 0..1, in 0..255. */
function rgb(space: VideoColorSpaceInit | null, height: number, y: number, u: number, v: number): number[] {
  const { matrix: m, offset: o } = yuvToRgb(space, height);
  const d = [y / 255 - o[0]!, u / 255 - o[1]!, v / 255 - o[2]!];
  // Column-major: column c is m[3c..3c+2].
  return [0, 1, 2].map((r) => Math.round(Math.min(1, Math.max(0, m[r]! * d[0]! + m[3 + r]! * d[1]! + m[6 + r]! * d[2]!)) * 255));
}

/** Within 2 of 255 on every channel. */
function near(got: number[], want: number[]): void {
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `channel ${i} of ${JSON.stringify(got)}`).toBeLessThanOrEqual(2));
}

describe('yuvToRgb', () => {
  it('maps limited-range black and white to 0 and 255, and BT.709 primaries to themselves', () => {
    const bt709 = { matrix: 'bt709' as const, fullRange: false };
    expect(rgb(bt709, 1080, 16, 128, 128)).toEqual([0, 0, 0]);
    expect(rgb(bt709, 1080, 235, 128, 128)).toEqual([255, 255, 255]);
    // BT.709 limited-range red, green and blue (as FFmpeg's colour bars encode them).
    near(rgb(bt709, 1080, 63, 102, 240), [255, 0, 0]);
    near(rgb(bt709, 1080, 173, 42, 26), [0, 255, 0]);
    near(rgb(bt709, 1080, 32, 240, 118), [0, 0, 255]);
  });

  it('uses BT.601 weights for SMPTE 170M and for untagged video under 720 lines, and honours full range', () => {
    // BT.601 limited-range red is Y 81, U 90, V 240.
    near(rgb({ matrix: 'smpte170m' }, 1080, 81, 90, 240), [255, 0, 0]);
    near(rgb(null, 480, 81, 90, 240), [255, 0, 0]);
    // Untagged HD is BT.709: the same bytes are not pure red there.
    expect(rgb(null, 1080, 81, 90, 240)[1]).toBeGreaterThan(20);
    near(rgb({ matrix: 'bt709', fullRange: true }, 1080, 0, 128, 128), [0, 0, 0]);
    near(rgb({ matrix: 'bt709', fullRange: true }, 1080, 255, 128, 128), [255, 255, 255]);
  });
});

describe('planeLayout', () => {
  it('packs I420 and NV12 planes tightly, with odd sizes rounded up for chroma', () => {
    expect(planeLayout('I420', 1920, 1080)).toEqual({
      layout: [
        { offset: 0, stride: 1920 },
        { offset: 1920 * 1080, stride: 960 },
        { offset: 1920 * 1080 + 960 * 540, stride: 960 },
      ],
      size: 1920 * 1080 * 1.5,
    });
    expect(planeLayout('NV12', 5, 3)).toEqual({ layout: [{ offset: 0, stride: 5 }, { offset: 15, stride: 6 }], size: 15 + 3 * 2 * 2 });
    expect(planeLayout('I420', 5, 3).size).toBe(15 + 2 * 3 * 2);
  });
});
