/**
 * gpu_delay (Render Delay): shows the picture delay_ms late. Every tick the input is copied into a
 * ring of past frames (pooled targets) and the oldest one is shown: delay_ms at the program's frame
 * rate, rounded to whole frames.
 */
import { GPU_DELAY_FILTER } from '../../../shared';
import type { Target } from '../gl/target';
import { num } from '../sources/settings';
import type { FilterContext, FilterKind, FilterRuntime } from './types';

export const gpuDelayFilter: FilterKind = {
  id: GPU_DELAY_FILTER.id,
  create(settings, ctx: FilterContext): FilterRuntime {
    let delayMs = num(settings, 'delay_ms', 0);
    let ring: Target[] = [];
    let head = 0;
    let pool: { release(t: Target | null): void } | null = null;
    const frames = () => Math.round((delayMs * ctx.fps()) / 1000);
    const clear = () => {
      for (const t of ring) pool?.release(t);
      ring = [];
      head = 0;
    };
    return {
      size: (width, height) => ({ width, height }),
      animated: () => frames() > 0,
      update(s) {
        delayMs = num(s, 'delay_ms', 0);
      },
      render(fx, input, out) {
        pool = fx.pool;
        const n = frames();
        if (n === 0) {
          clear();
          fx.copy(input, out);
          return;
        }
        if (ring.length !== n || ring[0]!.width !== input.width || ring[0]!.height !== input.height) {
          clear();
          // Until the ring has filled, the first frame stands in for the ones before it.
          for (let i = 0; i < n; i++) {
            const t = fx.pool.acquire(input.width, input.height);
            fx.copy(input, t);
            ring.push(t);
          }
        }
        // The slot at head holds the frame from n ticks ago: show it, then store this one there.
        const slot = ring[head]!;
        fx.copy(slot, out);
        fx.copy(input, slot);
        head = (head + 1) % n;
      },
      dispose: clear,
    };
  },
};
