/**
 * The texture a video-like source shows (VideoFrames, CameraFrames): each new picture is uploaded
 * into the one texture, reallocated only when its size changes. Mirroring and cropping go through a
 * 2D canvas, paid only by sources that ask for it.
 */
import { createTexture } from '../gl/target';
import { context2d, makeCanvas, type Canvas2D } from './text-raster';

export class FrameTexture {
  private tex: WebGLTexture | null = null;
  private texW = 0;
  private texH = 0;
  private flip: Canvas2D | null = null;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  get texture(): WebGLTexture | null {
    return this.tex;
  }

  /** The texture's size in texels (0 before the first upload). */
  get width(): number {
    return this.texW;
  }

  get height(): number {
    return this.texH;
  }

  /**
   * Uploads `image` (w×h), or with `crop` its w×h region from (left, top), mirrored left to right
   * when asked.
   */
  upload(image: CanvasImageSource & TexImageSource, w: number, h: number, mirror: boolean, crop?: { left: number; top: number }): void {
    const gl = this.gl;
    let src: TexImageSource = image;
    if (mirror || crop) {
      const left = crop?.left ?? 0;
      const top = crop?.top ?? 0;
      this.flip ??= makeCanvas(w, h);
      if (this.flip.width !== w || this.flip.height !== h) {
        this.flip.width = w;
        this.flip.height = h;
      }
      const c = context2d(this.flip);
      c.setTransform(mirror ? -1 : 1, 0, 0, 1, mirror ? w : 0, 0);
      c.drawImage(image, left, top, w, h, 0, 0, w, h);
      src = this.flip;
    }
    this.tex ??= createTexture(gl, gl.LINEAR);
    gl.bindTexture(gl.TEXTURE_2D, this.tex);
    if (w !== this.texW || h !== this.texH) {
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, src);
      this.texW = w;
      this.texH = h;
    } else {
      gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, gl.RGBA, gl.UNSIGNED_BYTE, src);
    }
  }

  dispose(): void {
    this.gl.deleteTexture(this.tex);
    this.tex = null;
    this.texW = 0;
    this.texH = 0;
  }
}
