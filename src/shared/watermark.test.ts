import { describe, expect, it } from 'vitest';
import { DEFAULT_WATERMARK, watermarkRect, type Watermark } from './watermark';

const wm = (over: Partial<Watermark>): Watermark => ({ ...DEFAULT_WATERMARK, enabled: true, ...over });

describe('watermarkRect', () => {
  it('puts the mark in its corner, the margin from the safe area', () => {
    // 1280×720: the safe area starts 64 px in from the sides and 36 px from top and bottom.
    expect(watermarkRect(wm({ anchor: 'top_left', margin: 10 }), 1280, 720, 100, 50)).toEqual({ x: 74, y: 46, width: 100, height: 50 });
    expect(watermarkRect(wm({ anchor: 'top_right', margin: 10 }), 1280, 720, 100, 50)).toEqual({ x: 1106, y: 46, width: 100, height: 50 });
    expect(watermarkRect(wm({ anchor: 'bottom_left', margin: 0 }), 1280, 720, 100, 50)).toEqual({ x: 64, y: 634, width: 100, height: 50 });
    expect(watermarkRect(wm({ anchor: 'bottom_right', margin: 0 }), 1280, 720, 100, 50)).toEqual({ x: 1116, y: 634, width: 100, height: 50 });
  });

  it('measures from the canvas edge when the safe area is off', () => {
    expect(watermarkRect(wm({ anchor: 'bottom_right', margin: 8, safeArea: false }), 1920, 1080, 200, 100)).toEqual({
      x: 1712,
      y: 972,
      width: 200,
      height: 100,
    });
  });
});
