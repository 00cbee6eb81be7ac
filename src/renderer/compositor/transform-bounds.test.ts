/** OBS's bounding boxes in the shared transform math (what render, hit tests and outlines all use). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type BoundsType, type Transform } from '../../shared';
import { containsPoint, itemBounds, withBoundsCrop } from './transform';

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

describe('crop to bounding box (OBS 31)', () => {
  const drawn = (t: Transform) => itemBounds(withBoundsCrop(t, 400, 200), 400, 200);

  it('cuts off what a scale-outer box overflows, split by the box alignment, and keeps the box', () => {
    // Outer: 400×200 in a 200×200 box overhangs 100 each side; cropped, it is the box.
    expect(drawn(box('OBS_BOUNDS_SCALE_OUTER', { cropToBounds: true }))).toEqual({ x: 100, y: 100, width: 200, height: 200 });
    expect(withBoundsCrop(box('OBS_BOUNDS_SCALE_OUTER', { cropToBounds: true }), 400, 200)).toMatchObject({ cropLeft: 100, cropRight: 100 });
    // Aligned left (1): all of it comes off the right; with the user's own crop kept.
    expect(withBoundsCrop(box('OBS_BOUNDS_SCALE_OUTER', { cropToBounds: true, boundsAlignment: 1, cropLeft: 10 }), 400, 200)).toMatchObject({ cropLeft: 10, cropRight: 190 });
    // Flipped horizontally: the sides swap, so the same part of the picture shows.
    expect(withBoundsCrop(box('OBS_BOUNDS_SCALE_OUTER', { cropToBounds: true, boundsAlignment: 1, scaleX: -1 }), 400, 200)).toMatchObject({ cropLeft: 200, cropRight: 0 });
    expect(drawn(box('OBS_BOUNDS_SCALE_TO_HEIGHT', { cropToBounds: true, boundsAlignment: 2 }))).toEqual({ x: 100, y: 100, width: 200, height: 200 });
  });

  it('changes nothing when off, for types that never overflow, or when the picture fits', () => {
    for (const t of [
      box('OBS_BOUNDS_SCALE_OUTER'),
      box('OBS_BOUNDS_SCALE_INNER', { cropToBounds: true }),
      box('OBS_BOUNDS_STRETCH', { cropToBounds: true }),
      box('OBS_BOUNDS_SCALE_TO_WIDTH', { cropToBounds: true }),
    ]) {
      expect(withBoundsCrop(t, 400, 200)).toBe(t);
    }
  });
});
