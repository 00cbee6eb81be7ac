/**
 * blur_filter (ours): a separable Gaussian or box blur — a horizontal pass into a pooled scratch
 * target, then a vertical one — over the whole picture or only inside a rectangle or an ellipse
 * (source pixels), where the last pass mixes the blurred picture with the original.
 */
import { BLUR_FILTER, type Settings } from '../../../shared';
import { num, str } from '../sources/settings';
import { blurWeights } from './color-math';
import { FS_HEAD } from './gl';
import type { FilterKind, FilterRuntime } from './types';

/** Taps on each side, at most; the slider stops there too. */
export const MAX_RADIUS = 64;

const PASS_FS = `${FS_HEAD}
uniform vec2 u_step;
uniform int u_radius;
uniform float u_w[${MAX_RADIUS + 1}];
uniform sampler2D u_aux0;
uniform int u_region;
uniform vec4 u_area;
void main() {
  vec4 sum = texture(u_src, v_uv) * u_w[0];
  for (int i = 1; i <= ${MAX_RADIUS}; i++) {
    if (i > u_radius) break;
    vec2 d = u_step * float(i);
    sum += (texture(u_src, v_uv + d) + texture(u_src, v_uv - d)) * u_w[i];
  }
  if (u_region == 0) { o = sum; return; }
  // The area in uv: inside it the blur shows, outside the original (u_aux0) does.
  vec2 q = (v_uv - u_area.xy) / u_area.zw;
  bool inside = u_region == 1
    ? all(greaterThanEqual(q, vec2(0.0))) && all(lessThanEqual(q, vec2(1.0)))
    : length(q - 0.5) <= 0.5;
  o = inside ? sum : texture(u_aux0, v_uv);
}
`;

const REGIONS: Record<string, number> = { none: 0, rect: 1, ellipse: 2 };

function read(s: Settings) {
  const d = BLUR_FILTER.defaults as Record<string, number>;
  const radius = Math.min(MAX_RADIUS, Math.max(0, Math.round(num(s, 'radius', d.radius!))));
  return {
    radius,
    weights: blurWeights(radius, str(s, 'type', 'gaussian') === 'box' ? 'box' : 'gaussian'),
    region: REGIONS[str(s, 'region', 'none')] ?? 0,
    area: [num(s, 'region_x', 0), num(s, 'region_y', 0), num(s, 'region_cx', 0), num(s, 'region_cy', 0)] as const,
  };
}

export const blurFilter: FilterKind = {
  id: BLUR_FILTER.id,
  create(settings): FilterRuntime {
    let c = read(settings);
    return {
      size: (width, height) => ({ width, height }),
      animated: () => false,
      update(s) {
        c = read(s);
      },
      render(fx, input, out) {
        const gl = fx.gl;
        const p = fx.program(PASS_FS);
        const region = c.region !== 0 && c.area[2] > 0 && c.area[3] > 0 ? c.region : 0;
        const tmp = fx.pool.acquire(input.width, input.height);
        const set = (dx: number, dy: number, r: number) => () => {
          gl.uniform2f(p.u('u_step'), dx, dy);
          gl.uniform1i(p.u('u_radius'), c.radius);
          gl.uniform1fv(p.u('u_w'), c.weights);
          gl.uniform1i(p.u('u_region'), r);
          gl.uniform4f(p.u('u_area'), c.area[0] / input.width, c.area[1] / input.height, c.area[2] / input.width, c.area[3] / input.height);
        };
        try {
          fx.pass(p, input, tmp, set(1 / input.width, 0, 0), [input.texture]);
          fx.pass(p, tmp, out, set(0, 1 / input.height, region), [input.texture]);
        } finally {
          fx.pool.release(tmp);
        }
      },
      dispose() {},
    };
  },
};
