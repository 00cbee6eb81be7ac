import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Transform } from '../../shared';
import { alignPoint, apply, clipMatrix, containsPoint, copyRect, croppedSize, itemBounds, itemCorners, itemMatrix, pixelExact } from './transform';

const T = (o: Partial<Transform> = {}): Transform => ({ ...DEFAULT_TRANSFORM, ...o });
const close = (a: { x: number; y: number }, x: number, y: number): void => {
  expect(a.x).toBeCloseTo(x, 9);
  expect(a.y).toBeCloseTo(y, 9);
};

describe('alignment', () => {
  it('maps OBS alignment bits to the point of the box', () => {
    expect(alignPoint(5, 200, 100)).toEqual({ x: 0, y: 0 }); // top-left
    expect(alignPoint(0, 200, 100)).toEqual({ x: 100, y: 50 }); // center
    expect(alignPoint(10, 200, 100)).toEqual({ x: 200, y: 100 }); // bottom-right
    expect(alignPoint(1, 200, 100)).toEqual({ x: 0, y: 50 }); // left, vertically centered
    expect(alignPoint(6, 200, 100)).toEqual({ x: 200, y: 0 }); // top-right
    expect(alignPoint(8, 200, 100)).toEqual({ x: 100, y: 100 }); // bottom, centered
  });
});

describe('itemMatrix', () => {
  it('places a top-left aligned item at its position', () => {
    const m = itemMatrix(T({ positionX: 100, positionY: 50 }), 200, 100);
    close(apply(m, 0, 0), 100, 50);
    close(apply(m, 200, 100), 300, 150);
  });

  it('scales about the alignment point', () => {
    const m = itemMatrix(T({ positionX: 640, positionY: 360, alignment: 0, scaleX: 2, scaleY: 0.5 }), 200, 100);
    close(apply(m, 0, 0), 440, 335);
    close(apply(m, 200, 100), 840, 385);
  });

  it('rotates clockwise on screen about the alignment point', () => {
    // 90° clockwise: the source's x axis points down the screen.
    const m = itemMatrix(T({ positionX: 10, positionY: 20, rotation: 90 }), 200, 100);
    close(apply(m, 0, 0), 10, 20);
    close(apply(m, 200, 0), 10, 220);
    close(apply(m, 0, 100), -90, 20);
  });

  it('rotates a center-aligned item about its center', () => {
    const b = itemBounds(T({ positionX: 640, positionY: 360, alignment: 0, rotation: 90 }), 200, 100);
    expect(b.x).toBeCloseTo(590, 9);
    expect(b.y).toBeCloseTo(260, 9);
    expect(b.width).toBeCloseTo(100, 9);
    expect(b.height).toBeCloseTo(200, 9);
  });

  it('aligns the cropped box, as OBS positions the visible part', () => {
    const t = T({ positionX: 400, positionY: 400, alignment: 10, cropLeft: 20, cropRight: 30, cropTop: 5, cropBottom: 15 });
    expect(croppedSize(t, 200, 100)).toEqual({ width: 150, height: 80 });
    const m = itemMatrix(t, 200, 100);
    close(apply(m, 150, 80), 400, 400);
    close(apply(m, 0, 0), 250, 320);
  });

  it('never yields a negative cropped size', () => {
    expect(croppedSize(T({ cropLeft: 300 }), 200, 100)).toEqual({ width: 0, height: 100 });
  });
});

describe('bounds and hit testing', () => {
  it('bounds a 45° square by its diagonal', () => {
    const t = T({ positionX: 1000, positionY: 100, rotation: 45 });
    const b = itemBounds(t, 100, 100);
    expect(b.x).toBeCloseTo(1000 - 50 * Math.SQRT2, 9);
    expect(b.y).toBeCloseTo(100, 9);
    expect(b.width).toBeCloseTo(100 * Math.SQRT2, 9);
    expect(b.height).toBeCloseTo(100 * Math.SQRT2, 9);
    const c = itemCorners(t, 100, 100);
    close(c[2] as { x: number; y: number }, 1000, 100 + 100 * Math.SQRT2);
  });

  it('hits inside the rotated quad only, not the rest of its bounds', () => {
    const t = T({ positionX: 1000, positionY: 100, rotation: 45 });
    expect(containsPoint(t, 100, 100, 1000, 230)).toBe(true);
    expect(containsPoint(t, 100, 100, 975, 130)).toBe(true);
    expect(containsPoint(t, 100, 100, 960, 110)).toBe(false); // inside the bounds, outside the quad
    expect(containsPoint(t, 100, 100, 1000, 90)).toBe(false);
  });

  it('handles flips (negative scale) and rejects degenerate items', () => {
    const flipped = T({ positionX: 100, positionY: 100, scaleX: -1 });
    expect(containsPoint(flipped, 50, 50, 75, 125)).toBe(true);
    expect(containsPoint(flipped, 50, 50, 125, 125)).toBe(false);
    expect(containsPoint(T({ scaleX: 0 }), 50, 50, 0, 0)).toBe(false);
    expect(containsPoint(T({ cropLeft: 50 }), 50, 50, 0, 0)).toBe(false);
  });
});

