import { describe, expect, it } from 'vitest';
import { nextSlide, slideSettings } from './slideshow';

describe('slideshow', () => {
  it('goes through the slides in order, wrapping only when it loops', () => {
    expect(nextSlide(0, 3, { loop: true, randomize: false })).toBe(1);
    expect(nextSlide(2, 3, { loop: true, randomize: false })).toBe(0);
    expect(nextSlide(2, 3, { loop: false, randomize: false })).toBeNull();
    expect(nextSlide(0, 0, { loop: true, randomize: false })).toBeNull();
  });

  it('at random never shows the same slide twice in a row', () => {
    for (const r of [0, 0.3, 0.5, 0.99]) expect(nextSlide(1, 3, { loop: true, randomize: true }, () => r)).not.toBe(1);
  });

  it('reads OBS-shaped files and bounds the slide time', () => {
    expect(slideSettings({ files: [{ value: '/a.png' }, { value: '' }, 7], slide_time: 1 })).toMatchObject({ files: ['/a.png'], slideMs: 50, loop: true });
  });
});
