/**
 * Every GL object the compositor owns for one context: item programs, the program target (the
 * composited frame, stored top-down), the NV12 pack target and the readback ring. Recreated as a
 * whole after a context loss.
 */
import { nv12Bytes } from '../../../shared';
import { packChromaShader, packLumaShader, packTargetSize } from '../nv12';
import { createProgram, uniform } from './program';
import { COLOR_FS, FULLSCREEN_VS, ITEM_VS, TEXTURE_FS } from './shaders';
import { createTarget, createTexture, deleteTarget, type Target } from './target';
import { type Deliver, ReadbackRing } from './readback';
import { rendererName } from './renderer-name';

export const PLACEHOLDER_SIZE = 256;
const READBACK_SLOTS = 3;

interface ItemProgram {
  program: WebGLProgram;
  xf: WebGLUniformLocation | null;
  uv: WebGLUniformLocation | null;
  extra: WebGLUniformLocation | null;
}

export class GlPipeline {
  private readonly tex: ItemProgram;
  private readonly col: ItemProgram;
  private readonly luma: WebGLProgram;
  private readonly chroma: WebGLProgram;
  private readonly chromaH: WebGLUniformLocation | null;
  private readonly chromaTexel: WebGLUniformLocation | null;
  private readonly vao: WebGLVertexArrayObject;
  private program: Target | null = null;
  private packTarget: Target | null = null;
  private ring: ReadbackRing | null = null;
  private placeholderTex: WebGLTexture | null = null;
  /** Overrides a texture's LINEAR filtering for draws that lay texels 1:1 on pixels. */
  private readonly nearest: WebGLSampler;
  /** The read side of copyTexture's blits: each copy attaches its texture and detaches it after. */
  private readonly copyFrom: WebGLFramebuffer;
  width = 0;
  height = 0;
  readonly renderer: string;

  constructor(readonly gl: WebGL2RenderingContext) {
    const item = (fs: string, extra: string): ItemProgram => {
      const program = createProgram(gl, ITEM_VS, fs);
      return {
        program,
        xf: uniform(gl, program, 'u_xf'),
        uv: uniform(gl, program, 'u_uv'),
        extra: uniform(gl, program, extra),
      };
    };
    this.tex = item(TEXTURE_FS, 'u_tex');
    this.col = item(COLOR_FS, 'u_color');
    // Two passes rather than one branching shader: software GPUs run both sides of a branch.
    this.luma = createProgram(gl, FULLSCREEN_VS, packLumaShader());
    this.chroma = createProgram(gl, FULLSCREEN_VS, packChromaShader());
    this.chromaH = uniform(gl, this.chroma, 'u_h');
    this.chromaTexel = uniform(gl, this.chroma, 'u_texel');
    for (const p of [this.luma, this.chroma]) {
      gl.useProgram(p);
      gl.uniform1i(uniform(gl, p, 'u_src'), 0);
    }
    gl.useProgram(this.tex.program);
    gl.uniform1i(this.tex.extra, 0);
    this.nearest = gl.createSampler();
    gl.samplerParameteri(this.nearest, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.samplerParameteri(this.nearest, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    gl.samplerParameteri(this.nearest, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
    gl.samplerParameteri(this.nearest, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
    this.copyFrom = gl.createFramebuffer();
    // An empty VAO: quads are generated from gl_VertexID.
    this.vao = gl.createVertexArray();
    gl.bindVertexArray(this.vao);
    gl.pixelStorei(gl.PACK_ALIGNMENT, 4);
    this.renderer = rendererName(gl);
  }

  /** (Re)allocates size-dependent targets; packable says whether NV12 targets are needed. */
  resize(width: number, height: number, packable: boolean): void {
    const gl = this.gl;
    const sameSize = width === this.width && height === this.height;
    if (sameSize && (this.packTarget !== null) === packable && this.program) return;
    if (!sameSize || !this.program) {
      deleteTarget(gl, this.program);
      this.program = createTarget(gl, width, height);
      // LINEAR lets the chroma pass average 2×2 blocks in one sample; texelFetch and the blit
      // ignore the filter.
      gl.bindTexture(gl.TEXTURE_2D, this.program.texture);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
    }
    deleteTarget(gl, this.packTarget);
    this.packTarget = null;
    this.ring?.dispose();
    this.ring = null;
    if (packable) {
      const p = packTargetSize(width, height);
      this.packTarget = createTarget(gl, p.width, p.height);
      this.ring = new ReadbackRing(gl, nv12Bytes(width, height), READBACK_SLOTS);
    }
    this.width = width;
    this.height = height;
  }

  /** The composited frame (top-down), for passes that work on it in place (scene filters). */
  get programTarget(): Target | null {
    return this.program;
  }

  get canPack(): boolean {
    return this.ring !== null;
  }

  get pendingReadbacks(): number {
    return this.ring?.pending ?? 0;
  }

  /** Magenta/black checker for sources that have nothing (yet) to show. Created on first use. */
  placeholder(): WebGLTexture {
    if (this.placeholderTex) return this.placeholderTex;
    const gl = this.gl;
    const n = PLACEHOLDER_SIZE;
    const px = new Uint8Array(n * n * 4);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        const on = ((x >> 5) + (y >> 5)) & 1;
        const i = (y * n + x) * 4;
        px[i] = on ? 255 : 0;
        px[i + 1] = 0;
        px[i + 2] = on ? 255 : 0;
        px[i + 3] = 255;
      }
    }
    const t = createTexture(gl, gl.LINEAR);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, n, n, 0, gl.RGBA, gl.UNSIGNED_BYTE, px);
    this.placeholderTex = t;
    return t;
  }

  beginProgram(): void {
    const gl = this.gl;
    if (!this.program) return;
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.program.framebuffer);
    gl.viewport(0, 0, this.width, this.height);
    gl.disable(gl.BLEND);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  }

