/** OBS stores colors as ABGR uint32 (0xAABBGGRR): red in the low byte. Pure helpers. */

export interface Rgba8 {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Accepts what JSON may carry (signed int32, floats) and returns bytes. */
export function abgrToRgba(abgr: number): Rgba8 {
  const c = Number.isFinite(abgr) ? Math.trunc(abgr) >>> 0 : 0;
  return { r: c & 0xff, g: (c >>> 8) & 0xff, b: (c >>> 16) & 0xff, a: c >>> 24 };
}

/** Premultiplied RGBA in 0..1, written into out (no allocation per frame). */
export function abgrToPremultiplied(abgr: number, out: Float32Array): Float32Array {
  const { r, g, b, a } = abgrToRgba(abgr);
  const k = a / 255 / 255;
  out[0] = r * k;
  out[1] = g * k;
  out[2] = b * k;
  out[3] = a / 255;
  return out;
}

export function abgrToCss(abgr: number): string {
  const { r, g, b, a } = abgrToRgba(abgr);
  return `rgba(${r}, ${g}, ${b}, ${+(a / 255).toFixed(4)})`;
}
