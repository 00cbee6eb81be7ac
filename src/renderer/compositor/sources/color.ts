/** color_source_v3: a solid ABGR color; width/height 0 follow the canvas. */
import { COLOR_SOURCE, type Settings } from '../../../shared';
import { abgrToPremultiplied } from '../color';
import { num, px } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

export const colorSource: SourceKind = {
  id: COLOR_SOURCE.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const rgba = new Float32Array(4);
    let w = 0;
    let h = 0;
    // Moves on every settings change: the picture changes only then.
    let version = 0;
    const rt: SourceRuntime = {
      get width() {
        return w || ctx.baseWidth();
      },
      get height() {
        return h || ctx.baseHeight();
      },
      get version() {
        // The canvas size is part of the picture of a canvas-sized color.
        return version * 65536 + (w ? 0 : ctx.baseWidth() * 3 + ctx.baseHeight());
      },
      update(s) {
        const d = COLOR_SOURCE.defaults;
        abgrToPremultiplied(num(s, 'color', d.color as number), rgba);
        w = px(s, 'width');
        h = px(s, 'height');
        version++;
      },
      render(draw) {
        if (rgba[3] !== 0) draw.color(rgba);
      },
      dispose() {},
    };
    rt.update(settings);
    return rt;
  },
};
