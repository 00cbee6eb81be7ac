/** Pure helpers for the color filters' uniforms (tested in color-math.test.ts). */
import { abgrToRgba } from '../color';

/** OBS's gamma slider (-3..3) as the exponent applied to each channel. */
export const gammaExponent = (g: number): number => (g < 0 ? -g + 1 : 1 / (g + 1));

/** OBS's contrast slider as a channel multiplier: negative values shrink, positive ones grow. */
export const contrastFactor = (c: number): number => (c < 0 ? 1 / (-c + 1) : c + 1);

/** An ABGR color as RGB in 0..1 (its alpha ignored, as OBS's color filters ignore it). */
export function rgb01(abgr: number): [number, number, number] {
  const { r, g, b } = abgrToRgba(abgr);
  return [r / 255, g / 255, b / 255];
}

/**
 * Rotation of RGB around the gray axis by `degrees`, column-major for uniformMatrix3fv: grays stay
 * gray, and a full turn is the identity.
 */
export function hueMatrix(degrees: number): Float32Array {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const k = (1 - c) / 3;
  const q = s / Math.sqrt(3);
  // Rodrigues' formula with the unit axis (1,1,1)/√3; rows of the matrix, then transposed below.
  const m = [
    [c + k, k - q, k + q],
    [k + q, c + k, k - q],
    [k - q, k + q, c + k],
  ];
  return new Float32Array([m[0]![0]!, m[1]![0]!, m[2]![0]!, m[0]![1]!, m[1]![1]!, m[2]![1]!, m[0]![2]!, m[1]![2]!, m[2]![2]!]);
}

/** color_filter_v2's steps after gamma, in its order; every one of them is affine. */
export interface Grade {
  contrast: number;
  brightness: number;
  /** 1 leaves colors as they are, 0 is gray (BT.601 luma). */
  saturation: number;
  /** Column-major, as hueMatrix gives it. */
  hue: Float32Array;
  mul: readonly [number, number, number];
  add: readonly [number, number, number];
}

/**
 * The grade as one matrix and offset: rgb' = m·rgb + k (m column-major). Contrast and brightness,
 * saturation, hue and the multiply and add are each affine, so the shader runs one mat3 and one
 * add per pixel in place of five steps (a 1080p pass costs less in software GL).
 */
export function gradeAffine(g: Grade): { m: Float32Array; k: [number, number, number] } {
  const w = [0.299, 0.587, 0.114];
  // Row-major products: D·H·S, then × contrast; k = (D·H·S)·(brightness, …) + add.
  const h = (r: number, c: number): number => g.hue[c * 3 + r]!;
  const s = (r: number, c: number): number => (r === c ? g.saturation : 0) + (1 - g.saturation) * w[c]!;
  const dhs = [0, 1, 2].map((r) => [0, 1, 2].map((c) => g.mul[r]! * (h(r, 0) * s(0, c) + h(r, 1) * s(1, c) + h(r, 2) * s(2, c))));
  const k = [0, 1, 2].map((r) => g.brightness * (dhs[r]![0]! + dhs[r]![1]! + dhs[r]![2]!) + g.add[r]!) as [number, number, number];
  const m = new Float32Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[c * 3 + r] = g.contrast * dhs[r]![c]!;
  return { m, k };
}

/** Cb and Cr (BT.709, offset by 0.5) of an RGB color in 0..1: the chroma key's coordinates. */
export function chroma(rgb: readonly [number, number, number]): [number, number] {
  const [r, g, b] = rgb;
  return [-0.100644 * r - 0.338572 * g + 0.439216 * b + 0.501961, 0.439216 * r - 0.398942 * g - 0.040274 * b + 0.501961];
}

/** Gaussian (sigma = radius / 2) or box weights for taps 0..radius, normalised over -radius..radius. */
export function blurWeights(radius: number, type: 'gaussian' | 'box'): Float32Array {
  const r = Math.max(0, Math.round(radius));
  const w = new Float32Array(r + 1);
  const sigma = Math.max(r / 2, 0.5);
  for (let i = 0; i <= r; i++) w[i] = type === 'box' ? 1 : Math.exp(-(i * i) / (2 * sigma * sigma));
  let sum = w[0]!;
  for (let i = 1; i <= r; i++) sum += 2 * w[i]!;
  for (let i = 0; i <= r; i++) w[i] = w[i]! / sum;
  return w;
}
