/**
 * The shape most filters have: one pass of one shader, output the input's size, uniforms computed
 * from the settings when they change (not per frame).
 */
import type { Settings } from '../../../shared';
import type { FilterProgram } from './gl';
import type { FilterKind, FilterRuntime } from './types';

/** Turns settings into a function that sets the pass's uniforms. */
export type Uniforms = (s: Settings) => (gl: WebGL2RenderingContext, p: FilterProgram) => void;

export function singlePass(id: string, fs: string, uniforms: Uniforms): FilterKind {
  return {
    id,
    create(settings): FilterRuntime {
      let set = uniforms(settings);
      return {
        size: (width, height) => ({ width, height }),
        animated: () => false,
        update(s) {
          set = uniforms(s);
        },
        render(fx, input, out) {
          fx.pass(fx.program(fs), input, out, (p) => set(fx.gl, p));
        },
        dispose() {},
      };
    },
  };
}
