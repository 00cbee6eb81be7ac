/**
 * What filter runtimes draw with: full-target passes from a fragment shader (compiled once per GL
 * context and cached by its text), pooled scratch targets, and a copy with an optional source
 * rectangle (crop, scale, scroll are copies with a rectangle).
 */
import { createProgram } from '../gl/program';
import type { Target } from '../gl/target';
import type { TargetPool } from '../gl/target-pool';
import type { Tex } from './types';

/**
 * One triangle over the viewport; v_uv runs 0..1 across it with row 0 (v = 0) at the bottom of
 * the viewport, which is framebuffer row 0: pictures stay top-down, as every target stores them.
 */
export const FILTER_VS = `#version 300 es
out vec2 v_uv;
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  v_uv = p;
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;

/** Premultiplied ↔ straight alpha, for every shader that runs filter code (PointOp too). */
export const POINT_HELPERS = `
vec4 straight(vec4 c) { return vec4(c.a > 0.0 ? c.rgb / c.a : vec3(0.0), c.a); }
vec4 premul(vec4 c) { return vec4(c.rgb * c.a, c.a); }
`;

/** The head every filter shader starts with: the input, its texel size, and straight-alpha helpers. */
export const FS_HEAD = `#version 300 es
precision highp float;
uniform sampler2D u_src;
uniform vec2 u_texel;
in vec2 v_uv;
out vec4 o;
${POINT_HELPERS}`;

/** Samples u_src through a rectangle (xy offset, zw scale, in input uv); outside it is transparent. */
const COPY_FS = `${FS_HEAD}
uniform vec4 u_rect;
uniform bool u_wrap;
uniform bool u_nearest;
void main() {
  vec2 uv = u_rect.xy + v_uv * u_rect.zw;
  if (u_wrap) uv = fract(uv);
  if (uv.x < 0.0 || uv.y < 0.0 || uv.x > 1.0 || uv.y > 1.0) { o = vec4(0.0); return; }
  if (u_nearest) {
    ivec2 size = textureSize(u_src, 0);
    o = texelFetch(u_src, clamp(ivec2(uv * vec2(size)), ivec2(0), size - 1), 0);
  } else {
    o = texture(u_src, uv);
  }
}
`;

export class FilterProgram {
  private readonly locs = new Map<string, WebGLUniformLocation | null>();

  constructor(
    private readonly gl: WebGL2RenderingContext,
    readonly program: WebGLProgram,
  ) {}

  /** The uniform's location (looked up once). */
  u(name: string): WebGLUniformLocation | null {
    let loc = this.locs.get(name);
    if (loc === undefined) {
      loc = this.gl.getUniformLocation(this.program, name);
      this.locs.set(name, loc);
    }
    return loc;
  }
}

export interface CopyOptions {
  /** Source rectangle in input uv: x, y offset and width, height scale. Default: the whole input. */
  rect?: readonly [number, number, number, number];
  /** Wrap around instead of going transparent outside the input (scroll_filter's loop). */
  wrap?: boolean;
  /** Nearest texel instead of bilinear (scale_filter's point sampling). */
  nearest?: boolean;
}

export interface PassOptions {
  /** Draw into (0, 0, width, height) of the target only; the rest is left as it is. */
  viewport?: readonly [number, number];
  /** Blend over what the target holds (premultiplied) instead of replacing it. */
  blend?: boolean;
}

export class FilterGl {
  private readonly programs = new Map<string, FilterProgram>();

  constructor(
    readonly gl: WebGL2RenderingContext,
    readonly pool: TargetPool,
  ) {}

  /** The program for this fragment shader, compiled on first use. */
  program(fs: string): FilterProgram {
    let p = this.programs.get(fs);
    if (!p) {
      p = new FilterProgram(this.gl, createProgram(this.gl, FILTER_VS, fs));
      this.programs.set(fs, p);
    }
    return p;
  }

  /**
   * Draws one full-target pass into `out`: `input` on unit 0 (u_src, with u_texel = 1 / its size),
   * `aux` textures on units 1.. (u_aux0, u_aux1…), then `set` for the pass's own uniforms.
   */
  pass(
    p: FilterProgram,
    input: Tex,
    out: Target,
    set?: (p: FilterProgram) => void,
    aux: readonly WebGLTexture[] = [],
    opts: PassOptions = {},
  ): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, out.framebuffer);
    gl.viewport(0, 0, opts.viewport?.[0] ?? out.width, opts.viewport?.[1] ?? out.height);
    if (opts.blend) {
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    } else {
      gl.disable(gl.BLEND);
    }
    gl.useProgram(p.program);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, input.texture);
    gl.uniform1i(p.u('u_src'), 0);
    gl.uniform2f(p.u('u_texel'), 1 / input.width, 1 / input.height);
    aux.forEach((t, i) => {
      gl.activeTexture(gl.TEXTURE1 + i);
      gl.bindTexture(gl.TEXTURE_2D, t);
      gl.uniform1i(p.u(`u_aux${i}`), 1 + i);
    });
    set?.(p);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    if (aux.length > 0) gl.activeTexture(gl.TEXTURE0);
  }

  /** Copies `input` into `out`, through a source rectangle when given. */
  copy(input: Tex, out: Target, opts: CopyOptions = {}, pass: PassOptions = {}): void {
    const rect = opts.rect ?? [0, 0, 1, 1];
    const set = (p: FilterProgram): void => {
      this.gl.uniform4f(p.u('u_rect'), rect[0], rect[1], rect[2], rect[3]);
      this.gl.uniform1i(p.u('u_wrap'), opts.wrap ? 1 : 0);
      this.gl.uniform1i(p.u('u_nearest'), opts.nearest ? 1 : 0);
    };
    this.pass(this.program(COPY_FS), input, out, set, [], pass);
  }

  dispose(): void {
    for (const p of this.programs.values()) this.gl.deleteProgram(p.program);
    this.programs.clear();
  }
}
