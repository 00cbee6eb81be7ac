/**
 * studio_test_pattern: 75% color bars over a gray ramp, with a running clock (HH:MM:SS.mmm, local
 * time) and the frame counter in a small box. The bars are drawn once per size; each frame only
 * the box is re-rastered and uploaded with texSubImage2D.
 */
import { TEST_PATTERN, type Settings } from '../../../shared';
import { createTexture } from '../gl/target';
import { bool, px } from './settings';
import { context2d, makeCanvas, type Canvas2D } from './text-raster';
import type { FrameInfo, SourceContext, SourceKind, SourceRuntime } from './types';

const BARS = ['#bfbfbf', '#bfbf00', '#00bfbf', '#00bf00', '#bf00bf', '#bf0000', '#0000bf'];
const CASTELLATIONS = ['#0000bf', '#131313', '#bf00bf', '#131313', '#00bfbf', '#131313', '#bfbfbf'];

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function clockText(wallMs: number): string {
  const d = new Date(wallMs);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

function drawBars(c: Canvas2D, w: number, h: number): void {
  c.width = w;
  c.height = h;
  const g = context2d(c);
  const top = Math.round(h * 0.67);
  const mid = Math.round(h * 0.75);
  BARS.forEach((color, i) => {
    const x0 = Math.round((i * w) / 7);
    const x1 = Math.round(((i + 1) * w) / 7);
    g.fillStyle = color;
    g.fillRect(x0, 0, x1 - x0, top);
    g.fillStyle = CASTELLATIONS[i] as string;
    g.fillRect(x0, top, x1 - x0, mid - top);
  });
  const ramp = g.createLinearGradient(0, 0, w, 0);
  ramp.addColorStop(0, '#000');
  ramp.addColorStop(1, '#fff');
  g.fillStyle = ramp;
  g.fillRect(0, mid, w, h - mid);
}

export const testPatternSource: SourceKind = {
  id: TEST_PATTERN.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const gl = ctx.gl;
    const box = makeCanvas(1, 1);
    let texture: WebGLTexture | null = null;
    let setW = 0;
    let setH = 0;
    let showClock = true;
    let showCounter = true;
    // Size and box layout the texture was drawn for.
    let texW = 0;
    let texH = 0;
    let boxX = 0;
    let boxY = 0;
    let fontPx = 0;
    let lastText = '';

    const size = (): { w: number; h: number } => ({ w: setW || ctx.baseWidth(), h: setH || ctx.baseHeight() });

    const rasterBars = (w: number, h: number): void => {
      const c = makeCanvas(1, 1);
      drawBars(c, w, h);
      texture ??= createTexture(gl, gl.LINEAR);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, c);
      texW = w;
      texH = h;
      fontPx = Math.max(10, Math.round(h / 18));
      box.width = Math.min(w, Math.round(fontPx * 13));
      box.height = Math.min(h, Math.round(fontPx * 1.5));
      boxX = Math.round((w - box.width) / 2);
      boxY = Math.round(h * 0.75 + (h * 0.25 - box.height) / 2);
      lastText = '';
    };

    const rasterBox = (frame: FrameInfo): void => {
      const parts: string[] = [];
      if (showClock) parts.push(clockText(frame.wallMs));
      if (showCounter) parts.push(`#${pad(frame.index, 7)}`);
      const text = parts.join('  ');
      if (text === lastText || !texture) return;
      lastText = text;
      const g = context2d(box);
      g.fillStyle = '#000';
      g.fillRect(0, 0, box.width, box.height);
      g.font = `${fontPx}px monospace`;
      g.fillStyle = '#fff';
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      g.fillText(text, box.width / 2, box.height / 2);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, boxX, boxY, gl.RGBA, gl.UNSIGNED_BYTE, box);
    };

    const rt: SourceRuntime = {
      get width() {
        return size().w;
      },
      get height() {
        return size().h;
      },
      update(s) {
        setW = px(s, 'width');
        setH = px(s, 'height');
        const clock = bool(s, 'show_clock', TEST_PATTERN.defaults.show_clock as boolean);
        const counter = bool(s, 'show_counter', TEST_PATTERN.defaults.show_counter as boolean);
        if (clock !== showClock || counter !== showCounter) texW = 0;
        showClock = clock;
        showCounter = counter;
      },
      render(draw, frame) {
        const { w, h } = size();
        if (w === 0 || h === 0) return;
        if (w !== texW || h !== texH) rasterBars(w, h);
        if (showClock || showCounter) rasterBox(frame);
        if (texture) draw.texture(texture);
      },
      dispose() {
        gl.deleteTexture(texture);
        texture = null;
      },
    };
    rt.update(settings);
    return rt;
  },
};
