/**
 * The program watermark (see src/shared/watermark.ts): one layer the compositor draws over program
 * after every scene's items, so it is on whatever scene is live. Its picture (an image or a line of
 * text) is painted with Canvas 2D at its final size with the opacity baked in, so drawing it is one
 * textured quad and needs nothing from the GL pipeline beyond what sources use. Repainted only when
 * its settings or its image change (`version`).
 */
import { DEFAULT_TRANSFORM, watermarkRect, type Transform, type Watermark } from '../../../shared';
import { abgrToCss } from '../color';
import { CanvasTexture } from '../sources/canvas-texture';
import { context2d, makeCanvas } from '../sources/text-raster';
import type { Draw, SourceContext } from '../sources/types';
import { clipMatrix, itemMatrix } from '../transform';

export class WatermarkOverlay {
  private readonly canvas: CanvasTexture;
  private mark: Watermark | null = null;
  private key = '';
  private image: HTMLImageElement | null = null;
  private imageFile = '';
  private w = 0;
  private h = 0;
  private ver = 0;
  private readonly t: Transform = { ...DEFAULT_TRANSFORM };

  constructor(private readonly ctx: SourceContext) {
    this.canvas = new CanvasTexture(ctx.gl);
  }

  /** Bumped whenever the layer's picture or place changes. */
  get version(): number {
    return this.ver;
  }

  update(mark: Watermark | undefined): void {
    const on = mark?.enabled && (mark.type === 'image' ? mark.file !== '' : mark.text !== '') ? mark : null;
    const key = JSON.stringify(on);
    if (key === this.key) return;
    this.key = key;
    this.mark = on;
    if (on?.type === 'image' && on.file !== this.imageFile) this.load(on.file);
    this.paint();
  }

  /** Draws the layer over whatever is in the bound target; xf/uv are the compositor's per-quad uniforms. */
  draw(draw: Draw, xf: Float32Array, uv: Float32Array, canvasW: number, canvasH: number): void {
    const tex = this.canvas.texture;
    if (!this.mark || !tex || this.w === 0 || this.h === 0) return;
    const r = watermarkRect(this.mark, canvasW, canvasH, this.w, this.h);
    this.t.positionX = r.x;
    this.t.positionY = r.y;
    clipMatrix(itemMatrix(this.t, this.w, this.h), this.w, this.h, canvasW, canvasH, xf);
    uv.set([0, 0, 1, 1]);
    draw.texture(tex);
  }

  dispose(): void {
    this.dropImage();
    this.canvas.dispose();
    this.mark = null;
  }

  private load(file: string): void {
    this.dropImage();
    this.imageFile = file;
    const img = new Image();
    img.onload = () => {
      if (this.image === img) this.paint();
    };
    img.onerror = () => {
      if (this.image === img) this.ctx.warnOnce(`watermark:${file}`, `Compositor: the watermark image ${file} could not be loaded.`, 'notice');
    };
    img.src = this.ctx.mediaUrl(file);
    this.image = img;
  }

  private dropImage(): void {
    if (this.image) {
      this.image.onload = null;
      this.image.onerror = null;
      this.image.src = '';
    }
    this.image = null;
    this.imageFile = '';
  }

  private paint(): void {
    this.ver++;
    const m = this.mark;
    this.w = 0;
    this.h = 0;
    if (!m) return;
    const alpha = Math.min(1, Math.max(0, m.opacity / 100));
    if (m.type === 'image') {
      const img = this.image;
      if (!img || !img.complete || img.naturalWidth === 0) return;
      const w = Math.max(1, Math.round((img.naturalWidth * m.scale) / 100));
      const h = Math.max(1, Math.round((img.naturalHeight * m.scale) / 100));
      this.canvas.paint(w, h, (c) => {
        c.globalAlpha = alpha;
        c.drawImage(img, 0, 0, w, h);
      });
      this.w = w;
      this.h = h;
      return;
    }
    const font = `bold ${m.textSize}px sans-serif`;
    const measurer = context2d(makeCanvas(1, 1));
    measurer.font = font;
    const textW = measurer.measureText(m.text).width;
    const shadow = Math.max(1, Math.round(m.textSize / 16));
    const w = Math.ceil(textW + 2 * shadow);
    const h = Math.ceil(m.textSize * 1.3 + shadow);
    this.canvas.paint(w, h, (c) => {
      c.globalAlpha = alpha;
      c.font = font;
      c.textBaseline = 'middle';
      c.fillStyle = 'rgba(0, 0, 0, 0.6)';
      c.fillText(m.text, shadow, h / 2 + shadow);
      c.fillStyle = abgrToCss(m.textColor);
      c.fillText(m.text, 0, h / 2);
    });
    this.w = w;
    this.h = h;
  }
}