describe('clipMatrix', () => {
  it('maps the unit quad to clip space of a top-down target', () => {
    const t = T({ positionX: 100, positionY: 50 });
    const xf = clipMatrix(itemMatrix(t, 200, 100), 200, 100, 1280, 720, new Float32Array(9));
    const at = (cx: number, cy: number): [number, number] => [xf[0]! * cx + xf[3]! * cy + xf[6]!, xf[1]! * cx + xf[4]! * cy + xf[7]!];
    const [x0, y0] = at(0, 0);
    const [x1, y1] = at(1, 1);
    expect(x0).toBeCloseTo((100 / 1280) * 2 - 1, 6);
    expect(y0).toBeCloseTo((50 / 720) * 2 - 1, 6);
    expect(x1).toBeCloseTo((300 / 1280) * 2 - 1, 6);
    expect(y1).toBeCloseTo((150 / 720) * 2 - 1, 6);
    expect(xf[8]).toBe(1);
  });
});

describe('pixelExact', () => {
  const exact = (o: Partial<Transform>, w = 1920, h = 1080): boolean => pixelExact(itemMatrix(T(o), w, h), T(o));

  it('holds for a source drawn at its own size on whole pixels, flipped or cropped by whole pixels', () => {
    expect(exact({})).toBe(true);
    expect(exact({ positionX: 40, positionY: -8 })).toBe(true);
    expect(exact({ scaleX: -1, positionX: 1920 })).toBe(true);
    expect(exact({ cropLeft: 10, cropBottom: 4 })).toBe(true);
    expect(exact({ alignment: 0, positionX: 960, positionY: 540 })).toBe(true);
  });

  it('fails for a scale, a rotation, a half-pixel position or crop, or a bounds box that scales', () => {
    expect(exact({ scaleX: 2 / 3, scaleY: 2 / 3 })).toBe(false);
    expect(exact({ rotation: 90 })).toBe(false);
    expect(exact({ rotation: 1 })).toBe(false);
    expect(exact({ positionX: 0.5 })).toBe(false);
    // Centred on a canvas point, an odd-sized source's corner falls half way into a pixel.
    expect(exact({ alignment: 0, positionX: 960, positionY: 540 }, 1281, 720)).toBe(false);
    expect(exact({ cropTop: 0.5 })).toBe(false);
    expect(exact({ boundsType: 'OBS_BOUNDS_SCALE_INNER', boundsWidth: 1280, boundsHeight: 720 })).toBe(false);
  });
});

describe('copyRect', () => {
  const rect = (o: Partial<Transform>, w = 64, h = 48): number[] => {
    const c = croppedSize(T(o), w, h);
    return [...copyRect(itemMatrix(T(o), w, h), T(o), c.width, c.height, new Int32Array(8))];
  };

  it('copies the cropped picture to where the item lays it', () => {
    expect(rect({})).toEqual([0, 0, 64, 48, 0, 0, 64, 48]);
    expect(rect({ positionX: 10, positionY: -6 })).toEqual([0, 0, 64, 48, 10, -6, 74, 42]);
    // Cropped: the copy starts inside the picture and the item's corner stays at its position.
    expect(rect({ positionX: 10, positionY: 6, cropLeft: 4, cropTop: 2, cropBottom: 6 })).toEqual([4, 2, 64, 42, 10, 6, 70, 46]);
    // Centred on a point: the corner is half the picture up and left of it.
    expect(rect({ alignment: 0, positionX: 100, positionY: 100 })).toEqual([0, 0, 64, 48, 68, 76, 132, 124]);
  });

  it('reverses the target pair of a flipped axis, as the drawn quad runs', () => {
    // Flipped, a top-left aligned item runs left of its position: pixel 0 lands in column 199.
    const r = rect({ scaleX: -1, positionX: 200 });
    expect(r).toEqual([0, 0, 64, 48, 200, 0, 136, 48]);
    const m = itemMatrix(T({ scaleX: -1, positionX: 200 }), 64, 48);
    close(apply(m, 0.5, 0.5), 199.5, 0.5);
    expect(rect({ scaleY: -1, positionY: 100, cropTop: 8 })).toEqual([0, 8, 64, 48, 0, 100, 64, 60]);
  });
});
