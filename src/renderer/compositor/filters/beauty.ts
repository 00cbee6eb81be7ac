/**
 * beauty_filter (ours): edge-preserving skin smoothing. Two passes (horizontal, then vertical) of
 * a bilateral filter: neighbours are averaged with a spatial Gaussian weight times a weight that
 * falls off with their color difference (edge), so flat skin evens out while edges, eyes and hair
 * stay sharp; strength mixes the result with the original.
 */
import { BEAUTY_FILTER, type Settings } from '../../../shared';
import { num } from '../sources/settings';
import { FS_HEAD } from './gl';
import type { FilterKind, FilterRuntime } from './types';

const MAX_RADIUS = 12;

const PASS_FS = `${FS_HEAD}
uniform vec2 u_step;
uniform int u_radius;
uniform float u_edge;
uniform float u_strength;
uniform sampler2D u_aux0;
void main() {
  vec4 c = texture(u_src, v_uv);
  float sigma = max(float(u_radius) * 0.5, 0.5);
  vec4 sum = c;
  float wsum = 1.0;
  // Pairs of taps, stopping at the radius: software GPUs pay for every iteration a loop might run.
  for (int i = 1; i <= ${MAX_RADIUS}; i++) {
    if (i > u_radius) break;
    float space = -float(i * i) / (2.0 * sigma * sigma);
    vec4 a = texture(u_src, v_uv + u_step * float(i));
    vec4 b = texture(u_src, v_uv - u_step * float(i));
    float da = distance(a.rgb, c.rgb) / u_edge;
    float db = distance(b.rgb, c.rgb) / u_edge;
    float wa = exp(space - da * da * 0.5);
    float wb = exp(space - db * db * 0.5);
    sum += a * wa + b * wb;
    wsum += wa + wb;
  }
  o = mix(texture(u_aux0, v_uv), sum / wsum, u_strength);
}
`;

function read(s: Settings) {
  const d = BEAUTY_FILTER.defaults as Record<string, number>;
  return {
    strength: Math.min(1, Math.max(0, num(s, 'strength', d.strength!))),
    radius: Math.min(MAX_RADIUS, Math.max(1, Math.round(num(s, 'radius', d.radius!)))),
    edge: Math.max(0.01, num(s, 'edge', d.edge!)),
  };
}

export const beautyFilter: FilterKind = {
  id: BEAUTY_FILTER.id,
  create(settings): FilterRuntime {
    let c = read(settings);
    return {
      size: (width, height) => ({ width, height }),
      animated: () => false,
      // Weighted averages of opaque texels, divided by their weights' sum: alpha stays 1.
      keepsOpaque: () => true,
      update(s) {
        c = read(s);
      },
      render(fx, input, out) {
        const gl = fx.gl;
        const p = fx.program(PASS_FS);
        const tmp = fx.pool.acquire(input.width, input.height);
        const set = (dx: number, dy: number, strength: number) => () => {
          gl.uniform2f(p.u('u_step'), dx, dy);
          gl.uniform1i(p.u('u_radius'), c.radius);
          gl.uniform1f(p.u('u_edge'), c.edge);
          gl.uniform1f(p.u('u_strength'), strength);
        };
        try {
          // The first pass keeps its full result; the second mixes the smoothed picture with the original.
          fx.pass(p, input, tmp, set(1 / input.width, 0, 1), [input.texture]);
          fx.pass(p, tmp, out, set(0, 1 / input.height, c.strength), [input.texture]);
        } finally {
          fx.pool.release(tmp);
        }
      },
      dispose() {},
    };
  },
};
