import { describe, expect, it } from 'vitest';
import { blurWeights, chroma, contrastFactor, gammaExponent, gradeAffine, hueMatrix, rgb01 } from './color-math';

/** Applies a column-major 3×3 matrix to an RGB triple. */
const apply = (m: Float32Array, v: [number, number, number]) =>
  [0, 1, 2].map((r) => m[r]! * v[0] + m[3 + r]! * v[1] + m[6 + r]! * v[2]);

describe('color filter math', () => {
  it('maps OBS sliders to exponents and factors', () => {
    expect(gammaExponent(0)).toBe(1);
    expect(gammaExponent(1)).toBe(0.5);
    expect(gammaExponent(-1)).toBe(2);
    expect(contrastFactor(0)).toBe(1);
    expect(contrastFactor(1)).toBe(2);
    expect(contrastFactor(-1)).toBe(0.5);
  });

  it('reads ABGR colors as RGB', () => {
    expect(rgb01(0xff0080ff)).toEqual([1, 128 / 255, 0]);
    expect(rgb01(0x00ffffff)).toEqual([1, 1, 1]);
  });

  it('rotates hue around the gray axis: grays stay, a third of a turn moves red to green', () => {
    const third = hueMatrix(120);
    apply(third, [1, 0, 0]).forEach((v, i) => expect(v).toBeCloseTo([0, 1, 0][i]!, 5));
    apply(hueMatrix(37), [0.4, 0.4, 0.4]).forEach((v) => expect(v).toBeCloseTo(0.4, 5));
    apply(hueMatrix(360), [0.2, 0.5, 0.9]).forEach((v, i) => expect(v).toBeCloseTo([0.2, 0.5, 0.9][i]!, 5));
  });

  it('folds the grade into one matrix and offset that match its steps', () => {
    const g = { contrast: 1.3, brightness: 0.05, saturation: 0.6, hue: hueMatrix(25), mul: [0.9, 1, 0.8] as const, add: [0.02, 0, 0.1] as const };
    // The steps as the shader ran them one by one.
    const steps = (x: [number, number, number]): number[] => {
      const a = x.map((v) => v * g.contrast + g.brightness) as [number, number, number];
      const l = 0.299 * a[0] + 0.587 * a[1] + 0.114 * a[2];
      const s = a.map((v) => l + (v - l) * g.saturation) as [number, number, number];
      return apply(g.hue, s).map((v, i) => v * g.mul[i]! + g.add[i]!);
    };
    const { m, k } = gradeAffine(g);
    for (const x of [[0, 0, 0], [1, 1, 1], [0.2, 0.5, 0.9], [1, 0, 0.3]] as [number, number, number][]) {
      apply(m, x).forEach((v, i) => expect(v + k[i]!).toBeCloseTo(steps(x)[i]!, 6));
    }
    // The defaults change nothing.
    const id = gradeAffine({ contrast: 1, brightness: 0, saturation: 1, hue: hueMatrix(0), mul: [1, 1, 1], add: [0, 0, 0] });
    apply(id.m, [0.2, 0.5, 0.9]).forEach((v, i) => expect(v + id.k[i]!).toBeCloseTo([0.2, 0.5, 0.9][i]!, 6));
  });

  it('puts a key color and itself at chroma distance 0, and far from another', () => {
    const g = chroma([0, 1, 0]);
    const r = chroma([1, 0, 0]);
    expect(Math.hypot(g[0] - r[0], g[1] - r[1])).toBeGreaterThan(0.5);
    // Grays sit at the centre of the plane.
    chroma([0.3, 0.3, 0.3]).forEach((v) => expect(v).toBeCloseTo(0.501961, 4));
  });

  it('makes normalised blur weights: Gaussian falling off, box flat', () => {
    const g = blurWeights(4, 'gaussian');
    expect(g[0]! + 2 * (g[1]! + g[2]! + g[3]! + g[4]!)).toBeCloseTo(1, 6);
    expect(g[0]).toBeGreaterThan(g[1]!);
    expect(g[3]).toBeGreaterThan(g[4]!);
    const b = blurWeights(2, 'box');
    expect([...b].map((v) => +v.toFixed(6))).toEqual([0.2, 0.2, 0.2]);
    expect([...blurWeights(0, 'gaussian')]).toEqual([1]);
  });
});
