/**
 * Rasterizes text with Canvas2D into a reusable canvas: font face/size, bold/italic/underline/
 * strikeout flags, a top→bottom gradient from color1 to color2 (OBS's text_ft2 behaviour), outline
 * and drop shadow, several lines. The canvas is uploaded as a premultiplied texture.
 */
import type { FontSetting } from '../../../shared';
import { abgrToCss } from '../color';

export interface TextStyle {
  text: string;
  font: FontSetting;
  color1: number;
  color2: number;
  outline: boolean;
  outlineColor: number;
  outlineSize: number;
  dropShadow: boolean;
}

export type Canvas2D = OffscreenCanvas | HTMLCanvasElement;
type Ctx2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

export function makeCanvas(w: number, h: number): Canvas2D {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(w, h);
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

export function context2d(c: Canvas2D): Ctx2D {
  const ctx = c.getContext('2d') as Ctx2D | null;
  if (!ctx) throw new Error('Canvas 2D is not available to rasterize text.');
  return ctx;
}

const GENERIC: Record<string, string> = {
  'sans serif': 'sans-serif',
  'sans-serif': 'sans-serif',
  sans: 'sans-serif',
  serif: 'serif',
  monospace: 'monospace',
  mono: 'monospace',
};

/** A CSS font shorthand for an OBS font object. */
export function cssFont(f: FontSetting): string {
  const face = GENERIC[f.face.trim().toLowerCase()] ?? `"${f.face.replace(/["\\]/g, '')}", sans-serif`;
  const italic = f.flags & 2 || /italic|oblique/i.test(f.style) ? 'italic ' : '';
  const bold = f.flags & 1 || /bold/i.test(f.style) ? 'bold ' : '';
  return `${italic}${bold}${Math.round(f.size)}px ${face}`;
}

/** Draws style into canvas (resizing it); returns the pixel size, 0×0 for empty text. */
export function rasterText(canvas: Canvas2D, style: TextStyle, maxSize: number): { width: number; height: number } {
  const lines = style.text.replace(/\r\n?/g, '\n').split('\n');
  if (style.text.length === 0) return { width: 0, height: 0 };
  let ctx = context2d(canvas);
  const font = cssFont(style.font);
  ctx.font = font;
  const probe = ctx.measureText('Hg');
  const ascent = Math.ceil(probe.fontBoundingBoxAscent || style.font.size * 0.8);
  const descent = Math.ceil(probe.fontBoundingBoxDescent || style.font.size * 0.2);
  const lineH = ascent + descent;
  const pad = style.outline ? Math.ceil(style.outlineSize) : 0;
  const shadow = style.dropShadow ? Math.max(2, Math.round(style.font.size / 16)) : 0;
  let textW = 0;
  for (const l of lines) textW = Math.max(textW, ctx.measureText(l).width);
  const width = Math.min(maxSize, Math.max(1, Math.ceil(textW + 2 * pad + shadow)));
  const height = Math.min(maxSize, Math.ceil(lines.length * lineH + 2 * pad + shadow));
  // Resizing resets the context state, so set it up after.
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
    ctx = context2d(canvas);
  }
  ctx.clearRect(0, 0, width, height);
  ctx.font = font;
  ctx.textBaseline = 'alphabetic';
  ctx.lineJoin = 'round';
  ctx.miterLimit = 2;

  const fill: string | CanvasGradient =
    style.color2 === style.color1
      ? abgrToCss(style.color1)
      : (() => {
          const g = ctx.createLinearGradient(0, pad, 0, height - pad - shadow);
          g.addColorStop(0, abgrToCss(style.color1));
          g.addColorStop(1, abgrToCss(style.color2));
          return g;
        })();

  const pass = (dx: number, dy: number, fillStyle: string | CanvasGradient, stroke: string | null): void => {
    lines.forEach((line, i) => {
      const x = pad + dx;
      const y = pad + dy + i * lineH + ascent;
      if (stroke) {
        ctx.strokeStyle = stroke;
        ctx.lineWidth = style.outlineSize * 2;
        ctx.strokeText(line, x, y);
      }
      ctx.fillStyle = fillStyle;
      ctx.fillText(line, x, y);
      const lw = ctx.measureText(line).width;
      const thick = Math.max(1, Math.round(style.font.size / 16));
      if (style.font.flags & 4) ctx.fillRect(x, y + Math.round(descent / 3), lw, thick);
      if (style.font.flags & 8) ctx.fillRect(x, y - Math.round(ascent / 3), lw, thick);
    });
  };
  const outline = style.outline ? abgrToCss(style.outlineColor) : null;
  if (shadow) pass(shadow, shadow, 'rgba(0, 0, 0, 0.75)', outline ? 'rgba(0, 0, 0, 0.75)' : null);
  pass(0, 0, fill, outline);
  return { width, height };
}
