/**
 * A Canvas 2D drawing kept as a premultiplied GL texture, for overlays drawn with paths and text
 * (lower thirds, scoreboards, clocks). paint() redraws and uploads; callers paint only when what
 * they show changed, so a still overlay costs no upload per frame.
 */
import { createTexture } from '../gl/target';
import { context2d, makeCanvas, type Canvas2D } from './text-raster';

export type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export class CanvasTexture {
  private readonly canvas: Canvas2D = makeCanvas(1, 1);
  private tex: WebGLTexture | null = null;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  get texture(): WebGLTexture | null {
    return this.tex;
  }

  /** Clears a width × height canvas, lets `fn` draw on it and uploads the result. */
  paint(width: number, height: number, fn: (ctx: Ctx2D) => void): void {
    const w = Math.max(1, Math.round(width));
    const h = Math.max(1, Math.round(height));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    const ctx = context2d(this.canvas);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, w, h);
    ctx.save();
    try {
      fn(ctx);
    } finally {
      ctx.restore();
    }
    const gl = this.gl;
    this.tex ??= createTexture(gl, gl.LINEAR);
    gl.bindTexture(gl.TEXTURE_2D, this.tex);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, true);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, this.canvas);
    gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
  }

  dispose(): void {
    this.gl.deleteTexture(this.tex);
    this.tex = null;
    this.canvas.width = 1;
    this.canvas.height = 1;
  }
}
