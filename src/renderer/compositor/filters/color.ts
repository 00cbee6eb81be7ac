/**
 * color_filter_v2 (Color Correction), on straight-alpha colors, in this order: gamma, contrast
 * (scale), brightness (offset), saturation (around BT.601 luma), hue rotation around the gray
 * axis, then the color multiply and add; opacity scales alpha.
 */
import { COLOR_FILTER } from '../../../shared';
import { num } from '../sources/settings';
import { contrastFactor, gammaExponent, hueMatrix, rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

const FS = `${FS_HEAD}
uniform float u_gamma;
uniform float u_contrast;
uniform float u_brightness;
uniform float u_saturation;
uniform mat3 u_hue;
uniform float u_opacity;
uniform vec3 u_mul;
uniform vec3 u_add;
void main() {
  vec4 c = straight(texture(u_src, v_uv));
  vec3 rgb = max(c.rgb, vec3(0.0));
  // pow is costly in software GL (SwiftShader: 1.4 → 1.8–2.3 fresh fps for a graded 1080p clip);
  // gamma is mostly left at 0 (exponent 1), so it is skipped then (a uniform branch).
  if (u_gamma != 1.0) rgb = pow(rgb, vec3(u_gamma));
  rgb = rgb * u_contrast + u_brightness;
  float luma = dot(rgb, vec3(0.299, 0.587, 0.114));
  rgb = mix(vec3(luma), rgb, u_saturation);
  rgb = u_hue * rgb;
  rgb = rgb * u_mul + u_add;
  o = premul(vec4(clamp(rgb, 0.0, 1.0), c.a * u_opacity));
}
`;

const d = COLOR_FILTER.defaults as Record<string, number>;

export const colorFilter = singlePass(COLOR_FILTER.id, FS, (s) => {
  const gamma = gammaExponent(num(s, 'gamma', d.gamma!));
  const contrast = contrastFactor(num(s, 'contrast', d.contrast!));
  const brightness = num(s, 'brightness', d.brightness!);
  const saturation = num(s, 'saturation', d.saturation!) + 1;
  const hue = hueMatrix(num(s, 'hue_shift', d.hue_shift!));
  const opacity = num(s, 'opacity', d.opacity!);
  const mul = rgb01(num(s, 'color_multiply', d.color_multiply!));
  const add = rgb01(num(s, 'color_add', d.color_add!));
  return (gl, p) => {
    gl.uniform1f(p.u('u_gamma'), gamma);
    gl.uniform1f(p.u('u_contrast'), contrast);
    gl.uniform1f(p.u('u_brightness'), brightness);
    gl.uniform1f(p.u('u_saturation'), saturation);
    gl.uniformMatrix3fv(p.u('u_hue'), false, hue);
    gl.uniform1f(p.u('u_opacity'), opacity);
    gl.uniform3f(p.u('u_mul'), ...mul);
    gl.uniform3f(p.u('u_add'), ...add);
  };
});
