/**
 * The "no signal" card every capture or media source draws while it has no picture (permission
 * refused, device gone, file missing or undecodable, stream down): a dark card that names the
 * reason, drawn at the source's own size so the item keeps its place in the scene. Rasterized with
 * Canvas2D once per reason and aspect, not per frame.
 */
import { createTexture } from '../gl/target';
import { makeCanvas, context2d } from './text-raster';
import type { DirectTexture, Draw, SourceContext } from './types';

/** Card raster width; the height follows the source's aspect. */
const CARD_W = 640;

export interface NoSignalCard {
  /** Draws the card for `reason` into the item's quad (a source of width × height). */
  render(draw: Draw, reason: string, width: number, height: number): void;
  dispose(): void;
}

/** "no signal: <reason>", the words the card and the source's reported error use. */
export const noSignalText = (reason: string): string => `No signal: ${reason}`;

export function createNoSignalCard(ctx: SourceContext): NoSignalCard {
  const gl = ctx.gl;
  let texture: WebGLTexture | null = null;
  let key = '';
  const canvas = makeCanvas(CARD_W, 360);

  const raster = (reason: string, width: number, height: number): void => {
    const h = Math.max(60, Math.min(4 * CARD_W, Math.round((CARD_W * height) / Math.max(1, width))));
    if (canvas.width !== CARD_W || canvas.height !== h) {
      canvas.width = CARD_W;
      canvas.height = h;
    }
    const c = context2d(canvas);
    c.fillStyle = '#1c1f26';
    c.fillRect(0, 0, CARD_W, h);
    c.strokeStyle = '#5a6270';
    c.lineWidth = 4;
    c.strokeRect(2, 2, CARD_W - 4, h - 4);
    c.textAlign = 'center';
    c.textBaseline = 'middle';
    const title = Math.max(14, Math.min(48, Math.round(h / 6)));
    const body = Math.max(11, Math.round(title * 0.5));
    const lines = wrap(c, reason, CARD_W - 48, `${body}px sans-serif`).slice(0, 4);
    const total = title + 12 + lines.length * (body + 6);
    let y = h / 2 - total / 2 + title / 2;
    c.fillStyle = '#e8eaef';
    c.font = `bold ${title}px sans-serif`;
    c.fillText('No signal', CARD_W / 2, y);
    y += title / 2 + 12 + body / 2;
    c.fillStyle = '#b8bec9';
    c.font = `${body}px sans-serif`;
    for (const line of lines) {
      c.fillText(line, CARD_W / 2, y);
      y += body + 6;
    }
    texture ??= createTexture(gl, gl.LINEAR);
    gl.bindTexture(gl.TEXTURE_2D, texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, canvas);
  };

  return {
    render(draw, reason, width, height) {
      if (width <= 0 || height <= 0) return;
      const k = `${reason}\n${Math.round((100 * width) / height)}`;
      if (k !== key || !texture) {
        key = k;
        raster(reason, width, height);
      }
      if (texture) draw.texture(texture);
    },
    dispose() {
      gl.deleteTexture(texture);
      texture = null;
      key = '';
    },
  };
}

type Measure = { font: string; measureText(text: string): { width: number } };

/** Greedy word wrap to maxWidth pixels; a word longer than a line is cut. */
export function wrap(c: Measure, text: string, maxWidth: number, font: string): string[] {
  c.font = font;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (c.measureText(next).width <= maxWidth || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => (c.measureText(l).width > maxWidth ? `${l.slice(0, Math.max(1, Math.floor((l.length * maxWidth) / c.measureText(l).width) - 1))}…` : l));
}

/** A capture's frames, as drawLive needs them (VideoFrames, CameraFrames). */
export interface LiveFrames {
  upload(tickIndex: number): void;
  readonly picture: WebGLTexture | null;
  /** The picture's size in texels, where known (see Draw.texture). */
  readonly pictureSize: { readonly width: number; readonly height: number } | undefined;
}

/**
 * What a live capture source (camera, screen) draws each tick: this tick's frame, uploaded at most
 * once however many items show the source, or with no picture the "no signal" card with the
 * reason, in the source's own size. Positional arguments: it runs every tick, and allocates nothing.
 * `opaque`: the capture's pictures have alpha 1 everywhere (a camera's; see Draw.texture).
 */
export function drawLive(
  draw: Draw,
  tickIndex: number,
  frames: LiveFrames | null,
  problem: string | null,
  card: NoSignalCard,
  size: { readonly width: number; readonly height: number },
  onUploadError: (err: unknown) => void,
  opaque = false,
): void {
  const picture = uploadLive(tickIndex, frames, onUploadError);
  if (picture) draw.texture(picture, frames!.pictureSize, opaque);
  else if (problem) card.render(draw, problem, size.width, size.height);
}

/**
 * A live capture's picture as one texture of its size, after this tick's upload (SourceRuntime.texture:
 * a filtered camera feeds its filters without a full-size copy first); null without a picture.
 */
export function liveTexture(tickIndex: number, frames: LiveFrames | null, onUploadError: (err: unknown) => void, opaque = false): DirectTexture | null {
  const picture = uploadLive(tickIndex, frames, onUploadError);
  return picture ? { texture: picture, fused: false, opaque } : null;
}

function uploadLive(tickIndex: number, frames: LiveFrames | null, onUploadError: (err: unknown) => void): WebGLTexture | null {
  if (!frames) return null;
  try {
    frames.upload(tickIndex);
  } catch (err) {
    onUploadError(err);
  }
  return frames.picture;
}
