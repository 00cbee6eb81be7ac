/**
 * Loads an image file the document names (a mask) into a texture, asynchronously; `version` moves
 * when the picture arrives or goes, so the chain re-runs the filter then and only then.
 */
import type { FilterContext } from './types';

export class ImageTexture {
  texture: WebGLTexture | null = null;
  width = 0;
  height = 0;
  version = 0;
  private path = '';
  private img: HTMLImageElement | null = null;

  constructor(private readonly ctx: FilterContext) {}

  /** Starts loading `path` unless it is the one already loaded or loading; '' drops the image. */
  load(path: string): void {
    if (path === this.path) return;
    this.path = path;
    this.drop();
    if (!path) return;
    const img = new Image();
    this.img = img;
    img.onload = () => {
      if (this.img !== img) return;
      const gl = this.ctx.gl;
      const t = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, t);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, img);
      this.texture = t;
      this.width = img.naturalWidth;
      this.height = img.naturalHeight;
      this.version++;
    };
    img.onerror = () => {
      if (this.img !== img) return;
      this.ctx.warnOnce(`mask:${path}`, `Compositor: the image "${path}" could not be loaded for a filter.`, 'notice');
    };
    img.src = this.ctx.mediaUrl(path);
  }

  dispose(): void {
    this.path = '';
    this.drop();
  }

  private drop(): void {
    if (this.img) {
      this.img.onload = null;
      this.img.onerror = null;
      this.img = null;
    }
    if (this.texture) {
      this.ctx.gl.deleteTexture(this.texture);
      this.texture = null;
      this.version++;
    }
    this.width = 0;
    this.height = 0;
  }
}
