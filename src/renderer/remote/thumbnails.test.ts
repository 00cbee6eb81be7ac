import { describe, expect, it } from 'vitest';
import { pickStalest, REFRESH_MS } from './thumbnails';

describe('pickStalest', () => {
  it('picks a never-shot scene first, then the oldest one past the refresh period', () => {
    const shot = new Map([
      ['A', 1000],
      ['B', 500],
    ]);
    expect(pickStalest(['A', 'B', 'C'], shot, 1000)).toBe('C');
    expect(pickStalest(['A', 'B'], shot, 500 + REFRESH_MS)).toBe('B');
  });

  it('asks for nothing while every visible picture is fresh, or nothing is visible', () => {
    expect(pickStalest(['A'], new Map([['A', 1000]]), 1000 + REFRESH_MS - 1)).toBeNull();
    expect(pickStalest([], new Map(), 0)).toBeNull();
  });
});
