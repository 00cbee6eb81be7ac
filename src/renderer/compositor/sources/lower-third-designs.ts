/**
 * The lower third's built-in designs, drawn with Canvas 2D for an eased presence `e` (0 = gone,
 * 1 = fully in; "back" easing overshoots slightly above 1). Each design reveals itself its own way:
 * bar wipes in from the left, boxed grows its two boxes one after the other, minimal fades and rises.
 */
import type { LowerThirdEntry } from '../../../shared';
import type { Ctx2D } from './canvas-texture';
import { captionGeometry, type CaptionGeometry } from './lower-third-layout';

export interface CaptionStyle {
  design: string;
  accent: string;
  background: string;
  text: string;
}

const FACE = 'sans-serif';
const clamp01 = (v: number): number => (v <= 0 ? 0 : v >= 1 ? 1 : v);

interface Line {
  text: string;
  size: number;
  bold: boolean;
}

function lines(entry: LowerThirdEntry, g: CaptionGeometry): Line[] {
  const out: Line[] = [];
  if (entry.name) out.push({ text: entry.name, size: g.nameSize, bold: true });
  if (entry.title) out.push({ text: entry.title, size: g.titleSize, bold: false });
  if (entry.subtitle) out.push({ text: entry.subtitle, size: g.subtitleSize, bold: false });
  return out;
}

const fontOf = (l: Line): string => `${l.bold ? 'bold ' : ''}${l.size}px ${FACE}`;

function widthOf(ctx: Ctx2D, l: Line): number {
  ctx.font = fontOf(l);
  return ctx.measureText(l.text).width;
}

function linesHeight(ls: Line[], gap: number): number {
  return ls.reduce((h, l) => h + l.size, 0) + gap * Math.max(0, ls.length - 1);
}

/**
 * Draws lines top-down from y, left-aligned at x. A line wider than `room` (a long name on a narrow
 * canvas, a vertical one) is squeezed to it, so it keeps inside its panel and the safe area.
 */
function drawLines(ctx: Ctx2D, ls: Line[], x: number, y: number, gap: number, color: string, room: number): void {
  ctx.fillStyle = color;
  ctx.textBaseline = 'middle';
  let top = y;
  for (const l of ls) {
    ctx.font = fontOf(l);
    ctx.fillText(l.text, x, top + l.size / 2, Math.max(1, room));
    top += l.size + gap;
  }
}

/** Where a caption sits when fully in, in canvas pixels (hit tests use it). */
export interface CaptionBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Draws the caption at presence e; answers its full box (null when nothing is drawn). */
export function drawLowerThird(ctx: Ctx2D, width: number, height: number, entry: LowerThirdEntry, style: CaptionStyle, e: number): CaptionBox | null {
  if (e <= 0) return null;
  const g = captionGeometry(width, height);
  const ls = lines(entry, g);
  if (ls.length === 0) return null;
  const textW = Math.min(g.maxWidth, Math.max(...ls.map((l) => widthOf(ctx, l))));
  switch (style.design) {
    case 'boxed':
      return boxed(ctx, g, ls, style, e);
    case 'minimal':
      return minimal(ctx, g, ls, textW, style, e);
    default:
      return bar(ctx, g, ls, textW, style, e);
  }
}

function bar(ctx: Ctx2D, g: CaptionGeometry, ls: Line[], textW: number, s: CaptionStyle, e: number): CaptionBox {
  const strip = Math.max(4, Math.round(g.nameSize * 0.25));
  const h = linesHeight(ls, g.gap) + 2 * g.pad;
  const full = Math.min(g.maxWidth, strip + textW + 2 * g.pad);
  const top = g.bottom - h;
  const shown = Math.max(0, full * e);
  ctx.save();
  ctx.beginPath();
  ctx.rect(g.x, top, shown, h);
  ctx.clip();
  ctx.fillStyle = s.background;
  ctx.fillRect(g.x + strip, top, full - strip, h);
  ctx.fillStyle = s.accent;
  ctx.fillRect(g.x, top, strip, h);
  ctx.globalAlpha = clamp01((e - 0.4) / 0.6);
  drawLines(ctx, ls, g.x + strip + g.pad, top + g.pad, g.gap, s.text, full - strip - 2 * g.pad);
  ctx.restore();
  return { x: g.x, y: top, w: full, h };
}

function boxed(ctx: Ctx2D, g: CaptionGeometry, ls: Line[], s: CaptionStyle, e: number): CaptionBox {
  const [first, ...rest] = ls as [Line, ...Line[]];
  const nameW = Math.min(g.maxWidth, widthOf(ctx, first) + 2 * g.pad);
  const nameH = first.size + 2 * g.pad;
  const restH = rest.length ? linesHeight(rest, g.gap) + 2 * g.pad : 0;
  const restW = rest.length ? Math.min(g.maxWidth, Math.max(...rest.map((l) => widthOf(ctx, l))) + 2 * g.pad) : 0;
  const top = g.bottom - nameH - restH;
  // The name box leads; the box below follows a quarter of the way behind.
  const e1 = clamp01(e * 1.25);
  const e2 = clamp01(e * 1.25 - 0.25);
  ctx.fillStyle = s.accent;
  ctx.fillRect(g.x, top, nameW * e1, nameH);
  if (restH > 0 && e2 > 0) {
    ctx.fillStyle = s.background;
    ctx.fillRect(g.x, top + nameH, restW * e2, restH);
  }
  ctx.save();
  ctx.globalAlpha = clamp01((e - 0.5) / 0.5);
  drawLines(ctx, [first], g.x + g.pad, top + g.pad, g.gap, s.text, nameW - 2 * g.pad);
  if (rest.length) drawLines(ctx, rest, g.x + g.pad, top + nameH + g.pad, g.gap, s.text, restW - 2 * g.pad);
  ctx.restore();
  return { x: g.x, y: top, w: Math.max(nameW, restW), h: nameH + restH };
}

function minimal(ctx: Ctx2D, g: CaptionGeometry, ls: Line[], textW: number, s: CaptionStyle, e: number): CaptionBox {
  const rule = Math.max(2, Math.round(g.nameSize * 0.08));
  const h = linesHeight(ls, g.gap) + g.gap + rule;
  const rise = (1 - Math.min(1, e)) * g.nameSize;
  const top = g.bottom - h + rise;
  ctx.save();
  ctx.globalAlpha = clamp01(e);
  ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
  ctx.shadowBlur = Math.round(g.nameSize * 0.15);
  const [first, ...rest] = ls as [Line, ...Line[]];
  drawLines(ctx, [first], g.x, top, g.gap, s.text, g.maxWidth);
  ctx.shadowBlur = 0;
  ctx.fillStyle = s.accent;
  ctx.fillRect(g.x, top + first.size + g.gap, textW * clamp01(e), rule);
  ctx.shadowBlur = Math.round(g.nameSize * 0.15);
  if (rest.length) drawLines(ctx, rest, g.x, top + first.size + 2 * g.gap + rule, g.gap, s.text, g.maxWidth);
  ctx.restore();
  return { x: g.x, y: g.bottom - h, w: textW, h };
}
