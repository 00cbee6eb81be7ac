import { describe, expect, it } from 'vitest';
import { captionGeometry } from './lower-third-layout';

describe('captionGeometry', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
    [1080, 1920],
  ])('keeps the caption inside the title-safe area of %i×%i and scales type with the height', (w, h) => {
    const g = captionGeometry(w, h);
    expect(g.x).toBeGreaterThanOrEqual(w * 0.05 - 1);
    expect(g.bottom).toBeLessThanOrEqual(h * 0.95);
    expect(g.bottom).toBeGreaterThan(h * 0.75);
    expect(g.x + g.maxWidth).toBeLessThanOrEqual(w * 0.95 + 1);
    expect(g.nameSize).toBe(Math.round(h * 0.05));
    expect(g.titleSize).toBeLessThan(g.nameSize);
    expect(g.subtitleSize).toBeLessThan(g.titleSize);
  });
});
