import { describe, expect, it } from 'vitest';
import { abgrToCss, abgrToPremultiplied, abgrToRgba } from './color';

describe('ABGR colors', () => {
  it('reads red from the low byte and alpha from the high byte', () => {
    expect(abgrToRgba(0xff0000ff)).toEqual({ r: 255, g: 0, b: 0, a: 255 });
    expect(abgrToRgba(0xff00ff00)).toEqual({ r: 0, g: 255, b: 0, a: 255 });
    expect(abgrToRgba(0xffff0000)).toEqual({ r: 0, g: 0, b: 255, a: 255 });
    expect(abgrToRgba(0x80112233)).toEqual({ r: 0x33, g: 0x22, b: 0x11, a: 0x80 });
  });

  it('accepts the signed form JSON and obs-websocket clients send', () => {
    expect(abgrToRgba(-16776961)).toEqual({ r: 255, g: 0, b: 0, a: 255 }); // 0xff0000ff as int32
    expect(abgrToRgba(Number.NaN)).toEqual({ r: 0, g: 0, b: 0, a: 0 });
  });

  it('premultiplies alpha', () => {
    const out = abgrToPremultiplied(0x800000ff, new Float32Array(4));
    expect(out[3]).toBeCloseTo(128 / 255, 6);
    expect(out[0]).toBeCloseTo(128 / 255, 6);
    expect(out[1]).toBe(0);
  });

  it('formats CSS', () => {
    expect(abgrToCss(0xff0000ff)).toBe('rgba(255, 0, 0, 1)');
    expect(abgrToCss(0x00000000)).toBe('rgba(0, 0, 0, 0)');
  });
});
