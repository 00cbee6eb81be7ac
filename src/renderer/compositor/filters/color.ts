/**
 * color_filter_v2 (Color Correction), on straight-alpha colors, in this order: gamma, contrast
 * (scale), brightness (offset), saturation (around BT.601 luma), hue rotation around the gray
 * axis, then the color multiply and add; opacity scales alpha.
 */
import { COLOR_FILTER } from '../../../shared';
import { num } from '../sources/settings';
import { contrastFactor, gammaExponent, gradeAffine, hueMatrix, rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

/** The filter as a per-pixel step (PointOp): a video's conversion pass can run it too. */
const POINT = `
uniform float cf_gamma;
uniform mat3 cf_m;
uniform vec3 cf_k;
uniform float cf_opacity;
vec4 point(vec4 p) {
  vec4 c = straight(p);
  vec3 rgb = max(c.rgb, vec3(0.0));
  // pow is costly in software GL (SwiftShader: 1.4 → 1.8–2.3 fresh fps for a graded 1080p clip);
  // gamma is mostly left at 0 (exponent 1), so it is skipped then (a uniform branch).
  if (cf_gamma != 1.0) rgb = pow(rgb, vec3(cf_gamma));
  // Contrast, brightness, saturation, hue and the multiply and add, folded into one (gradeAffine).
  rgb = cf_m * rgb + cf_k;
  return premul(vec4(clamp(rgb, 0.0, 1.0), c.a * cf_opacity));
}
`;

const FS = `${FS_HEAD}${POINT}
void main() { o = point(texture(u_src, v_uv)); }
`;

const d = COLOR_FILTER.defaults as Record<string, number>;

export const colorFilter = singlePass(COLOR_FILTER.id, FS, (s) => {
  const gamma = gammaExponent(num(s, 'gamma', d.gamma!));
  const { m, k } = gradeAffine({
    contrast: contrastFactor(num(s, 'contrast', d.contrast!)),
    brightness: num(s, 'brightness', d.brightness!),
    saturation: num(s, 'saturation', d.saturation!) + 1,
    hue: hueMatrix(num(s, 'hue_shift', d.hue_shift!)),
    mul: rgb01(num(s, 'color_multiply', d.color_multiply!)),
    add: rgb01(num(s, 'color_add', d.color_add!)),
  });
  const opacity = num(s, 'opacity', d.opacity!);
  return (gl, p) => {
    gl.uniform1f(p.u('cf_gamma'), gamma);
    gl.uniformMatrix3fv(p.u('cf_m'), false, m);
    gl.uniform3f(p.u('cf_k'), ...k);
    gl.uniform1f(p.u('cf_opacity'), opacity);
  };
}, POINT, (s) => num(s, 'opacity', d.opacity!) >= 1);
