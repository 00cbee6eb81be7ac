import { describe, expect, it } from 'vitest';
import { cropSize } from './crop';
import { parseResolution, scaledSize } from './scale';

const crop = (o: Partial<Parameters<typeof cropSize>[0]>) => ({ relative: true, left: 0, top: 0, right: 0, bottom: 0, cx: 0, cy: 0, ...o });

describe('filter output sizes', () => {
  it('crop_filter: relative edges, padding with negatives, absolute windows, never below 1×1', () => {
    expect(cropSize(crop({ left: 30, right: 10, top: 5 }), 100, 50)).toEqual({ width: 60, height: 45 });
    expect(cropSize(crop({ left: -10, bottom: -6 }), 100, 50)).toEqual({ width: 110, height: 56 });
    expect(cropSize(crop({ relative: false, left: 10, cx: 40, cy: 20 }), 100, 50)).toEqual({ width: 40, height: 20 });
    expect(cropSize(crop({ relative: false, left: 10, top: 5 }), 100, 50)).toEqual({ width: 90, height: 45 });
    expect(cropSize(crop({ left: 80, right: 80 }), 100, 50)).toEqual({ width: 1, height: 50 });
  });

  it('scale_filter: None, WxH, an aspect at the input height, and the canvas', () => {
    expect(parseResolution('None')).toEqual({ type: 'none' });
    expect(parseResolution(' 640x360 ')).toEqual({ type: 'size', width: 640, height: 360 });
    expect(parseResolution('16:9')).toEqual({ type: 'aspect', ratio: 16 / 9 });
    expect(parseResolution('Base (Canvas)')).toEqual({ type: 'base' });
    expect(parseResolution('0x10')).toEqual({ type: 'none' });
    expect(scaledSize(parseResolution('4:3'), 1920, 1080, 1280, 720)).toEqual({ width: 1440, height: 1080 });
    expect(scaledSize(parseResolution('Base'), 300, 200, 1280, 720)).toEqual({ width: 1280, height: 720 });
    expect(scaledSize(parseResolution('nonsense'), 300, 200, 1280, 720)).toEqual({ width: 300, height: 200 });
  });
});
