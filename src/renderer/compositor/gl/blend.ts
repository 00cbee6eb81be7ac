/**
 * OBS's scene item blend modes as GL blend state, for premultiplied colors over what the target
 * holds: normal is "over"; additive and subtract add or take away the item's light; screen and
 * multiply are the photographic modes; lighten and darken keep the brighter or darker channel.
 */
import type { BlendMode } from '../../../shared';

export function applyBlend(gl: WebGL2RenderingContext, mode: BlendMode | undefined): void {
  switch (mode) {
    case 'OBS_BLEND_ADDITIVE':
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFunc(gl.ONE, gl.ONE);
      return;
    case 'OBS_BLEND_SUBTRACT':
      gl.blendEquationSeparate(gl.FUNC_REVERSE_SUBTRACT, gl.FUNC_ADD);
      gl.blendFuncSeparate(gl.ONE, gl.ONE, gl.ZERO, gl.ONE);
      return;
    case 'OBS_BLEND_SCREEN':
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_COLOR);
      return;
    case 'OBS_BLEND_MULTIPLY':
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFunc(gl.DST_COLOR, gl.ONE_MINUS_SRC_ALPHA);
      return;
    case 'OBS_BLEND_LIGHTEN':
      gl.blendEquation(gl.MAX);
      gl.blendFunc(gl.ONE, gl.ONE);
      return;
    case 'OBS_BLEND_DARKEN':
      gl.blendEquation(gl.MIN);
      gl.blendFunc(gl.ONE, gl.ONE);
      return;
    default:
      gl.blendEquation(gl.FUNC_ADD);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  }
}
