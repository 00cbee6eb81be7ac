/** OBS's bounding boxes in the shared transform math (what render, hit tests and outlines all use). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type BoundsType, type Transform } from '../../shared';
import { containsPoint, itemBounds } from './transform';

// A 400×200 source, its box 200×200 with the box's top-left at (100, 100).
const box = (boundsType: BoundsType, extra: Partial<Transform> = {}): Transform => ({
  ...DEFAULT_TRANSFORM,
  positionX: 100,
  positionY: 100,
  alignment: 5,
  boundsType,
  boundsAlignment: 0,
  boundsWidth: 200,
  boundsHeight: 200,
  ...extra,
});

describe('bounding boxes', () => {
  it('fits the source as each OBS type says, placed in the box by boundsAlignment', () => {
    expect(itemBounds(box('OBS_BOUNDS_NONE'), 400, 200)).toEqual({ x: 100, y: 100, width: 400, height: 200 });
    expect(itemBounds(box('OBS_BOUNDS_STRETCH'), 400, 200)).toEqual({ x: 100, y: 100, width: 200, height: 200 });
    // Inner: 200×100, centred vertically in the box.
    expect(itemBounds(box('OBS_BOUNDS_SCALE_INNER'), 400, 200)).toEqual({ x: 100, y: 150, width: 200, height: 100 });
    // Outer: 400×200, centred: it overhangs the box by 100 each side.
    expect(itemBounds(box('OBS_BOUNDS_SCALE_OUTER'), 400, 200)).toEqual({ x: 0, y: 100, width: 400, height: 200 });
    expect(itemBounds(box('OBS_BOUNDS_SCALE_TO_WIDTH'), 400, 200)).toEqual({ x: 100, y: 150, width: 200, height: 100 });
    expect(itemBounds(box('OBS_BOUNDS_SCALE_TO_HEIGHT'), 400, 200)).toEqual({ x: 0, y: 100, width: 400, height: 200 });
    // Max only: too big shrinks like inner; small enough keeps its own scale.
    expect(itemBounds(box('OBS_BOUNDS_MAX_ONLY'), 400, 200)).toEqual({ x: 100, y: 150, width: 200, height: 100 });
    expect(itemBounds(box('OBS_BOUNDS_MAX_ONLY', { scaleX: 0.25, scaleY: 0.25 }), 400, 200)).toEqual({ x: 150, y: 175, width: 100, height: 50 });
    // Inner, aligned to the box's bottom-right (10); the box itself centred on the position (0).
    expect(itemBounds(box('OBS_BOUNDS_SCALE_INNER', { boundsAlignment: 10 }), 400, 200)).toEqual({ x: 100, y: 200, width: 200, height: 100 });
    expect(itemBounds(box('OBS_BOUNDS_SCALE_INNER', { alignment: 0 }), 400, 200)).toEqual({ x: 0, y: 50, width: 200, height: 100 });
  });

  it('hit tests follow the fitted picture', () => {
    const t = box('OBS_BOUNDS_SCALE_INNER');
    expect(containsPoint(t, 400, 200, 200, 120)).toBe(false);
    expect(containsPoint(t, 400, 200, 200, 200)).toBe(true);
  });
});
