import { describe, expect, it } from 'vitest';
import { fitCaptureSize, unpremultiply } from './capture';

describe('fitCaptureSize', () => {
  it('uses the subject size, keeps its aspect for a missing side, and stays within 4096', () => {
    expect(fitCaptureSize(0, 0, 320, 180)).toEqual({ width: 320, height: 180 });
    expect(fitCaptureSize(160, 0, 320, 180)).toEqual({ width: 160, height: 90 });
    expect(fitCaptureSize(0, 45, 320, 180)).toEqual({ width: 80, height: 45 });
    expect(fitCaptureSize(640, 100, 320, 180)).toEqual({ width: 640, height: 100 });
    expect(fitCaptureSize(0, 0, 8192, 2048)).toEqual({ width: 4096, height: 1024 });
    expect(fitCaptureSize(4096, 0, 10, 1000)).toEqual({ width: 4096, height: 4096 });
  });

  it('refuses a subject with nothing to show unless both sides are given', () => {
    expect(() => fitCaptureSize(0, 0, 0, 0)).toThrow(/nothing to show/);
    expect(fitCaptureSize(8, 8, 0, 0)).toEqual({ width: 8, height: 8 });
  });
});

describe('unpremultiply', () => {
  it('restores straight alpha and leaves opaque and empty pixels alone', () => {
    const px = new Uint8Array([128, 64, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0, 200, 0, 0, 100]);
    unpremultiply(px);
    expect([...px]).toEqual([255, 128, 0, 128, 10, 20, 30, 255, 0, 0, 0, 0, 255, 0, 0, 100]);
  });
});
