import { describe, expect, it } from 'vitest';
import { parseCube, parsePngLut } from './lut';

describe('LUT files', () => {
  it('parses .cube text, red fastest, and says what is wrong with a bad one', () => {
    const text = ['# swap', 'TITLE "x"', 'LUT_3D_SIZE 2', 'DOMAIN_MIN 0 0 0', '0 0 0', '1 0 0', '0 1 0', '1 1 0', '0 0 1', '1 0 1', '0 1 1', '1 1 1'].join('\n');
    const lut = parseCube(text);
    if (typeof lut === 'string') throw new Error(lut);
    expect(lut.size).toBe(2);
    // Entry (r=1, g=0, b=0) is the second.
    expect([...lut.data.slice(4, 8)]).toEqual([1, 0, 0, 1]);
    expect(parseCube('LUT_3D_SIZE 2\n0 0 0\n')).toMatch(/1 entries where LUT_3D_SIZE 2 needs 8/);
    expect(parseCube('0 0 0\n')).toMatch(/LUT_3D_SIZE/);
    expect(parseCube('LUT_3D_SIZE 2\n0 zero 0\n')).toMatch(/not three numbers/);
  });

  it('reads OBS 512×512 PNG LUTs tile by tile', () => {
    const px = new Uint8Array(512 * 512 * 4);
    // Level (r=3, g=5, b=9): tile (1, 1), pixel (3, 5) in it.
    const i = ((64 + 5) * 512 + 64 + 3) * 4;
    px.set([10, 20, 30, 255], i);
    const lut = parsePngLut(px, 512, 512);
    if (typeof lut === 'string') throw new Error(lut);
    const d = ((9 * 64 + 5) * 64 + 3) * 4;
    expect([...lut.data.slice(d, d + 4)].map((v) => Math.round(v * 255))).toEqual([10, 20, 30, 255]);
    expect(parsePngLut(px, 256, 16)).toMatch(/must be 512 × 512/);
  });
});
