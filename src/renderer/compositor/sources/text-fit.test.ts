import { describe, expect, it } from 'vitest';
import { ellipsize } from './text-fit';

const measure = (t: string): number => [...t].length * 10;

describe('ellipsize', () => {
  it('keeps text that fits', () => {
    expect(ellipsize(measure, 'HOME', 40)).toBe('HOME');
  });

  it('cuts the longest start that fits with an ellipsis', () => {
    expect(ellipsize(measure, 'Manchester United', 60)).toBe('Manch…');
    expect(measure(ellipsize(measure, 'Manchester United', 60))).toBeLessThanOrEqual(60);
    // No space left before the ellipsis.
    expect(ellipsize(measure, 'Real Madrid', 60)).toBe('Real…');
  });

  it('never splits a surrogate pair, and gives up gracefully when nothing fits', () => {
    expect(ellipsize(measure, '😀😀😀😀', 30)).toBe('😀😀…');
    expect(ellipsize(measure, 'Long name', 10)).toBe('…');
    expect(ellipsize(measure, 'Long name', 5)).toBe('');
  });
});
