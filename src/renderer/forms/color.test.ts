import { describe, expect, it } from 'vitest';
import { abgrToHex, abgrToRgba, alphaPercent, parseHex, rgbaToAbgr, toAbgr, withAlphaPercent, withHex } from './color';

describe('ABGR colors', () => {
  it('reads the channels in OBS order (red lowest, alpha highest)', () => {
    expect(abgrToRgba(0xff0000ff)).toEqual({ r: 255, g: 0, b: 0, a: 255 });
    expect(abgrToRgba(0x80ff0000)).toEqual({ r: 0, g: 0, b: 255, a: 128 });
    expect(abgrToRgba(0xffd1d1d1)).toEqual({ r: 0xd1, g: 0xd1, b: 0xd1, a: 255 });
  });

  it('writes an unsigned 32-bit value', () => {
    const v = rgbaToAbgr({ r: 0x12, g: 0x34, b: 0x56, a: 0xff });
    expect(v).toBe(0xff563412);
    expect(v).toBeGreaterThan(0);
  });

  it('round-trips through rgba', () => {
    for (const v of [0, 0xffffffff, 0xff000000, 0x00ffffff, 0x7f3366cc, 0xffd1d1d1]) {
      expect(rgbaToAbgr(abgrToRgba(v))).toBe(v);
    }
  });

  it('clamps and rounds channel values', () => {
    expect(rgbaToAbgr({ r: 300, g: -5, b: 12.6, a: Number.NaN })).toBe(0x000d00ff);
  });

  it('converts to and from #rrggbb', () => {
    expect(abgrToHex(0xff0000ff)).toBe('#ff0000');
    expect(abgrToHex(0xffcc6633)).toBe('#3366cc');
    expect(parseHex('#3366CC')).toEqual({ r: 0x33, g: 0x66, b: 0xcc });
    expect(parseHex('#abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(parseHex('red')).toBeNull();
  });

  it('changes rgb keeping alpha, and alpha keeping rgb', () => {
    expect(withHex(0x80000000, '#00ff00')).toBe(0x8000ff00);
    expect(withHex(0x80123456, 'nope')).toBe(0x80123456);
    expect(withAlphaPercent(0xff3366cc, 0)).toBe(0x003366cc);
    expect(withAlphaPercent(0x003366cc, 100)).toBe(0xff3366cc);
    expect(alphaPercent(0x80000000)).toBe(50);
    expect(alphaPercent(withAlphaPercent(0, 37))).toBe(37);
  });

  it('reads unknown settings values as opaque white', () => {
    expect(toAbgr('x')).toBe(0xffffffff);
    expect(toAbgr(-1)).toBe(0xffffffff);
    expect(toAbgr(0xff00ff00)).toBe(0xff00ff00);
  });
});
