import { describe, expect, it } from 'vitest';
import { FONT_BOLD, FONT_ITALIC, styleName, toFont, withFlag } from './font';

describe('fonts', () => {
  it('fills missing or wrong fields', () => {
    expect(toFont(undefined)).toEqual({ face: 'Sans Serif', size: 64, style: 'Regular', flags: 0 });
    expect(toFont({ face: 'Mono', size: '12', flags: 4 })).toEqual({ face: 'Mono', size: 64, style: 'Regular', flags: 4 });
  });
  it('names styles from flags', () => {
    expect(styleName(0)).toBe('Regular');
    expect(styleName(FONT_BOLD)).toBe('Bold');
    expect(styleName(FONT_ITALIC | 4)).toBe('Italic');
    expect(styleName(FONT_BOLD | FONT_ITALIC)).toBe('Bold Italic');
  });
  it('toggles one bit and keeps others', () => {
    const f = { face: 'A', size: 10, style: 'Regular', flags: 4 };
    const b = withFlag(f, FONT_BOLD, true);
    expect(b).toEqual({ face: 'A', size: 10, style: 'Bold', flags: 5 });
    expect(withFlag(b, FONT_BOLD, false)).toEqual(f);
  });
});
