import { describe, expect, it } from 'vitest';
import { fenceSignalled, fitCaptureSize, type FenceGl, unpremultiply } from './capture';

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

describe('fenceSignalled', () => {
  // A GPU fence's status as WebGL reports it between tasks; `signalsAfter` polls (Infinity: never).
  const gl = (signalsAfter: number, lost = () => false): FenceGl & { polls: number } => {
    const g = {
      polls: 0,
      SYNC_STATUS: 0x9114,
      SIGNALED: 0x9119,
      isContextLost: lost,
      getSyncParameter: () => (++g.polls > signalsAfter ? 0x9119 : 0x9118),
    };
    return g as unknown as FenceGl & { polls: number };
  };
  const sync = {} as WebGLSync;

  it('resolves true once the fence signals, polling between tasks', async () => {
    const g = gl(3);
    await expect(fenceSignalled(g, sync, 10_000)).resolves.toBe(true);
    expect(g.polls).toBe(4);
  });

  it('gives the time waited instead of failing when the fence never signals within its patience', async () => {
    const g = gl(Infinity);
    const waited = await fenceSignalled(g, sync, 30);
    expect(waited).toBeGreaterThanOrEqual(30);
    expect(g.polls).toBeGreaterThan(1);
  });

  it('rejects when the context is lost while it waits', async () => {
    let polls = 0;
    const g = gl(Infinity, () => ++polls > 2);
    await expect(fenceSignalled(g, sync, 10_000)).rejects.toThrow(/context was lost/);
  });
});
