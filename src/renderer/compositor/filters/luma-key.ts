/** luma_key_filter_v2: pixels darker than luma_min or brighter than luma_max become transparent. */
import { LUMA_KEY_FILTER } from '../../../shared';
import { num } from '../sources/settings';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

/** The filter as a per-pixel step (PointOp): a video's conversion pass can run it too. */
const POINT = `
uniform float lk_min;
uniform float lk_max;
uniform float lk_min_smooth;
uniform float lk_max_smooth;
vec4 point(vec4 p) {
  vec4 c = straight(p);
  float l = dot(c.rgb, vec3(0.2126, 0.7152, 0.0722));
  float lo = smoothstep(lk_min, lk_min + lk_min_smooth, l);
  float hi = 1.0 - smoothstep(lk_max - lk_max_smooth, lk_max, l);
  return premul(vec4(c.rgb, c.a * lo * hi));
}
`;

const FS = `${FS_HEAD}${POINT}
void main() { o = point(texture(u_src, v_uv)); }
`;

const d = LUMA_KEY_FILTER.defaults as Record<string, number>;

export const lumaKeyFilter = singlePass(LUMA_KEY_FILTER.id, FS, (s) => {
  const min = num(s, 'luma_min', d.luma_min!);
  const max = num(s, 'luma_max', d.luma_max!);
  const minSmooth = num(s, 'luma_min_smooth', d.luma_min_smooth!);
  const maxSmooth = num(s, 'luma_max_smooth', d.luma_max_smooth!);
  return (gl, p) => {
    gl.uniform1f(p.u('lk_min'), min);
    gl.uniform1f(p.u('lk_max'), max);
    gl.uniform1f(p.u('lk_min_smooth'), minSmooth);
    gl.uniform1f(p.u('lk_max_smooth'), maxSmooth);
  };
}, POINT);
