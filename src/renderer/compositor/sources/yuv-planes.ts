/**
 * A decoded video frame taken as its own YUV planes and turned into RGBA by a shader.
 *
 * Why: on a machine without a GPU (SwiftShader), `texSubImage2D(video)` converts each 1080p frame
 * to RGBA on the page's main thread: about 110 ms of CPU a frame, a whole core at 8 fps
 * (bench/video-upload.mjs). `VideoFrame.copyTo` only copies the decoder's planes (0.3 ms), three
 * single-channel uploads carry 3 MB instead of 8, and the conversion runs as one pass in the GPU
 * process. Chroma is read per texel (no filtering), as Chromium's own conversion does, so the
 * pictures match the element path's within half a level on average.
 */
import { POINT_HELPERS } from '../filters/gl';
import type { PointOp } from '../filters/types';
import { createProgram, uniform } from '../gl/program';
import { FULLSCREEN_VS } from '../gl/shaders';
import { createTexture, deleteTarget, type Target } from '../gl/target';

/** Plane layouts this path reads; anything else (RGBA frames, alpha, 10-bit) keeps the element path. */
export type PlaneFormat = 'I420' | 'NV12';

/** One frame's planes, tightly packed (stride = plane width) in `bytes`. */
export interface PlaneFrame {
  format: PlaneFormat;
  width: number;
  height: number;
  bytes: Uint8Array;
  /** YUV → RGB: column-major 3×3 and the offsets taken off first, both in 0..1 units. */
  matrix: Float32Array;
  offset: Float32Array;
}

/** Offsets of each plane in a tightly packed buffer, and the buffer's size. */
export function planeLayout(format: PlaneFormat, width: number, height: number): { layout: PlaneLayout[]; size: number } {
  const cw = (width + 1) >> 1;
  const ch = (height + 1) >> 1;
  const y = width * height;
  if (format === 'NV12') return { layout: [{ offset: 0, stride: width }, { offset: y, stride: cw * 2 }], size: y + cw * ch * 2 };
  return { layout: [{ offset: 0, stride: width }, { offset: y, stride: cw }, { offset: y + cw * ch, stride: cw }], size: y + cw * ch * 2 };
}

/** Luma weights (Kr, Kb) by VideoColorSpace matrix. */
const WEIGHTS: Record<string, [number, number]> = {
  bt709: [0.2126, 0.0722],
  smpte170m: [0.299, 0.114],
  bt470bg: [0.299, 0.114],
  'bt2020-ncl': [0.2627, 0.0593],
};

/**
 * The conversion for a frame's colour space. A frame that names no matrix is taken as BT.709 from
 * 720 lines up and BT.601 below, which is what players assume for untagged video.
 */
export function yuvToRgb(space: VideoColorSpaceInit | null | undefined, height: number): { matrix: Float32Array; offset: Float32Array } {
  const [kr, kb] = WEIGHTS[space?.matrix ?? ''] ?? (height >= 720 ? WEIGHTS.bt709! : WEIGHTS.smpte170m!);
  const kg = 1 - kr - kb;
  const full = space?.fullRange === true;
  const ys = full ? 1 : 255 / 219;
  const cs = full ? 1 : 255 / 224;
  // R = Y + 2(1−Kr)·V;  G = Y − 2(1−Kb)Kb/Kg·U − 2(1−Kr)Kr/Kg·V;  B = Y + 2(1−Kb)·U.
  const matrix = new Float32Array([ys, ys, ys, 0, (-cs * 2 * (1 - kb) * kb) / kg, cs * 2 * (1 - kb), cs * 2 * (1 - kr), (-cs * 2 * (1 - kr) * kr) / kg, 0]);
  return { matrix, offset: new Float32Array([full ? 0 : 16 / 255, 128 / 255, 128 / 255]) };
}

/**
 * Reads the planes at whole texels: the output is the picture's own size, so no filtering is wanted,
 * and chroma is repeated over its 2×2 pixels. `u_rect` picks the part shown (a crop), `mirror`
 * flips it left to right. Rows stay top-down, as every texture in the compositor is stored.
 * With a lead filter (a PointOp), each pixel goes through it before it is written: that filter's
 * own full-size pass is not needed.
 *
 * The plane layout and the mirror are compiled in, not uniform branches: llvmpipe runs both sides
 * of a branch it cannot prove uniform, which cost a 1080p conversion about 4.5 ms of CPU
 * (bench/video-upload.mjs, conv against convBranches).
 */
