/** luma_key_filter_v2: pixels darker than luma_min or brighter than luma_max become transparent. */
import { LUMA_KEY_FILTER } from '../../../shared';
import { num } from '../sources/settings';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

const FS = `${FS_HEAD}
uniform float u_min;
uniform float u_max;
uniform float u_min_smooth;
uniform float u_max_smooth;
void main() {
  vec4 c = straight(texture(u_src, v_uv));
  float l = dot(c.rgb, vec3(0.2126, 0.7152, 0.0722));
  float lo = smoothstep(u_min, u_min + u_min_smooth, l);
  float hi = 1.0 - smoothstep(u_max - u_max_smooth, u_max, l);
  o = premul(vec4(c.rgb, c.a * lo * hi));
}
`;

const d = LUMA_KEY_FILTER.defaults as Record<string, number>;

export const lumaKeyFilter = singlePass(LUMA_KEY_FILTER.id, FS, (s) => {
  const min = num(s, 'luma_min', d.luma_min!);
  const max = num(s, 'luma_max', d.luma_max!);
  const minSmooth = num(s, 'luma_min_smooth', d.luma_min_smooth!);
  const maxSmooth = num(s, 'luma_max_smooth', d.luma_max_smooth!);
  return (gl, p) => {
    gl.uniform1f(p.u('u_min'), min);
    gl.uniform1f(p.u('u_max'), max);
    gl.uniform1f(p.u('u_min_smooth'), minSmooth);
    gl.uniform1f(p.u('u_max_smooth'), maxSmooth);
  };
});
