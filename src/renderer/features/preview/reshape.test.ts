import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Transform } from '../../../shared';
import { itemCorners } from '../../compositor/transform';
import { cropTo, itemCentre, resizeTo, rotateTo } from './reshape';

const t = (p: Partial<Transform>): Transform => ({ ...DEFAULT_TRANSFORM, ...p });
const near = (a: { x: number; y: number }, b: { x: number; y: number }) => {
  expect(a.x).toBeCloseTo(b.x, 6);
  expect(a.y).toBeCloseTo(b.y, 6);
};

describe('resizeTo', () => {
  const item = t({ positionX: 100, positionY: 100 }); // 400×200 at (100,100)
  it('a corner keeps the aspect and the opposite corner in place', () => {
    const r = resizeTo(item, 400, 200, 'br', { x: 900, y: 250 }, true);
    expect(r.scaleX).toBeCloseTo(2);
    expect(r.scaleY).toBeCloseTo(2);
    expect(r.positionX).toBeCloseTo(100);
    expect(r.positionY).toBeCloseTo(100);
  });
  it('a corner without aspect (Shift) follows the pointer on both axes', () => {
    const r = resizeTo(item, 400, 200, 'br', { x: 300, y: 400 }, false);
    expect(r.scaleX).toBeCloseTo(0.5);
    expect(r.scaleY).toBeCloseTo(1.5);
  });
  it('the top-left corner moves the position; bottom-right stays put', () => {
    const r = resizeTo(item, 400, 200, 'tl', { x: 300, y: 200 }, true);
    expect(r.scaleX).toBeCloseTo(0.5);
    near(itemCorners(r, 400, 200)[2]!, { x: 500, y: 300 });
    near({ x: r.positionX, y: r.positionY }, { x: 300, y: 200 });
  });
  it('an edge stretches only its axis', () => {
    const r = resizeTo(item, 400, 200, 'r', { x: 300, y: 999 }, true);
    expect(r.scaleX).toBeCloseTo(0.5);
    expect(r.scaleY).toBe(1);
  });
  it('works on a rotated, centre-aligned item: the opposite corner keeps its place', () => {
    const rot = t({ positionX: 640, positionY: 360, rotation: 30, alignment: 0 });
    const before = itemCorners(rot, 400, 200);
    const br = before[2]!;
    const r = resizeTo(rot, 400, 200, 'br', { x: br.x + 40, y: br.y + 30 }, true);
    near(itemCorners(r, 400, 200)[0]!, before[0]!);
    expect(r.scaleX).toBeCloseTo(r.scaleY);
    expect(r.scaleX).toBeGreaterThan(1);
  });
  it('stops at one pixel instead of flipping through the anchor', () => {
    const r = resizeTo(item, 400, 200, 'r', { x: 0, y: 0 }, false);
    expect(r.scaleX).toBeCloseTo(1 / 400);
    const c = resizeTo(item, 400, 200, 'br', { x: 0, y: 0 }, true);
    expect(c.scaleX).toBeGreaterThan(0);
    expect(c.scaleY).toBeGreaterThan(0);
  });
});

describe('cropTo', () => {
  const item = t({ positionX: 100, positionY: 100, scaleX: 2, scaleY: 2 }); // 400×200 source drawn 800×400
  it('crops the right side in source pixels and keeps the left where it was', () => {
    const r = cropTo(item, 400, 200, 'r', { x: 700, y: 300 });
    expect(r.cropRight).toBe(100);
    expect(r.positionX).toBeCloseTo(100);
    expect(r.scaleX).toBe(2);
  });
  it('crops the left side and moves the position so the picture stays put', () => {
    const r = cropTo(item, 400, 200, 'l', { x: 200, y: 300 });
    expect(r.cropLeft).toBe(50);
    expect(r.positionX).toBeCloseTo(200);
    expect(r.positionY).toBeCloseTo(100);
  });
  it('a corner crops two sides, never below zero nor past the other side', () => {
    const r = cropTo(item, 400, 200, 'tl', { x: 0, y: 140 });
    expect(r.cropLeft).toBe(0);
    expect(r.cropTop).toBe(20);
    const all = cropTo(item, 400, 200, 'r', { x: -5000, y: 0 });
    expect(all.cropRight).toBe(399);
  });
  it('keeps the picture in place on a rotated item', () => {
    const rot = t({ positionX: 640, positionY: 360, rotation: 90, alignment: 0 });
    const before = itemCorners(rot, 400, 200);
    const r = cropTo(rot, 400, 200, 'l', { x: 640, y: 360 });
    expect(r.cropLeft).toBe(200);
    // The source's top-right corner (the fixed side) stays where it was drawn.
    near(itemCorners(r, 400, 200)[1]!, before[1]!);
  });
});

describe('rotateTo', () => {
  const item = t({ positionX: 100, positionY: 100 }); // centre (300, 200)
  it('turns about the centre by the angle swept', () => {
    const r = rotateTo(item, 400, 200, { x: 300, y: 50 }, { x: 450, y: 200 }, false);
    expect(r.rotation).toBeCloseTo(90);
    near(itemCentre(r, 400, 200), { x: 300, y: 200 });
  });
  it('snaps to 15° steps and stays within 0..360', () => {
    const r = rotateTo(item, 400, 200, { x: 300, y: 50 }, { x: 300 - 100, y: 200 - 95 }, true);
    expect(r.rotation % 15).toBe(0);
    expect(r.rotation).toBe(315);
    const s = rotateTo(item, 400, 200, { x: 300, y: 50 }, { x: 310, y: 50 }, true);
    expect(s.rotation).toBe(0);
  });
});