function convertFs(point: string, nv12: boolean, mirror: boolean): string {
  return `#version 300 es
precision highp float;
precision highp int;
uniform sampler2D u_y;
uniform sampler2D u_u;
uniform sampler2D u_v;
uniform ivec4 u_rect;
uniform mat3 u_m;
uniform vec3 u_off;
out vec4 o;
${point ? POINT_HELPERS + point : ''}
void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  ${mirror ? 'p.x = u_rect.z - 1 - p.x;' : ''}
  p += u_rect.xy;
  ivec2 c = p >> 1;
  vec2 uv = ${nv12 ? 'texelFetch(u_u, c, 0).rg' : 'vec2(texelFetch(u_u, c, 0).r, texelFetch(u_v, c, 0).r)'};
  vec3 yuv = vec3(texelFetch(u_y, p, 0).r, uv) - u_off;
  o = vec4(clamp(u_m * yuv, 0.0, 1.0), 1.0);${point ? '\n  o = point(o);' : ''}
}
`;
}

interface Converter {
  program: WebGLProgram;
  at(name: string): WebGLUniformLocation | null;
}

/** A conversion program; each PlaneTexture has its own, so a restored context gets new ones with its sources. */
function createConverter(gl: WebGL2RenderingContext, point: string, nv12: boolean, mirror: boolean): Converter {
  const program = createProgram(gl, FULLSCREEN_VS, convertFs(point, nv12, mirror));
  const locs = new Map<string, WebGLUniformLocation | null>();
  const at = (n: string): WebGLUniformLocation | null => {
    if (!locs.has(n)) locs.set(n, uniform(gl, program, n));
    return locs.get(n)!;
  };
  return { program, at };
}

/** Pixels cut from each edge. */
export interface PlaneCrop {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** What the last conversion read, so it can run again with another lead filter. */
interface Converted {
  nv12: boolean;
  rect: [number, number, number, number];
  mirror: boolean;
  matrix: Float32Array;
  offset: Float32Array;
}

/**
 * The RGBA texture a source shows, filled from plane frames: the planes' textures and the output
 * are reallocated only when the frame's size or format changes.
 */
export class PlaneTexture {
  private planes: WebGLTexture[] = [];
  private planeKey = '';
  private out: Target | null = null;
  /** Conversion programs by plane layout, mirror and the lead filter's GLSL ('' for none). */
  private readonly converters = new Map<string, Converter>();
  private last: Converted | null = null;
  private leadKey = '';

  constructor(private readonly gl: WebGL2RenderingContext) {}

  get texture(): WebGLTexture | null {
    return this.out?.texture ?? null;
  }

  /** The texture's size in texels (null before the first conversion). */
  get size(): { readonly width: number; readonly height: number } | null {
    return this.out;
  }

  /** The key of the lead filter the texture went through ('' for none). */
  get applied(): string {
    return this.leadKey;
  }

  /**
   * Converts `frame`, cut by `crop` and mirrored when asked, into the texture, through `lead` when
   * given; the GL state the compositor set is kept.
   */
  convert(frame: PlaneFrame, crop: PlaneCrop, mirror: boolean, lead: PointOp | null = null): void {
    const w = Math.max(1, frame.width - crop.left - crop.right);
    const h = Math.max(1, frame.height - crop.top - crop.bottom);
    this.run(() => {
      // The output first: making it binds it to the active unit, and the planes' binding must come
      // after, or the pass would read the texture it writes (a feedback loop GL refuses to draw).
      this.ensureOut(w, h);
      this.upload(frame);
      this.last = { nv12: frame.format === 'NV12', rect: [crop.left, crop.top, w, h], mirror, matrix: frame.matrix, offset: frame.offset };
      this.draw(lead);
    });
  }

  /** Converts the last frame's planes again through another lead filter (or none); false without one. */
  reapply(lead: PointOp | null): boolean {
    if (!this.last || !this.out) return false;
    this.run(() => this.draw(lead));
    return true;
  }

