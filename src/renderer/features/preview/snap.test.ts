import { describe, expect, it } from 'vitest';
import { snapBox, snapLines, snapPoint } from './snap';

const lines = snapLines(1920, 1080, [{ x: 600, y: 300, width: 200, height: 100 }]);

describe('snapBox', () => {
  it('pulls the nearest edge onto a canvas edge within the distance', () => {
    expect(snapBox({ x: 5, y: 500, width: 100, height: 50 }, lines, 8)).toMatchObject({ dx: -5, x: 0 });
    expect(snapBox({ x: 1815, y: 1027, width: 100, height: 50 }, lines, 8)).toMatchObject({ dx: 5, dy: 3, x: 1920, y: 1080 });
  });
  it('pulls the centre onto the canvas centre', () => {
    expect(snapBox({ x: 906, y: 536, width: 100, height: 10 }, lines, 8)).toMatchObject({ dx: 4, dy: -1, x: 960, y: 540 });
  });
  it("pulls onto another item's edges", () => {
    expect(snapBox({ x: 803, y: 420, width: 50, height: 50 }, lines, 8)).toMatchObject({ dx: -3, x: 800 });
    expect(snapBox({ x: 100, y: 245, width: 50, height: 50 }, lines, 8)).toMatchObject({ dy: 5, y: 300 });
  });
  it('leaves a box alone when no line is near', () => {
    expect(snapBox({ x: 100, y: 100, width: 100, height: 100 }, lines, 8)).toEqual({ dx: 0, dy: 0, x: null, y: null });
  });
});

describe('snapPoint', () => {
  it('snaps a handle onto lines per axis', () => {
    expect(snapPoint({ x: 1914, y: 700 }, lines, 8)).toEqual({ x: 1920, y: 700, guideX: 1920, guideY: null });
  });
});
