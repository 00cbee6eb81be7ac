import { describe, expect, it } from 'vitest';
import { Ring } from './ring';

describe('Ring', () => {
  it('keeps the newest items, oldest first, and never more than its capacity', () => {
    const ring = new Ring<number>(3);
    expect(ring.last()).toEqual([]);
    ring.push(1);
    ring.push(2);
    expect(ring.last()).toEqual([1, 2]);
    for (let i = 3; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.last()).toEqual([5, 6, 7]);
    expect(ring.last(2)).toEqual([6, 7]);
    expect(ring.last(10)).toEqual([5, 6, 7]);
    expect(ring.last(0)).toEqual([]);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
    expect(() => new Ring(1.5)).toThrow(RangeError);
  });
});
