/** OBS font objects ({ face, size, style, flags }) as the form edits them. */
import type { FontSetting } from '../../shared';

export const FONT_BOLD = 1;
export const FONT_ITALIC = 2;

const FALLBACK: FontSetting = { face: 'Sans Serif', size: 64, style: 'Regular', flags: 0 };

/** Reads a settings value as a font, filling whatever is missing or of the wrong type. */
export function toFont(value: unknown): FontSetting {
  if (typeof value !== 'object' || value === null) return FALLBACK;
  const v = value as Partial<Record<keyof FontSetting, unknown>>;
  return {
    face: typeof v.face === 'string' && v.face !== '' ? v.face : FALLBACK.face,
    size: typeof v.size === 'number' && v.size > 0 ? v.size : FALLBACK.size,
    style: typeof v.style === 'string' ? v.style : FALLBACK.style,
    flags: typeof v.flags === 'number' ? v.flags : 0,
  };
}

/** The style name OBS shows for the bold/italic bits. */
export function styleName(flags: number): string {
  const bold = (flags & FONT_BOLD) !== 0;
  const italic = (flags & FONT_ITALIC) !== 0;
  if (bold && italic) return 'Bold Italic';
  if (bold) return 'Bold';
  if (italic) return 'Italic';
  return 'Regular';
}

/** Sets or clears one flag bit, keeping the style name in step. */
export function withFlag(font: FontSetting, flag: number, on: boolean): FontSetting {
  const flags = on ? font.flags | flag : font.flags & ~flag;
  return { ...font, flags, style: styleName(flags) };
}