  /** Runs GL work, then puts back the framebuffer, viewport and blending it found, with unit 0 active. */
  private run(work: () => void): void {
    const gl = this.gl;
    const fb = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
    const vp = gl.getParameter(gl.VIEWPORT) as Int32Array;
    const blend = gl.isEnabled(gl.BLEND);
    try {
      work();
    } finally {
      gl.activeTexture(gl.TEXTURE0);
      gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
      gl.viewport(vp[0]!, vp[1]!, vp[2]!, vp[3]!);
      if (blend) gl.enable(gl.BLEND);
    }
  }

  /** One pass from the planes (already uploaded) into the output. */
  private draw(lead: PointOp | null): void {
    const gl = this.gl;
    const last = this.last!;
    const glsl = lead?.glsl ?? '';
    const key = `${last.nv12 ? 'nv12' : 'i420'}:${last.mirror ? 'mirror' : ''}:${glsl}`;
    let c = this.converters.get(key);
    if (!c) this.converters.set(key, (c = createConverter(gl, glsl, last.nv12, last.mirror)));
    this.planes.forEach((t, i) => {
      gl.activeTexture(gl.TEXTURE0 + i);
      gl.bindTexture(gl.TEXTURE_2D, t);
    });
    // NV12 has two planes; unit 2 must still not hold the output.
    if (this.planes.length === 2) {
      gl.activeTexture(gl.TEXTURE2);
      gl.bindTexture(gl.TEXTURE_2D, this.planes[1]!);
    }
    gl.useProgram(c.program);
    gl.uniform1i(c.at('u_y'), 0);
    gl.uniform1i(c.at('u_u'), 1);
    gl.uniform1i(c.at('u_v'), 2);
    gl.uniform4i(c.at('u_rect'), ...last.rect);
    gl.uniformMatrix3fv(c.at('u_m'), false, last.matrix);
    gl.uniform3fv(c.at('u_off'), last.offset);
    lead?.set(gl, c.at);
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.out!.framebuffer);
    gl.viewport(0, 0, last.rect[2], last.rect[3]);
    gl.disable(gl.BLEND);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    this.leadKey = lead?.key ?? '';
  }

  dispose(): void {
    for (const t of this.planes) this.gl.deleteTexture(t);
    this.planes = [];
    this.planeKey = '';
    deleteTarget(this.gl, this.out);
    this.out = null;
    for (const c of this.converters.values()) this.gl.deleteProgram(c.program);
    this.converters.clear();
    this.last = null;
    this.leadKey = '';
  }

  private upload(frame: PlaneFrame): void {
    const gl = this.gl;
    const { layout } = planeLayout(frame.format, frame.width, frame.height);
    const cw = (frame.width + 1) >> 1;
    const ch = (frame.height + 1) >> 1;
    const sizes: [number, number, number][] =
      frame.format === 'NV12'
        ? [[frame.width, frame.height, gl.R8], [cw, ch, gl.RG8]]
        : [[frame.width, frame.height, gl.R8], [cw, ch, gl.R8], [cw, ch, gl.R8]];
    const key = `${frame.format}:${frame.width}x${frame.height}`;
    if (key !== this.planeKey) {
      for (const t of this.planes) gl.deleteTexture(t);
      this.planes = sizes.map(([pw, ph, format]) => {
        const t = createTexture(gl, gl.NEAREST);
        gl.texStorage2D(gl.TEXTURE_2D, 1, format, pw, ph);
        return t;
      });
      this.planeKey = key;
    }
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    sizes.forEach(([pw, ph, format], i) => {
      gl.activeTexture(gl.TEXTURE0 + i);
      gl.bindTexture(gl.TEXTURE_2D, this.planes[i]!);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, pw, ph, format === gl.RG8 ? gl.RG : gl.RED, gl.UNSIGNED_BYTE, frame.bytes, layout[i]!.offset);
    });
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 4);
  }

  private ensureOut(w: number, h: number): void {
    if (this.out && this.out.width === w && this.out.height === h) return;
    const gl = this.gl;
    deleteTarget(gl, this.out);
    const texture = createTexture(gl, gl.LINEAR);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, w, h);
    const framebuffer = gl.createFramebuffer();
    gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
    gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    this.out = { width: w, height: h, texture, framebuffer };
  }
}
