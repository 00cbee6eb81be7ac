import { describe, expect, it } from 'vitest';
import { nv12Bytes } from '../../shared';
import { CB_DIV, CR_DIV, KG, nv12SizeProblem, packChromaShader, packLumaShader, packTargetSize, rgbToYuv } from './nv12';

const rounded = (r: number, g: number, b: number): number[] => {
  const { y, u, v } = rgbToYuv(r, g, b);
  return [Math.round(y), Math.round(u), Math.round(v)];
};

describe('BT.709 limited range', () => {
  it('has the standard coefficients', () => {
    expect(KG).toBeCloseTo(0.7152, 10);
    expect(CB_DIV).toBeCloseTo(1.8556, 10);
    expect(CR_DIV).toBeCloseTo(1.5748, 10);
  });

  it('maps black, white and the primaries to the reference values', () => {
    expect(rounded(0, 0, 0)).toEqual([16, 128, 128]);
    expect(rounded(1, 1, 1)).toEqual([235, 128, 128]);
    expect(rounded(1, 0, 0)).toEqual([63, 102, 240]);
    expect(rounded(0, 1, 0)).toEqual([173, 42, 26]);
    expect(rounded(0, 0, 1)).toEqual([32, 240, 118]);
  });
});

describe('pack layout', () => {
  it('makes one RGBA readback exactly an NV12 frame', () => {
    for (const [w, h] of [[1280, 720], [1920, 1080], [64, 64], [852, 480]] as const) {
      const t = packTargetSize(w, h);
      expect(t.width * 4 * t.height).toBe(nv12Bytes(w, h));
    }
  });

  it('accepts widths that are multiples of 4 and even heights only', () => {
    expect(nv12SizeProblem(1280, 720)).toBeNull();
    expect(nv12SizeProblem(1282, 720)).toMatch(/multiple of 4/);
    expect(nv12SizeProblem(1280, 721)).toMatch(/even/);
    expect(nv12SizeProblem(0, 720)).toMatch(/positive/);
  });

  it('generates the shaders from the same constants', () => {
    const luma = packLumaShader();
    const chroma = packChromaShader();
    expect(luma).toContain('0.2126');
    expect(luma).toContain('219.0');
    expect(chroma).toContain('224.0');
    expect(chroma).toContain('1.8556');
    expect(chroma).toContain('1.5748');
  });
});
