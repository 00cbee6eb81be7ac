/**
 * Synthetic frames with known colors, converted exactly as the renderer's GPU pack does:
 * BT.709, limited range, chroma averaged over each 2×2 block.
 */
import { nv12Bytes } from '../../src/shared';

export type Rgb = readonly [number, number, number];

export function rgbToYuv709([r, g, b]: Rgb): [number, number, number] {
  const y = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  const cb = (b / 255 - y) / 1.8556;
  const cr = (r / 255 - y) / 1.5748;
  return [16 + 219 * y, 128 + 224 * cb, 128 + 224 * cr];
}

const byte = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));

/** An NV12 frame whose pixel (x, y) has the color draw(x, y). */
export function makeNv12Frame(width: number, height: number, draw: (x: number, y: number) => Rgb): Uint8Array {
  const frame = new Uint8Array(nv12Bytes(width, height));
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  const u = new Float64Array(cw * ch);
  const v = new Float64Array(cw * ch);
  const n = new Uint8Array(cw * ch);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [Y, U, V] = rgbToYuv709(draw(x, y));
      frame[y * width + x] = byte(Y);
      const c = (y >> 1) * cw + (x >> 1);
      u[c]! += U;
      v[c]! += V;
      n[c]!++;
    }
  }
  const uv = width * height;
  for (let c = 0; c < cw * ch; c++) {
    frame[uv + 2 * c] = byte(u[c]! / n[c]!);
    frame[uv + 2 * c + 1] = byte(v[c]! / n[c]!);
  }
  return frame;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  color: Rgb;
}

/** A draw function: rectangles (later ones on top) over a background color. */
export function rects(background: Rgb, list: readonly Rect[]): (x: number, y: number) => Rgb {
  return (x, y) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const r = list[i]!;
      if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) return r.color;
    }
    return background;
  };
}
