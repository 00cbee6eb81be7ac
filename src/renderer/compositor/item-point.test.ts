import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Transform } from '../../shared';
import { itemPoint } from './transform';

const t = (over: Partial<Transform>): Transform => ({ ...DEFAULT_TRANSFORM, ...over });
const close = (p: { x: number; y: number } | null, x: number, y: number): boolean => p !== null && Math.abs(p.x - x) < 1e-6 && Math.abs(p.y - y) < 1e-6;

describe('itemPoint: the source pixel under a canvas point', () => {
  it('maps through position, scale and crop, and is null outside the item', () => {
    expect(close(itemPoint(t({}), 1280, 720, 100, 650), 100, 650)).toBe(true);
    // Moved to (200, 100) and drawn at half size: canvas (250, 150) is source (100, 100).
    expect(close(itemPoint(t({ positionX: 200, positionY: 100, scaleX: 0.5, scaleY: 0.5 }), 400, 400, 250, 150), 100, 100)).toBe(true);
    // Cropping 50 px off the left: the first canvas column shows source column 50.
    expect(close(itemPoint(t({ cropLeft: 50 }), 400, 400, 0, 10), 50, 10)).toBe(true);
    expect(itemPoint(t({ positionX: 200, positionY: 100 }), 400, 400, 10, 10)).toBeNull();
  });

  it('undoes rotation about the alignment point', () => {
    // Rotated 90° clockwise around its top-left corner at (500, 100): source x runs down the canvas.
    expect(close(itemPoint(t({ positionX: 500, positionY: 100, rotation: 90 }), 200, 100, 480, 130), 30, 20)).toBe(true);
  });
});
