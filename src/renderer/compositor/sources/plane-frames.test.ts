import { describe, expect, it, vi } from 'vitest';
import { PlaneFrames } from './plane-frames';
import type { PlaneFrame } from './yuv-planes';

const NO_CROP = { left: 0, top: 0, right: 0, bottom: 0 };

/** A decoded frame as Chromium hands it: planes copied on request, its first luma byte saying which frame it is. */
function frame(id: number, opts: { format?: string; fail?: boolean; width?: number; height?: number } = {}) {
  const width = opts.width ?? 4;
  const height = opts.height ?? 2;
  let release: () => void = () => {};
  const f = {
    format: opts.format ?? 'I420',
    visibleRect: { x: 0, y: 0, width, height },
    displayWidth: width,
    displayHeight: height,
    colorSpace: { matrix: 'bt709', fullRange: false },
    close: vi.fn(),
    copyTo: vi.fn((dest: Uint8Array) => {
      dest[0] = id;
      // The copy ends when the test says so (copies are asynchronous in Chromium).
      return new Promise<void>((resolve, reject) => (release = () => (opts.fail ? reject(new Error('gone')) : resolve())));
    }),
    release: () => release(),
  };
  return f;
}

function setup(max = 4) {
  const shown: number[] = [];
  const out = {
    texture: {} as WebGLTexture,
    size: { width: 64, height: 36 },
    applied: '',
    convert: vi.fn((f: PlaneFrame, _crop?: unknown, _mirror?: boolean, lead?: { key: string } | null) => {
      shown.push(f.bytes[0]!);
      out.applied = lead?.key ?? '';
    }),
    reapply: vi.fn(() => true),
    dispose: vi.fn(),
  };
  const planes = new PlaneFrames({} as WebGL2RenderingContext, max, out);
  const take = (f: ReturnType<typeof frame>, due: number, mediaTime = -1): boolean => planes.takeFrame(f as unknown as VideoFrame, due, mediaTime);
  return { planes, out, shown, take };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('PlaneFrames', () => {
  it('shows a copied frame from its due time, converting only the newest due one, and closes every frame', async () => {
    const { planes, shown, take } = setup();
    const a = frame(1);
    const b = frame(2);
    const c = frame(3);
    expect(take(a, 100, 1.0)).toBe(true);
    expect(take(b, 110, 1.1)).toBe(true);
    expect(take(c, 200, 1.2)).toBe(true);
    expect(planes.waiting).toBe(3); // all three still copying
    expect(planes.showDue(NO_CROP, false, null, 150)).toBe(false); // nothing copied yet
    a.release();
    b.release();
    c.release();
    await settle();
    expect(planes.waiting).toBe(3);
    expect(planes.picture).toBeNull();
    expect(planes.showDue(NO_CROP, false, null, 150)).toBe(true);
    // 1 and 2 were due; only 2 (the newer) is converted.
    expect(shown).toEqual([2]);
    expect(planes.shownTime).toBe(1.1);
    expect(planes.waiting).toBe(1);
    expect(planes.showDue(NO_CROP, false, null, 199)).toBe(false);
    expect(planes.showDue(NO_CROP, false, null, 200)).toBe(true);
    expect(shown).toEqual([2, 3]);
    expect(planes.picture).not.toBeNull();
    for (const f of [a, b, c]) expect(f.close).toHaveBeenCalledTimes(1);
  });

  it('drops a copy under way when cleared, and keeps at most `max` frames waiting', async () => {
    const { planes, shown, take } = setup(2);
    const old = frame(9);
    take(old, 0);
    planes.clear();
    old.release();
    await settle();
    expect(old.close).toHaveBeenCalledTimes(1);
    expect(planes.showDue(NO_CROP, false, null, 1000)).toBe(false);
    const fs = [1, 2, 3].map((id) => frame(id));
    fs.forEach((f, i) => take(f, 10 * i));
    fs.forEach((f) => f.release());
    await settle();
    expect(planes.waiting).toBe(2);
    expect(planes.showDue(NO_CROP, false, null, 5)).toBe(false); // frame 1 (due 0) was the oldest, dropped
    expect(planes.showDue(NO_CROP, false, null, 10)).toBe(true);
    expect(shown).toEqual([2]);
  });

  it('leaves a frame it cannot read to the caller, says why, and tries again after a clear', async () => {
    const { planes, take } = setup();
    const rgb = frame(1, { format: 'RGBX' });
    expect(take(rgb, 0)).toBe(false);
    expect(rgb.close).not.toHaveBeenCalled();
    expect(planes.unusable).toBe('frames are RGBX');
    // Off until a clear: an I420 frame now goes the caller's way too.
    expect(take(frame(2), 0)).toBe(false);
    planes.clear();
    expect(planes.unusable).toBeNull();
    const stretched = { ...frame(3), displayWidth: 8 };
    expect(planes.takeFrame(stretched as unknown as VideoFrame, 0, -1)).toBe(false);
    expect(planes.unusable).toMatch(/shown at 8×2, decoded at 4×2/);
  });

  it('turns itself off when a copy fails, and says so', async () => {
    const { planes, take } = setup();
    const f = frame(1, { fail: true });
    expect(take(f, 0)).toBe(true);
    f.release();
    await settle();
    expect(planes.unusable).toMatch(/copyTo failed: Error: gone/);
    expect(planes.waiting).toBe(0);
    expect(f.close).toHaveBeenCalledTimes(1);
    expect(take(frame(2), 0)).toBe(false);
  });

  it('runs the lead filter in the conversion, and again on the picture shown, never on nothing', async () => {
    const { planes, out, take } = setup();
    const lead = { glsl: 'vec4 point(vec4 c) { return c; }', key: 'grade#1', set: vi.fn() };
    // Nothing shown: nothing to convert again, and nothing went through the lead.
    expect(planes.reapply(lead)).toBe(false);
    expect(out.reapply).not.toHaveBeenCalled();
    const a = frame(1);
    take(a, 0);
    a.release();
    await settle();
    expect(planes.showDue(NO_CROP, false, lead, 10)).toBe(true);
    expect(out.convert).toHaveBeenLastCalledWith(expect.anything(), NO_CROP, false, lead);
    expect(planes.applied).toBe('grade#1');
    expect(planes.reapply(null)).toBe(true);
    expect(out.reapply).toHaveBeenLastCalledWith(null);
    // Cleared, the picture is gone, and with it what it went through.
    planes.clear();
    expect(planes.applied).toBe('');
    expect(planes.reapply(lead)).toBe(false);
  });
});
