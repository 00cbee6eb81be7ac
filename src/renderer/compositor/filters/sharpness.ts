/**
 * sharpness_filter_v2: adds `sharpness` times the difference between a pixel and its eight
 * neighbours (a 3×3 Laplacian), leaving flat areas as they are.
 */
import { SHARPNESS_FILTER } from '../../../shared';
import { num } from '../sources/settings';
import { FS_HEAD } from './gl';
import { singlePass } from './single-pass';

// The output is the input's size, so each tap is a whole texel: texelFetch skips the filtering a
// texture() read does even at a texel's centre (nine taps of a 1080p frame: 104 → 81 ms in
// SwiftShader, bench/video-upload.mjs). Edges repeat, as CLAMP_TO_EDGE did.
const FS = `${FS_HEAD}
uniform float u_sharpness;
ivec2 hi;
vec4 at(int x, int y) { return texelFetch(u_src, clamp(ivec2(gl_FragCoord.xy) + ivec2(x, y), ivec2(0), hi), 0); }
/** The largest difference over the four channels. */
float most(vec4 d) { d = abs(d); return max(max(d.r, d.g), max(d.b, d.a)); }
void main() {
  hi = ivec2(round(1.0 / u_texel)) - 1;
  vec4 e = at(0, 0);
  vec4 b = at(0, -1);
  vec4 dd = at(-1, 0);
  vec4 f = at(1, 0);
  vec4 h = at(0, 1);
  vec4 edge = 8.0 * e - b - dd - f - h - at(-1, -1) - at(1, -1) - at(-1, 1) - at(1, 1);
  // Flat areas are left alone: sharpened only where the pixel differs from both of its horizontal
  // neighbours or from both of its vertical ones (as OBS's shader decides). Worked out in floats,
  // not booleans: llvmpipe ran the boolean form of this test at 2.5 times the cost of the pass
  // without it (bench/video-upload.mjs, sharpBool against sharp).
  float sharpen = step(1e-7, max(min(most(e - f), most(e - dd)), min(most(e - b), most(e - h))));
  o = clamp(e + edge * u_sharpness, 0.0, 1.0) * sharpen + e * (1.0 - sharpen);
  // Premultiplied colors may not exceed their alpha.
  o.rgb = min(o.rgb, vec3(o.a));
}
`;

// Opaque in, opaque out: the neighbours' alphas are all 1, so the edge term's alpha is 0.
export const sharpnessFilter = singlePass(
  SHARPNESS_FILTER.id,
  FS,
  (s) => {
    const k = num(s, 'sharpness', SHARPNESS_FILTER.defaults.sharpness as number);
    return (gl, p) => gl.uniform1f(p.u('u_sharpness'), k);
  },
  undefined,
  () => true,
);
