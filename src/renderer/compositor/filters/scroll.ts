/**
 * scroll_filter: moves the picture speed_x / speed_y pixels a second (by the program clock, so a
 * repeated tick does not move it), wrapping around when loop is on; limit_cx / limit_cy make the
 * output cx / cy wide or tall, a window onto the scrolling picture.
 */
import { SCROLL_FILTER, type Settings } from '../../../shared';
import { bool, num } from '../sources/settings';
import type { FilterContext, FilterKind, FilterRuntime } from './types';

function read(s: Settings) {
  return {
    speedX: num(s, 'speed_x', 0),
    speedY: num(s, 'speed_y', 0),
    cx: bool(s, 'limit_cx', false) ? Math.max(1, Math.round(num(s, 'cx', 100))) : 0,
    cy: bool(s, 'limit_cy', false) ? Math.max(1, Math.round(num(s, 'cy', 100))) : 0,
    loop: bool(s, 'loop', true),
  };
}

export const scrollFilter: FilterKind = {
  id: SCROLL_FILTER.id,
  create(settings, ctx: FilterContext): FilterRuntime {
    let c = read(settings);
    // Offset in input pixels, advanced by whole ticks since the last render.
    let x = 0;
    let y = 0;
    let lastTick = -1;
    return {
      size: (w, h) => ({ width: c.cx || w, height: c.cy || h }),
      animated: () => c.speedX !== 0 || c.speedY !== 0,
      update(s) {
        c = read(s);
      },
      render(fx, input, out, frame) {
        const ticks = lastTick < 0 ? 0 : Math.max(0, frame.index - lastTick);
        lastTick = frame.index;
        const dt = ticks / Math.max(1, ctx.fps());
        const w = input.width;
        const h = input.height;
        x = (x + c.speedX * dt) % w;
        y = (y + c.speedY * dt) % h;
        // Positive speed moves the picture right/down, so the window looks further left/up.
        fx.copy(input, out, { rect: [-x / w, -y / h, out.width / w, out.height / h], wrap: c.loop });
      },
      dispose() {},
    };
  },
};
