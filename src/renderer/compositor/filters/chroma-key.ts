/**
 * chroma_key_filter_v2: a pixel's distance from the key color in the Cb/Cr plane (box-filtered over
 * its neighbours against noise) decides its alpha: below similarity it is keyed out, over the next
 * smoothness it fades in; spill desaturates what stays near the key. Then gamma, contrast and
 * brightness as OBS applies them. Settings are OBS's (similarity etc. in thousandths).
 */
import { CHROMA_KEY_FILTER } from '../../../shared';
import { num, str } from '../sources/settings';
import { chroma, contrastFactor, gammaExponent, rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

const FS = `${FS_HEAD}
uniform vec2 u_key;
uniform float u_similarity;
uniform float u_smoothness;
uniform float u_spill;
uniform float u_opacity;
uniform float u_gamma;
uniform float u_contrast;
uniform float u_brightness;
float dist(vec3 rgb) {
  float cb = dot(rgb, vec3(-0.100644, -0.338572, 0.439216)) + 0.501961;
  float cr = dot(rgb, vec3(0.439216, -0.398942, -0.040274)) + 0.501961;
  return distance(u_key, vec2(cb, cr));
}
float at(vec2 uv) { return dist(straight(texture(u_src, uv)).rgb); }
void main() {
  vec4 c = straight(texture(u_src, v_uv));
  vec2 h = u_texel * 0.5;
  vec2 p0 = vec2(u_texel.x, h.y);
  vec2 p1 = vec2(h.x, -u_texel.y);
  float d = (at(v_uv - p0) + at(v_uv + p0) + at(v_uv - p1) + at(v_uv + p1)) * 2.0 + dist(c.rgb);
  float base = d / 9.0 - u_similarity;
  float mask = pow(clamp(base / u_smoothness, 0.0, 1.0), 1.5);
  float spill = pow(clamp(base / u_spill, 0.0, 1.0), 1.5);
  float a = c.a * u_opacity * mask;
  float gray = dot(c.rgb, vec3(0.2126, 0.7152, 0.0722));
  vec3 rgb = mix(vec3(gray), c.rgb, spill);
  rgb = max(rgb, vec3(0.0));
  // pow is costly in software GL (SwiftShader); gamma is mostly left at 0 (exponent 1).
  if (u_gamma != 1.0) rgb = pow(rgb, vec3(u_gamma));
  rgb = rgb * u_contrast + u_brightness;
  o = premul(vec4(clamp(rgb, 0.0, 1.0), a));
}
`;

/** OBS's preset key colors (ABGR) for key_color_type. */
const PRESETS: Record<string, number> = { green: 0x00ff00, blue: 0xff9900, magenta: 0xff00ff };

const d = CHROMA_KEY_FILTER.defaults as Record<string, number>;

export const chromaKeyFilter = singlePass(CHROMA_KEY_FILTER.id, FS, (s) => {
  const type = str(s, 'key_color_type', 'green');
  const key = chroma(rgb01(PRESETS[type] ?? num(s, 'key_color', d.key_color!)));
  const similarity = num(s, 'similarity', d.similarity!) / 1000;
  const smoothness = Math.max(num(s, 'smoothness', d.smoothness!), 1) / 1000;
  const spill = Math.max(num(s, 'spill', d.spill!), 1) / 1000;
  const opacity = num(s, 'opacity', d.opacity!);
  const gamma = gammaExponent(num(s, 'gamma', d.gamma!));
  const contrast = contrastFactor(num(s, 'contrast', d.contrast!));
  const brightness = num(s, 'brightness', d.brightness!);
  return (gl, p) => {
    gl.uniform2f(p.u('u_key'), key[0], key[1]);
    gl.uniform1f(p.u('u_similarity'), similarity);
    gl.uniform1f(p.u('u_smoothness'), smoothness);
    gl.uniform1f(p.u('u_spill'), spill);
    gl.uniform1f(p.u('u_opacity'), opacity);
    gl.uniform1f(p.u('u_gamma'), gamma);
    gl.uniform1f(p.u('u_contrast'), contrast);
    gl.uniform1f(p.u('u_brightness'), brightness);
  };
});
