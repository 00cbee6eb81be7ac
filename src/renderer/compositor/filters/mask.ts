/**
 * mask_filter_v2 (Image Mask/Blend): an image shapes or tints the picture. type names the effect
 * as OBS stores it: mask_color (alpha × the image's mean RGB), mask_alpha (alpha × the image's
 * alpha), blend_mul / blend_add / blend_sub (the image's color multiplied, added or subtracted).
 * The picture is first tinted by color, and its alpha scaled by opacity. Without stretch the image
 * keeps its aspect, centred.
 */
import { MASK_FILTER, type Settings } from '../../../shared';
import { bool, num, str } from '../sources/settings';
import { rgb01 } from './color-math';
import { FS_HEAD } from './gl';
import { ImageTexture } from './image-texture';
import type { FilterContext, FilterKind, FilterRuntime } from './types';

const FS = `${FS_HEAD}
uniform sampler2D u_aux0;
uniform vec4 u_color;
uniform int u_type;
uniform vec4 u_map;
void main() {
  vec4 c = straight(texture(u_src, v_uv)) * u_color;
  vec2 uv = (v_uv - u_map.xy) / u_map.zw;
  bool out_ = any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)));
  vec4 m = out_ ? vec4(0.0) : texture(u_aux0, uv);
  if (u_type == 0) c.a *= (m.r + m.g + m.b) / 3.0;
  else if (u_type == 1) c.a *= m.a;
  else if (u_type == 2) c.rgb = clamp(c.rgb * m.rgb, 0.0, 1.0);
  else if (u_type == 3) c.rgb = clamp(c.rgb + m.rgb, 0.0, 1.0);
  else c.rgb = clamp(c.rgb - m.rgb, 0.0, 1.0);
  o = premul(c);
}
`;

const TYPES: Record<string, number> = {
  'mask_color_filter.effect': 0,
  'mask_alpha_filter.effect': 1,
  'blend_mul_filter.effect': 2,
  'blend_add_filter.effect': 3,
  'blend_sub_filter.effect': 4,
};

function read(s: Settings) {
  const d = MASK_FILTER.defaults as Record<string, unknown>;
  return {
    type: TYPES[str(s, 'type', d.type as string)] ?? 0,
    path: str(s, 'image_path', ''),
    color: rgb01(num(s, 'color', d.color as number)),
    opacity: num(s, 'opacity', d.opacity as number),
    stretch: bool(s, 'stretch', false),
  };
}

export const maskFilter: FilterKind = {
  id: MASK_FILTER.id,
  create(settings, ctx: FilterContext): FilterRuntime {
    let c = read(settings);
    const image = new ImageTexture(ctx);
    image.load(c.path);
    return {
      get version() {
        return image.version;
      },
      size: (width, height) => ({ width, height }),
      animated: () => false,
      update(s) {
        c = read(s);
        image.load(c.path);
      },
      render(fx, input, out) {
        if (!image.texture) {
          // No image (yet): OBS shows the source unmasked.
          fx.copy(input, out);
          return;
        }
        // Where the image lies in the picture's uv: all of it, or fitted with its aspect kept.
        let map: [number, number, number, number] = [0, 0, 1, 1];
        if (!c.stretch && image.width > 0 && image.height > 0) {
          const s = Math.min(input.width / image.width, input.height / image.height);
          const w = (image.width * s) / input.width;
          const h = (image.height * s) / input.height;
          map = [(1 - w) / 2, (1 - h) / 2, w, h];
        }
        const gl = fx.gl;
        fx.pass(
          fx.program(FS),
          input,
          out,
          (p) => {
            gl.uniform4f(p.u('u_color'), c.color[0], c.color[1], c.color[2], c.opacity);
            gl.uniform1i(p.u('u_type'), c.type);
            gl.uniform4f(p.u('u_map'), ...map);
          },
          [image.texture],
        );
      },
      dispose() {
        image.dispose();
      },
    };
  },
};
