/**
 * Lookup tables for clut_filter, parsed from what the files hold (pure, tested in lut.test.ts):
 * Adobe .cube text (LUT_3D_SIZE N, then N³ "r g b" lines, red fastest) and OBS's 512 × 512 PNG
 * layout (64 levels: 8 × 8 tiles of 64 × 64, blue picks the tile, red runs across it, green down).
 */

export interface Lut {
  /** Levels per channel. */
  size: number;
  /** RGBA floats, red fastest, then green, then blue; alpha 1. */
  data: Float32Array;
}

export function parseCube(text: string): Lut | string {
  let size = 0;
  const values: number[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (/^LUT_3D_SIZE\s/i.test(line)) {
      size = Number(line.split(/\s+/)[1]);
      continue;
    }
    if (/^[A-Z_]+(\s|$)/i.test(line) && !/^[-+.\d]/.test(line)) continue;
    const parts = line.split(/\s+/).map(Number);
    if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return `line "${line.slice(0, 40)}" is not three numbers`;
    values.push(...parts);
  }
  if (!Number.isInteger(size) || size < 2 || size > 256) return 'it has no usable LUT_3D_SIZE (2 to 256)';
  if (values.length !== size ** 3 * 3) return `it has ${values.length / 3} entries where LUT_3D_SIZE ${size} needs ${size ** 3}`;
  const data = new Float32Array(size ** 3 * 4);
  for (let i = 0; i < size ** 3; i++) {
    data[i * 4] = values[i * 3]!;
    data[i * 4 + 1] = values[i * 3 + 1]!;
    data[i * 4 + 2] = values[i * 3 + 2]!;
    data[i * 4 + 3] = 1;
  }
  return { size, data };
}

/** OBS's PNG LUT from its RGBA pixels (512 × 512, top row first). */
export function parsePngLut(px: Uint8ClampedArray | Uint8Array, width: number, height: number): Lut | string {
  if (width !== 512 || height !== 512) return `it is ${width} × ${height}; PNG LUTs must be 512 × 512 (64 levels in 8 × 8 tiles)`;
  const n = 64;
  const data = new Float32Array(n ** 3 * 4);
  for (let b = 0; b < n; b++) {
    const tx = (b % 8) * n;
    const ty = Math.floor(b / 8) * n;
    for (let g = 0; g < n; g++) {
      for (let r = 0; r < n; r++) {
        const s = ((ty + g) * width + tx + r) * 4;
        const d = ((b * n + g) * n + r) * 4;
        data[d] = px[s]! / 255;
        data[d + 1] = px[s + 1]! / 255;
        data[d + 2] = px[s + 2]! / 255;
        data[d + 3] = 1;
      }
    }
  }
  return { size: n, data };
}