  /**
   * `exact`: the quad lays the texture's texels 1:1 on whole pixels, so each pixel's centre is a
   * texel's centre and LINEAR filtering would return that texel anyway; reading it NEAREST gives the
   * same pixels for less work (llvmpipe: about 30 % less CPU for a 1080p draw, bench/video-upload.mjs
   * item against itemNearest).
   */
  drawTexture(texture: WebGLTexture, xf: Float32Array, uv: Float32Array, exact = false): void {
    const gl = this.gl;
    gl.useProgram(this.tex.program);
    gl.uniformMatrix3fv(this.tex.xf, false, xf);
    gl.uniform4fv(this.tex.uv, uv);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    if (exact) gl.bindSampler(0, this.nearest);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    if (exact) gl.bindSampler(0, null);
  }

  /**
   * Copies a texture's rectangle into the bound target: `r` is the source's x0, y0, x1, y1 and the
   * target's (reversed for a flip), in pixels (copyRect). For an opaque picture laid 1:1 with the
   * normal blend this gives drawTexture's pixels with no shader: llvmpipe copies rows, about 2 ms of
   * CPU against 19 for the draw of a 1080p picture (bench/video-upload.mjs, itemBlit).
   */
  copyTexture(texture: WebGLTexture, r: Int32Array): void {
    const gl = this.gl;
    const into = gl.getParameter(gl.DRAW_FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, this.copyFrom);
    gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, texture, 0);
    gl.blitFramebuffer(r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, r[6]!, r[7]!, gl.COLOR_BUFFER_BIT, gl.NEAREST);
    // Detached, so the texture is never both read here and drawn into elsewhere.
    gl.framebufferTexture2D(gl.READ_FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, null, 0);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, into);
  }

  drawColor(xf: Float32Array, premultiplied: Float32Array): void {
    const gl = this.gl;
    gl.useProgram(this.col.program);
    gl.uniformMatrix3fv(this.col.xf, false, xf);
    gl.uniform4fv(this.col.extra, premultiplied);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  /**
   * Copies program (or another target: preview, an extra canvas) to the page's canvas, flipping rows
   * back (top-down storage); a target of another size than the canvas's drawing buffer is scaled.
   */
  present(from: Target | null = this.program): void {
    const gl = this.gl;
    if (!from) return;
    gl.disable(gl.BLEND);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, from.framebuffer);
    gl.bindFramebuffer(gl.DRAW_FRAMEBUFFER, null);
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const same = w === from.width && h === from.height;
    gl.blitFramebuffer(0, 0, from.width, from.height, 0, h, w, 0, gl.COLOR_BUFFER_BIT, same ? gl.NEAREST : gl.LINEAR);
    gl.bindFramebuffer(gl.READ_FRAMEBUFFER, null);
  }

  /** Packs the program frame to NV12 and queues its readback; false when no buffer was free. */
  packFrame(sequence: number, captureMs: number): boolean {
    const gl = this.gl;
    const pt = this.packTarget;
    if (!pt || !this.program || !this.ring || !this.ring.hasFree) return false;
    gl.disable(gl.BLEND);
    gl.bindFramebuffer(gl.FRAMEBUFFER, pt.framebuffer);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, this.program.texture);
    // The viewports split the target; gl_FragCoord stays target-relative, so rows index directly.
    gl.viewport(0, 0, pt.width, this.height);
    gl.useProgram(this.luma);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    gl.viewport(0, this.height, pt.width, this.height / 2);
    gl.useProgram(this.chroma);
    gl.uniform1i(this.chromaH, this.height);
    gl.uniform2f(this.chromaTexel, 1 / this.width, 1 / this.height);
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    const ok = this.ring.start(pt.width, pt.height, sequence, captureMs);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    return ok;
  }

  pollReadbacks(deliver: Deliver): void {
    this.ring?.poll(deliver);
  }

  clearReadbacks(): void {
    this.ring?.clear();
  }

  dispose(): void {
    const gl = this.gl;
    this.ring?.dispose();
    deleteTarget(gl, this.program);
    deleteTarget(gl, this.packTarget);
    gl.deleteTexture(this.placeholderTex);
    gl.deleteProgram(this.tex.program);
    gl.deleteProgram(this.col.program);
    gl.deleteProgram(this.luma);
    gl.deleteProgram(this.chroma);
    gl.deleteVertexArray(this.vao);
    gl.deleteSampler(this.nearest);
    gl.deleteFramebuffer(this.copyFrom);
    this.program = null;
    this.packTarget = null;
    this.ring = null;
  }
}
