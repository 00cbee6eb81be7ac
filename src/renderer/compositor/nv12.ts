/**
 * NV12 packing constants: BT.709, limited range. The pack shader is generated from these numbers
 * and the tests check the same numbers, so CPU expectations and GPU output share one source.
 *
 * The pack target is RGBA8, W/4 × H·3/2: rows 0…H-1 hold luma (one texel = 4 adjacent Y samples),
 * rows H…H·3/2-1 hold chroma (one texel = U0 V0 U1 V1, two 2×2-averaged sites). One
 * readPixels(RGBA, UNSIGNED_BYTE) of it is byte for byte an NV12 frame.
 */
export const KR = 0.2126;
export const KB = 0.0722;
export const KG = 1 - KR - KB;
export const Y_OFFSET = 16;
export const Y_RANGE = 219;
export const C_OFFSET = 128;
export const C_RANGE = 224;
/** (B'−Y') and (R'−Y') span ±(1−Kb) and ±(1−Kr); these divide them to ±0.5. */
export const CB_DIV = 2 * (1 - KB);
export const CR_DIV = 2 * (1 - KR);

/** Exact (unrounded) Y, Cb, Cr for non-linear R'G'B' in 0..1. */
export function rgbToYuv(r: number, g: number, b: number): { y: number; u: number; v: number } {
  const yl = KR * r + KG * g + KB * b;
  return {
    y: Y_OFFSET + Y_RANGE * yl,
    u: C_OFFSET + (C_RANGE * (b - yl)) / CB_DIV,
    v: C_OFFSET + (C_RANGE * (r - yl)) / CR_DIV,
  };
}

/** Why a base size cannot be packed, or null when it can. */
export function nv12SizeProblem(width: number, height: number): string | null {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    return `The canvas size ${width}×${height} is not a positive whole number of pixels.`;
  }
  if (width % 4 !== 0) return `The canvas width ${width} must be a multiple of 4 for NV12 output.`;
  if (height % 2 !== 0) return `The canvas height ${height} must be even for NV12 output.`;
  return null;
}

/** Size of the RGBA pack target for a W×H frame. */
export function packTargetSize(width: number, height: number): { width: number; height: number } {
  return { width: width / 4, height: (height * 3) / 2 };
}

const f = (n: number): string => (Number.isInteger(n) ? `${n}.0` : `${n}`);

const HEADER = `#version 300 es
precision highp float;
precision highp int;
uniform highp sampler2D u_src;
out vec4 o;
`;

/**
 * GLSL for the luma pass (target rows 0…H-1): each texel packs 4 horizontally adjacent Y samples.
 * Reads the top-down program texture with texelFetch.
 */
export function packLumaShader(): string {
  return `${HEADER}const vec3 K = vec3(${f(KR)}, ${f(KG)}, ${f(KB)});
float luma(ivec2 p) {
  return (${f(Y_OFFSET)} + ${f(Y_RANGE)} * dot(texelFetch(u_src, p, 0).rgb, K)) / 255.0;
}
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  int x = p.x * 4;
  o = vec4(luma(ivec2(x, p.y)), luma(ivec2(x + 1, p.y)), luma(ivec2(x + 2, p.y)), luma(ivec2(x + 3, p.y)));
}
`;
}

/**
 * GLSL for the chroma pass (target rows H…H·3/2-1): each texel packs U0 V0 U1 V1 of two chroma
 * sites. A LINEAR sample at the shared corner of a 2×2 block is exactly that block's average, so
 * each site costs one texture() call. u_h is the frame height (the first chroma row).
 */
export function packChromaShader(): string {
  return `${HEADER}uniform int u_h;
uniform vec2 u_texel;
const vec3 K = vec3(${f(KR)}, ${f(KG)}, ${f(KB)});
vec2 chroma(vec3 c) {
  float y = dot(c, K);
  return vec2(${f(C_OFFSET)} + ${f(C_RANGE)} * (c.b - y) / ${f(CB_DIV)},
              ${f(C_OFFSET)} + ${f(C_RANGE)} * (c.r - y) / ${f(CR_DIV)}) / 255.0;
}
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  float y = float((p.y - u_h) * 2 + 1);
  float x = float(p.x * 4);
  vec3 a = texture(u_src, vec2(x + 1.0, y) * u_texel).rgb;
  vec3 b = texture(u_src, vec2(x + 3.0, y) * u_texel).rgb;
  o = vec4(chroma(a), chroma(b));
}
`;
}
