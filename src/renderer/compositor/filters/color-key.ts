/**
 * color_key_filter_v2: alpha from the RGB distance to the key color — keyed out within similarity,
 * fading in over smoothness (both in thousandths, OBS's units) — then gamma, contrast, brightness.
 */
import { COLOR_KEY_FILTER } from '../../../shared';
import { num, str } from '../sources/settings';
import { contrastFactor, gammaExponent, rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

const FS = `${FS_HEAD}
uniform vec3 u_key;
uniform float u_similarity;
uniform float u_smoothness;
uniform float u_opacity;
uniform float u_gamma;
uniform float u_contrast;
uniform float u_brightness;
void main() {
  vec4 c = straight(texture(u_src, v_uv));
  float d = distance(u_key, c.rgb);
  float a = c.a * u_opacity * clamp(max(d - u_similarity, 0.0) / u_smoothness, 0.0, 1.0);
  vec3 rgb = max(c.rgb, vec3(0.0));
  // pow is costly in software GL (SwiftShader); gamma is mostly left at 0 (exponent 1).
  if (u_gamma != 1.0) rgb = pow(rgb, vec3(u_gamma));
  rgb = rgb * u_contrast + u_brightness;
  o = premul(vec4(clamp(rgb, 0.0, 1.0), a));
}
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
    gl.uniform3f(p.u('u_key'), ...key);
    gl.uniform1f(p.u('u_similarity'), similarity);
    gl.uniform1f(p.u('u_smoothness'), smoothness);
    gl.uniform1f(p.u('u_opacity'), opacity);
    gl.uniform1f(p.u('u_gamma'), gamma);
    gl.uniform1f(p.u('u_contrast'), contrast);
    gl.uniform1f(p.u('u_brightness'), brightness);
  };
});
