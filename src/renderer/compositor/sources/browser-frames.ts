/**
 * A browser source's pictures, each shown the source's delay after the page showed it, where its
 * sound, stamped on the same clock, is heard (createPagePlayer). The page runs in another Chromium
 * (the engine's host): its pictures come as PNG screencast frames and its sound as chunks from the
 * page's capture script, two paths with different delays (played on arrival, a page's beep came
 * 170–270 ms after its flash). Both are stamped there on the wall clock; here the stamps are put
 * on the page clock by the least (arrival − stamp) seen (StampOffset, shared by the two), and each
 * is shown or heard the delay after that. Frames are decoded in order as they come and wait as
 * ImageBitmaps until due; a frame decoded later than its place raises the delay, as a late chunk
 * does. Without stamps or a program clock (the desktop app's pages, a page with no sound port)
 * only the newest frame is decoded, and shown as soon as it is.
 */
import type { CaptureDelay } from './capture-delay';
import type { StampOffset } from './camera-frames';
import { TICK_WAIT_MS } from './held-frames';
import { createTexture } from '../gl/target';
import type { BrowserFrameEvent } from './browser-link';

/** Frames waiting to be decoded at most (a 60 fps page under a 1 s delay has 60); the oldest go first. */
const MAX_WAITING = 64;
/** Decoded frames waiting for their time at most (30 fps under a 1 s delay); the oldest go first. */
const MAX_HELD = 32;

/** base64 → bytes, without fetch (a data: URL would need the page's CSP to allow it). */
function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

export class PageFrames {
  /** Waiting to be decoded, with their stamps on the page clock (null: shown when decoded). */
  private readonly queue: { frame: BrowserFrameEvent; placed: number | null }[] = [];
  private readonly held: { bitmap: ImageBitmap; due: number }[] = [];
  private texture: WebGLTexture | null = null;
  private decoding = false;
  private serial = 0;
  /** Counts clears: a decode started before one is thrown away. */
  private gen = 0;
  private lastUploaded = -1;
  private disposed = false;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    /** Where the page's stamps lie on this page's clock (shared with its sound). */
    private readonly clock: StampOffset,
    /** The source's delay where its sound is played by its stamps; null: shown on arrival. */
    private readonly delay: () => CaptureDelay | null,
    private readonly failed: (err: unknown) => void,
  ) {}

  /** Moves when a waiting frame became due (so the compositor draws again) and on a clear. */
  get version(): number {
    if (this.due() >= 0) this.serial++;
    return this.serial;
  }

  get picture(): WebGLTexture | null {
    return this.texture;
  }

  push(frame: BrowserFrameEvent): void {
    const placed = frame.capturedAt !== null && this.delay() ? this.clock.place(frame.capturedAt, performance.now()) : null;
    // Unstamped, only the newest waiting frame matters: a slow decode skips the ones in between.
    if (placed === null) this.queue.length = 0;
    this.queue.push({ frame, placed });
    while (this.queue.length > MAX_WAITING) this.queue.shift();
    this.decodeNext();
  }

  /** Shows the newest due frame, at most once per tick index. */
  upload(tickIndex: number): void {
    if (tickIndex === this.lastUploaded) return;
    this.lastUploaded = tickIndex;
    const i = this.due();
    if (i < 0) return;
    const shown = this.held.splice(0, i + 1);
    const next = shown.pop()!;
    for (const h of shown) h.bitmap.close();
    const gl = this.gl;
    // Between draws: the binding the compositor left is put back.
    const bound = gl.getParameter(gl.TEXTURE_BINDING_2D) as WebGLTexture | null;
    this.texture ??= createTexture(gl, gl.LINEAR);
    gl.bindTexture(gl.TEXTURE_2D, this.texture);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, next.bitmap);
    gl.bindTexture(gl.TEXTURE_2D, bound);
    next.bitmap.close();
    this.serial++;
  }

  /** The page stopped: nothing is shown until its next frame. */
  clear(): void {
    this.gen++;
    this.queue.length = 0;
    for (const h of this.held.splice(0)) h.bitmap.close();
    this.gl.deleteTexture(this.texture);
    this.texture = null;
    this.serial++;
  }

  dispose(): void {
    this.clear();
    this.disposed = true;
  }

  private decodeNext(): void {
    if (this.decoding || this.disposed) return;
    // Decoding fell behind (a loaded machine): a frame whose successor is due already would never
    // be shown, so it is not decoded; otherwise the queue, and the pictures' lateness, would grow.
    const now = performance.now();
    const delay = this.delay();
    while (delay && this.queue.length > 1 && this.queue[1]!.placed !== null && this.queue[1]!.placed + delay.at(now) - TICK_WAIT_MS <= now) this.queue.shift();
    const next = this.queue.shift();
    if (!next) return;
    this.decoding = true;
    const gen = this.gen;
    const { frame, placed } = next;
    createImageBitmap(new Blob([bytes(frame.data)], { type: frame.mime }), { premultiplyAlpha: 'premultiply', colorSpaceConversion: 'none' })
      .then((bitmap) => {
        if (this.disposed || gen !== this.gen || this.gl.isContextLost()) {
          bitmap.close();
          return;
        }
        const now = performance.now();
        const delay = placed === null ? null : this.delay();
        let due = -Infinity;
        if (placed !== null && delay) {
          due = placed + delay.at(now) - TICK_WAIT_MS;
          // Decoded after its place (a loaded page): the pair's delay grows so the next ones fit.
          if (due < now) delay.late(now - placed + TICK_WAIT_MS, now);
        }
        this.held.push({ bitmap, due });
        // Only the newest due frame can still be shown: older ones go now, drawn or not (a page
        // off program must not pile up pictures).
        const i = this.due();
        if (i > 0) for (const h of this.held.splice(0, i)) h.bitmap.close();
        while (this.held.length > MAX_HELD) this.held.shift()!.bitmap.close();
      })
      .catch((err: unknown) => this.failed(err))
      .finally(() => {
        this.decoding = false;
        this.decodeNext();
      });
  }

  /** Index of the newest held frame that is due now, or -1. */
  private due(): number {
    const now = performance.now();
    let i = -1;
    while (i + 1 < this.held.length && this.held[i + 1]!.due <= now) i++;
    return i;
  }
}
