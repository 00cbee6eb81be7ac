import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Transform } from '../../../shared';
import { handleAt, handleCursor, handlePoints } from './handles';

const t = (p: Partial<Transform>): Transform => ({ ...DEFAULT_TRANSFORM, ...p });

describe('handlePoints', () => {
  it('puts the squares on the corners and edge middles of the drawn box, the rotation handle above the top', () => {
    const pts = handlePoints(t({ positionX: 100, positionY: 50, scaleX: 0.5, scaleY: 0.5 }), 400, 200, 20);
    expect(pts.tl).toEqual({ x: 100, y: 50 });
    expect(pts.br).toEqual({ x: 300, y: 150 });
    expect(pts.r).toEqual({ x: 300, y: 100 });
    expect(pts.t).toEqual({ x: 200, y: 50 });
    expect(pts.rotate).toEqual({ x: 200, y: 30 });
  });
  it('turns with the item: at 90° the top edge faces right', () => {
    // Centre alignment (0) at (500, 300): a 200×100 item turned 90° clockwise.
    const pts = handlePoints(t({ positionX: 500, positionY: 300, rotation: 90, alignment: 0 }), 200, 100, 20);
    expect(pts.t!.x).toBeCloseTo(550);
    expect(pts.t!.y).toBeCloseTo(300);
    expect(pts.rotate!.x).toBeCloseTo(570);
    expect(pts.tl!.x).toBeCloseTo(550);
    expect(pts.tl!.y).toBeCloseTo(200);
  });
  it('is empty for an item cropped away', () => {
    expect(handlePoints(t({ cropLeft: 400 }), 400, 200, 20)).toEqual({});
  });
});

describe('handleAt', () => {
  const item = t({ positionX: 100, positionY: 50 });
  it('finds the nearest handle within the radius', () => {
    expect(handleAt(item, 400, 200, { x: 503, y: 252 }, 8, 20)).toBe('br');
    expect(handleAt(item, 400, 200, { x: 96, y: 150 }, 8, 20)).toBe('l');
    expect(handleAt(item, 400, 200, { x: 300, y: 31 }, 8, 20)).toBe('rotate');
  });
  it('is null away from every handle (inside the item is a move, not a resize)', () => {
    expect(handleAt(item, 400, 200, { x: 250, y: 150 }, 8, 20)).toBeNull();
    expect(handleAt(item, 400, 200, { x: 520, y: 270 }, 8, 20)).toBeNull();
  });
});

describe('handleCursor', () => {
  it('names the resize direction and turns with the item', () => {
    expect(handleCursor('r', 0)).toBe('ew-resize');
    expect(handleCursor('br', 0)).toBe('nwse-resize');
    expect(handleCursor('r', 90)).toBe('ns-resize');
    expect(handleCursor('rotate', 0)).toBe('grab');
  });
});
