/**
 * The texture a video-like source shows (VideoFrames, CameraFrames, HeldFrames' copies): each new
 * picture is uploaded into the one texture with texImage2D. Not texSubImage2D into the storage it
 * has: for a <video> or a VideoFrame, Chromium's texImage2D copies inside the GPU process where
 * texSubImage2D converts on the page's main thread (1080p in llvmpipe: 0.6 against 213–219 ms of
 * main thread per frame; SwiftShader 96 against 100–117 ms; bench/video-upload.mjs, MSTP-tex).
 * Mirroring and cropping go through a 2D canvas, paid only by sources that ask for it.
 */
import { createTexture } from '../gl/target';
import { context2d, makeCanvas, type Canvas2D } from './text-raster';

export class FrameTexture {
  private tex: WebGLTexture | null = null;
  private flip: Canvas2D | null = null;

  constructor(private readonly gl: WebGL2RenderingContext) {}

  get texture(): WebGLTexture | null {
    return this.tex;
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
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, src);
  }

  dispose(): void {
    this.gl.deleteTexture(this.tex);
    this.tex = null;
  }
}
