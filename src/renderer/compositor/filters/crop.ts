/**
 * crop_filter (Crop/Pad): relative crops each edge (a negative value pads with transparency);
 * absolute cuts a cx × cy window at (left, top), cx/cy 0 meaning "to the right/bottom edge".
 * The output is never smaller than 1 × 1, as in OBS.
 */
import { CROP_FILTER, type Settings } from '../../../shared';
import { bool, num } from '../sources/settings';
import type { FilterKind, FilterRuntime } from './types';

interface Crop {
  relative: boolean;
  left: number;
  top: number;
  right: number;
  bottom: number;
  cx: number;
  cy: number;
}

function read(s: Settings): Crop {
  const n = (k: string) => Math.round(num(s, k, 0));
  return { relative: bool(s, 'relative', true), left: n('left'), top: n('top'), right: n('right'), bottom: n('bottom'), cx: n('cx'), cy: n('cy') };
}

/** The output size for an input of w × h. Exported for tests. */
export function cropSize(c: Crop, w: number, h: number): { width: number; height: number } {
  const width = c.relative ? w - c.left - c.right : c.cx > 0 ? c.cx : w - c.left;
  const height = c.relative ? h - c.top - c.bottom : c.cy > 0 ? c.cy : h - c.top;
  return { width: Math.max(1, width), height: Math.max(1, height) };
}

export const cropFilter: FilterKind = {
  id: CROP_FILTER.id,
  create(settings): FilterRuntime {
    let c = read(settings);
    return {
      size: (w, h) => cropSize(c, w, h),
      animated: () => false,
      update(s) {
        c = read(s);
      },
      render(fx, input, out) {
        const w = input.width;
        const h = input.height;
        fx.copy(input, out, { rect: [c.left / w, c.top / h, out.width / w, out.height / h] });
      },
      dispose() {},
    };
  },
};
