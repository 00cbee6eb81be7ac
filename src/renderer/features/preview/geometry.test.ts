import { describe, expect, it } from 'vitest';
import { fitBox, nudgeFor, toCanvas, toCss } from './geometry';

describe('fitBox', () => {
  it('letterboxes a wide container', () => {
    expect(fitBox(1000, 360, 1280, 720)).toEqual({ x: 180, y: 0, width: 640, height: 360 });
  });
  it('pillarboxes a tall container', () => {
    expect(fitBox(640, 1000, 1280, 720)).toEqual({ x: 0, y: 320, width: 640, height: 360 });
  });
  it('is empty for an empty container or canvas', () => {
    expect(fitBox(0, 100, 1280, 720).width).toBe(0);
    expect(fitBox(100, 100, 0, 720).width).toBe(0);
  });
});

describe('coordinate mapping', () => {
  it('maps CSS px to canvas px and back', () => {
    const shown = { width: 640, height: 360 };
    expect(toCanvas(320, 180, shown, 1280, 720)).toEqual({ x: 640, y: 360 });
    expect(toCss({ x: 100, y: 50, width: 200, height: 100 }, shown, 1280)).toEqual({ x: 50, y: 25, width: 100, height: 50 });
  });
});

describe('nudgeFor', () => {
  it('moves 1 px, 10 with shift, only for arrows', () => {
    expect(nudgeFor('ArrowLeft', false)).toEqual({ dx: -1, dy: 0 });
    expect(nudgeFor('ArrowDown', true)).toEqual({ dx: 0, dy: 10 });
    expect(nudgeFor('a', false)).toBeNull();
  });
});
