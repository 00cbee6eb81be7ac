/**
 * scale_filter (Scaling/Aspect Ratio): resolution "None" keeps the size, "WxH" sets it, "W:H" sets
 * the aspect at the input's height, and "Base" is the canvas. Point sampling takes the nearest
 * texel; the other samplings are bilinear here (bicubic, Lanczos and area are OBS's names; the GPU
 * does one bilinear pass for all three).
 */
import { SCALE_FILTER, type Settings } from '../../../shared';
import { str } from '../sources/settings';
import type { FilterContext, FilterKind, FilterRuntime, Size } from './types';

type Resolution = { type: 'none' } | { type: 'base' } | { type: 'size'; width: number; height: number } | { type: 'aspect'; ratio: number };

/** Parses OBS's resolution text. Exported for tests. */
export function parseResolution(text: string): Resolution {
  const t = text.trim();
  const size = /^(\d{1,5})\s*[xX×]\s*(\d{1,5})$/.exec(t);
  if (size) {
    const width = Number(size[1]);
    const height = Number(size[2]);
    if (width > 0 && height > 0) return { type: 'size', width: Math.min(width, 8192), height: Math.min(height, 8192) };
  }
  const aspect = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(t);
  if (aspect && Number(aspect[1]) > 0 && Number(aspect[2]) > 0) return { type: 'aspect', ratio: Number(aspect[1]) / Number(aspect[2]) };
  if (/^base/i.test(t)) return { type: 'base' };
  return { type: 'none' };
}

export function scaledSize(r: Resolution, w: number, h: number, baseW: number, baseH: number): Size {
  switch (r.type) {
    case 'none':
      return { width: w, height: h };
    case 'base':
      return { width: baseW, height: baseH };
    case 'size':
      return { width: r.width, height: r.height };
    case 'aspect':
      return { width: Math.max(1, Math.round(h * r.ratio)), height: h };
  }
}

function read(s: Settings) {
  return { res: parseResolution(str(s, 'resolution', 'None')), nearest: str(s, 'sampling', 'bicubic') === 'point' };
}

export const scaleFilter: FilterKind = {
  id: SCALE_FILTER.id,
  create(settings, ctx: FilterContext): FilterRuntime {
    let c = read(settings);
    return {
      size: (w, h) => scaledSize(c.res, w, h, ctx.baseWidth(), ctx.baseHeight()),
      animated: () => false,
      update(s) {
        c = read(s);
      },
      render(fx, input, out) {
        fx.copy(input, out, { nearest: c.nearest });
      },
      dispose() {},
    };
  },
};
