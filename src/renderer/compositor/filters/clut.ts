/**
 * clut_filter (Apply LUT): each color is looked up in a 3D table (trilinear, on the GPU) and mixed
 * with the original by clut_amount; alpha is kept. The table loads from a .cube or OBS-style .png
 * file (./lut.ts); until it has loaded, or when it cannot be read, the picture passes unchanged.
 */
import { CLUT_FILTER, type Settings } from '../../../shared';
import { num, str } from '../sources/settings';
import { FS_HEAD } from './gl';
import { parseCube, parsePngLut, type Lut } from './lut';
import type { FilterContext, FilterKind, FilterRuntime } from './types';

const FS = `${FS_HEAD}
uniform highp sampler3D u_lut;
uniform float u_size;
uniform float u_amount;
void main() {
  vec4 c = straight(texture(u_src, v_uv));
  vec3 at = (clamp(c.rgb, 0.0, 1.0) * (u_size - 1.0) + 0.5) / u_size;
  vec3 graded = texture(u_lut, at).rgb;
  o = premul(vec4(mix(c.rgb, graded, u_amount), c.a));
}
`;

async function loadLut(ctx: FilterContext, path: string): Promise<Lut | string> {
  const url = ctx.mediaUrl(path);
  if (/\.cube$/i.test(path)) {
    const res = await fetch(url);
    if (!res.ok) return `it could not be read (HTTP ${res.status})`;
    return parseCube(await res.text());
  }
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
  const g = canvas.getContext('2d');
  if (!g) return 'it could not be decoded here';
  g.drawImage(img, 0, 0);
  return parsePngLut(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height);
}

function read(s: Settings) {
  return { path: str(s, 'image_path', ''), amount: num(s, 'clut_amount', CLUT_FILTER.defaults.clut_amount as number) };
}

export const clutFilter: FilterKind = {
  id: CLUT_FILTER.id,
  create(settings, ctx: FilterContext): FilterRuntime {
    let c = read(settings);
    let loaded = '';
    let tex: WebGLTexture | null = null;
    let size = 0;
    let version = 0;
    let disposed = false;
    const gl = ctx.gl;
    const load = (path: string) => {
      if (path === loaded) return;
      loaded = path;
      if (tex) gl.deleteTexture(tex);
      tex = null;
      version++;
      if (!path) return;
      void loadLut(ctx, path)
        .then((lut) => {
          if (disposed || loaded !== path) return;
          if (typeof lut === 'string') {
            ctx.warnOnce(`lut:${path}`, `Compositor: the LUT "${path}" cannot be used: ${lut}.`, 'notice');
            return;
          }
          const t = gl.createTexture();
          gl.bindTexture(gl.TEXTURE_3D, t);
          for (const p of [gl.TEXTURE_WRAP_S, gl.TEXTURE_WRAP_T, gl.TEXTURE_WRAP_R]) gl.texParameteri(gl.TEXTURE_3D, p, gl.CLAMP_TO_EDGE);
          gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
          gl.texParameteri(gl.TEXTURE_3D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
          gl.texImage3D(gl.TEXTURE_3D, 0, gl.RGBA16F, lut.size, lut.size, lut.size, 0, gl.RGBA, gl.FLOAT, lut.data);
          gl.bindTexture(gl.TEXTURE_3D, null);
          tex = t;
          size = lut.size;
          version++;
        })
        .catch((err: unknown) => ctx.warnOnce(`lut:${path}`, `Compositor: the LUT "${path}" could not be loaded (${String(err)}).`, 'notice'));
    };
    load(c.path);
    return {
      get version() {
        return version;
      },
      size: (width, height) => ({ width, height }),
      animated: () => false,
      update(s) {
        c = read(s);
        load(c.path);
      },
      render(fx, input, out) {
        if (!tex) {
          fx.copy(input, out);
          return;
        }
        const lut = tex;
        fx.pass(fx.program(FS), input, out, (p) => {
          gl.activeTexture(gl.TEXTURE1);
          gl.bindTexture(gl.TEXTURE_3D, lut);
          gl.uniform1i(p.u('u_lut'), 1);
          gl.uniform1f(p.u('u_size'), size);
          gl.uniform1f(p.u('u_amount'), c.amount);
          gl.activeTexture(gl.TEXTURE0);
        });
      },
      dispose() {
        disposed = true;
        if (tex) gl.deleteTexture(tex);
        tex = null;
      },
    };
  },
};
