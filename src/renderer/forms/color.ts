/**
 * OBS stores colors as ABGR uint32: alpha in the top byte, then blue, green, red in the lowest.
 * <input type=color> speaks "#rrggbb" and knows nothing of alpha, so the form edits the two apart.
 */

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0–255 */
  a: number;
}

const byte = (n: number): number => Math.min(255, Math.max(0, Math.round(Number.isFinite(n) ? n : 0)));

export function abgrToRgba(abgr: number): Rgba {
  const v = abgr >>> 0;
  return { r: v & 0xff, g: (v >>> 8) & 0xff, b: (v >>> 16) & 0xff, a: (v >>> 24) & 0xff };
}

/** Always an unsigned 32-bit integer, as the engine's schema expects. */
export function rgbaToAbgr({ r, g, b, a }: Rgba): number {
  return ((byte(a) << 24) | (byte(b) << 16) | (byte(g) << 8) | byte(r)) >>> 0;
}

const hex2 = (n: number): string => byte(n).toString(16).padStart(2, '0');

export function abgrToHex(abgr: number): string {
  const { r, g, b } = abgrToRgba(abgr);
  return `#${hex2(r)}${hex2(g)}${hex2(b)}`;
}

/** Parses "#rrggbb" (or "#rgb"); null for anything else. */
export function parseHex(hex: string): { r: number; g: number; b: number } | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16) };
}

/** Replaces the RGB part of an ABGR color, keeping its alpha. Unparsable hex leaves it unchanged. */
export function withHex(abgr: number, hex: string): number {
  const rgb = parseHex(hex);
  return rgb ? rgbaToAbgr({ ...rgb, a: abgrToRgba(abgr).a }) : abgr >>> 0;
}

/** Replaces the alpha of an ABGR color; alpha is a percentage 0–100 as the form shows it. */
export function withAlphaPercent(abgr: number, percent: number): number {
  return rgbaToAbgr({ ...abgrToRgba(abgr), a: (Math.min(100, Math.max(0, percent)) * 255) / 100 });
}

export function alphaPercent(abgr: number): number {
  return Math.round((abgrToRgba(abgr).a * 100) / 255);
}

/** A settings value read as an ABGR color: numbers pass through, anything else is opaque white. */
export function toAbgr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value >>> 0 : 0xffffffff;
}
