/**
 * OBS's luma_wipe_transition on the GPU: a grey picture (u_aux1) says when each pixel changes — dark
 * first, light last. The edge moves from 0 to 1 + softness over the transition, so the last
 * pixels have finished blending at t = 1; between the edge and softness behind it the two scenes
 * mix linearly. `luma_invert` reverses the order. Until the picture has loaded it cross-fades.
 */
import { FS_HEAD } from '../filters/gl';
import { bool, num } from '../sources/settings';
import type { TransitionKind } from './types';

const LUMA_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform sampler2D u_aux1;
uniform float u_t;
uniform float u_soft;
uniform bool u_invert;
void main() {
  float l = texture(u_aux1, v_uv).r;
  if (u_invert) l = 1.0 - l;
  float edge = u_t * (1.0 + u_soft);
  float w = u_soft > 0.0 ? clamp((edge - l) / u_soft, 0.0, 1.0) : (l < edge ? 1.0 : 0.0);
  o = mix(texture(u_src, v_uv), texture(u_aux0, v_uv), w);
}
`;

const FADE_FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform float u_t;
void main() { o = mix(texture(u_src, v_uv), texture(u_aux0, v_uv), u_t); }
`;

export const lumaWipeTransition: TransitionKind = {
  id: 'luma_wipe_transition',
  mix(fx, from, to, out, t, s, assets) {
    const luma = assets?.luma(s) ?? null;
    if (!luma) {
      fx.pass(fx.program(FADE_FS), from, out, (p) => fx.gl.uniform1f(p.u('u_t'), t), [to.texture]);
      return;
    }
    const soft = Math.min(1, Math.max(0, num(s, 'luma_softness', 0.03)));
    fx.pass(
      fx.program(LUMA_FS),
      from,
      out,
      (p) => {
        fx.gl.uniform1f(p.u('u_t'), t);
        fx.gl.uniform1f(p.u('u_soft'), soft);
        fx.gl.uniform1i(p.u('u_invert'), bool(s, 'luma_invert', false) ? 1 : 0);
      },
      [to.texture, luma],
    );
  },
};
