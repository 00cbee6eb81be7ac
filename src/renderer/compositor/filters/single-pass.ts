/**
 * The shape most filters have: one pass of one shader, output the input's size, uniforms computed
 * from the settings when they change (not per frame).
 */
import type { Settings } from '../../../shared';
import type { FilterProgram } from './gl';
import type { FilterKind, FilterRuntime, PointOp } from './types';

/** Turns settings into a function that sets the pass's uniforms. */
export type Uniforms = (s: Settings) => (gl: WebGL2RenderingContext, p: Pick<FilterProgram, 'u'>) => void;

/** Counts settings across every runtime, so a PointOp's key is never reused. */
let settingsSeen = 0;

/**
 * `point`: where the filter is a per-pixel step, its GLSL (the PointOp contract); `fs` must then be
 * that step run over the input, so both ways give the same pixels. `keepsOpaque`: whether, with
 * these settings, an opaque input gives an opaque output (FilterRuntime.keepsOpaque).
 */
export function singlePass(id: string, fs: string, uniforms: Uniforms, point?: string, keepsOpaque?: (s: Settings) => boolean): FilterKind {
  return {
    id,
    create(settings): FilterRuntime {
      let set = uniforms(settings);
      const asPoint = (): PointOp | null =>
        point === undefined ? null : { glsl: point, key: `${id}#${++settingsSeen}`, set: (gl, at) => set(gl, { u: at }) };
      let op = asPoint();
      let opaque = keepsOpaque?.(settings) ?? false;
      return {
        size: (width, height) => ({ width, height }),
        animated: () => false,
        point: () => op,
        keepsOpaque: () => opaque,
        update(s) {
          set = uniforms(s);
          op = asPoint();
          opaque = keepsOpaque?.(s) ?? false;
        },
        render(fx, input, out) {
          fx.pass(fx.program(fs), input, out, (p) => set(fx.gl, p));
        },
        dispose() {},
      };
    },
  };
}
