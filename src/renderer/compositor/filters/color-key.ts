/**
 * color_key_filter_v2: alpha from the RGB distance to the key color — keyed out within similarity,
 * fading in over smoothness (both in thousandths, OBS's units) — then gamma, contrast, brightness.
 */
import { COLOR_KEY_FILTER } from '../../../shared';
import { num, str } from '../sources/settings';
import { contrastFactor, gammaExponent, rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

/** The filter as a per-pixel step (PointOp): a video's conversion pass can run it too. */
const POINT = `
uniform vec3 ck_key;
uniform float ck_similarity;
uniform float ck_smoothness;
uniform float ck_opacity;
uniform float ck_gamma;
uniform float ck_contrast;
uniform float ck_brightness;
vec4 point(vec4 p) {
  vec4 c = straight(p);
  float d = distance(ck_key, c.rgb);
  float a = c.a * ck_opacity * clamp(max(d - ck_similarity, 0.0) / ck_smoothness, 0.0, 1.0);
  vec3 rgb = max(c.rgb, vec3(0.0));
  // pow is costly in software GL (SwiftShader); gamma is mostly left at 0 (exponent 1).
  if (ck_gamma != 1.0) rgb = pow(rgb, vec3(ck_gamma));
  rgb = rgb * ck_contrast + ck_brightness;
  return premul(vec4(clamp(rgb, 0.0, 1.0), a));
}
`;

const FS = `${FS_HEAD}${POINT}
void main() { o = point(texture(u_src, v_uv)); }
`;

/** OBS's preset key colors (ABGR) for key_color_type. */
const PRESETS: Record<string, number> = { green: 0x00ff00, blue: 0xff0000, red: 0x0000ff, magenta: 0xff00ff };

const d = COLOR_KEY_FILTER.defaults as Record<string, number>;

export const colorKeyFilter = singlePass(COLOR_KEY_FILTER.id, FS, (s) => {
  const key = rgb01(PRESETS[str(s, 'key_color_type', 'green')] ?? num(s, 'key_color', d.key_color!));
  const similarity = num(s, 'similarity', d.similarity!) / 1000;
  const smoothness = Math.max(num(s, 'smoothness', d.smoothness!), 1) / 1000;
  const opacity = num(s, 'opacity', d.opacity!);
  const gamma = gammaExponent(num(s, 'gamma', d.gamma!));
  const contrast = contrastFactor(num(s, 'contrast', d.contrast!));
  const brightness = num(s, 'brightness', d.brightness!);
  return (gl, p) => {
    gl.uniform3f(p.u('ck_key'), ...key);
    gl.uniform1f(p.u('ck_similarity'), similarity);
    gl.uniform1f(p.u('ck_smoothness'), smoothness);
    gl.uniform1f(p.u('ck_opacity'), opacity);
    gl.uniform1f(p.u('ck_gamma'), gamma);
    gl.uniform1f(p.u('ck_contrast'), contrast);
    gl.uniform1f(p.u('ck_brightness'), brightness);
  };
}, POINT);
