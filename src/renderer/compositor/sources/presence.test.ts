import { describe, expect, it } from 'vitest';
import { Presence } from './presence';

const make = () => new Presence<string>((a, b) => a === b);

describe('Presence', () => {
  it('starts hidden, comes in linearly over the duration and rests', () => {
    const p = make();
    expect(p.view(0)).toEqual({ content: null, level: 0 });
    expect(p.animating(0)).toBe(false);
    p.set('A', 1000, 500);
    expect(p.view(1000)).toEqual({ content: 'A', level: 0 });
    expect(p.view(1250).level).toBeCloseTo(0.5);
    expect(p.animating(1250)).toBe(true);
    expect(p.view(1500)).toEqual({ content: 'A', level: 1 });
    expect(p.animating(1600)).toBe(false);
  });

  it('goes out and is gone; a hide mid-way reverses from where it was', () => {
    const p = make();
    p.set('A', 0, 400);
    p.set(null, 100, 400); // level 0.25 on the way in
    expect(p.view(100).level).toBeCloseTo(0.25);
    expect(p.view(150).level).toBeCloseTo(0.125);
    expect(p.view(200)).toEqual({ content: null, level: 0 });
    expect(p.animating(200)).toBe(false);
  });

  it('plays out, swaps and plays in when the content changes while shown', () => {
    const p = make();
    p.set('A', 0, 100);
    p.set('B', 1000, 100);
    expect(p.view(1050)).toEqual({ content: 'A', level: 0.5 });
    const mid = p.view(1150);
    expect(mid.content).toBe('B');
    expect(mid.level).toBeCloseTo(0.5);
    expect(p.view(1300)).toEqual({ content: 'B', level: 1 });
  });

  it('the same content again changes nothing; showing while going out turns back', () => {
    const p = make();
    p.set('A', 0, 100);
    p.set('A', 500, 100);
    expect(p.animating(500)).toBe(false);
    p.set(null, 1000, 100);
    p.set('A', 1050, 100);
    expect(p.view(1050)).toEqual({ content: 'A', level: 0.5 });
    expect(p.view(1100).level).toBe(1);
  });

  it('a zero duration switches at once', () => {
    const p = make();
    p.set('A', 0, 0);
    expect(p.view(0)).toEqual({ content: 'A', level: 1 });
    p.set('B', 10, 0);
    expect(p.view(10)).toEqual({ content: 'B', level: 1 });
    p.set(null, 20, 0);
    expect(p.view(20)).toEqual({ content: null, level: 0 });
  });
});
