/**
 * Pictures that wait for their time before they are shown: each is copied into a texture of its
 * own as it comes (the source's frame goes back at once: a camera has few capture buffers, and a
 * <video> moves on to its next frame), and the newest one that is due is shown on the tick. Used
 * where a picture must wait for the sound that goes with it (./camera-frames.ts, ./video-frames.ts).
 */
import { FrameTexture } from './frame-texture';

/**
 * A due frame waits for the next tick and is stamped with that tick's time: on average half a
 * tick (at 30 fps) later than due, and for a camera whose frames keep one phase against the ticks,
 * the same every frame (measured: −7 to −39 ms per open, with the pictures shown exactly when
 * due). So frames are due this much early, and the error is centred on zero.
 */
export const TICK_WAIT_MS = 1000 / 60;

export class HeldFrames {
  private readonly held: { copy: FrameTexture; due: number; mediaTime: number }[] = [];
  /** Copies free for the next waiting frame. */
  private readonly spare: FrameTexture[] = [];
  /** The copy shown last (back to spare when replaced). */
  private showing: FrameTexture | null = null;
  private showingTime = -1;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    /** Frames waiting at most; the oldest goes first. */
    private readonly max: number,
  ) {}

  get picture(): WebGLTexture | null {
    return this.showing?.texture ?? null;
  }

  /** The shown copy's size in texels, or undefined while none is shown. */
  get pictureSize(): { readonly width: number; readonly height: number } | undefined {
    return this.showing?.texture ? this.showing : undefined;
  }

  /** The media time the shown frame was held with, s (-1: none, or not given). */
  get shownTime(): number {
    return this.showing ? this.showingTime : -1;
  }

  get waiting(): number {
    return this.held.length;
  }

  /** Copies `image` (w × h after the crop; at `mediaTime`, s, where it has one) to be shown from page time `due`. */
  hold(image: CanvasImageSource & TexImageSource, w: number, h: number, mirror: boolean, due: number, crop?: { left: number; top: number }, mediaTime = -1): void {
    const copy = this.spare.pop() ?? new FrameTexture(this.gl);
    // Between ticks: the texture binding the compositor left is put back.
    const gl = this.gl;
    const bound = gl.getParameter(gl.TEXTURE_BINDING_2D) as WebGLTexture | null;
    copy.upload(image, w, h, mirror, crop);
    gl.bindTexture(gl.TEXTURE_2D, bound);
    this.held.push({ copy, due, mediaTime });
    while (this.held.length > this.max) this.spare.push(this.held.shift()!.copy);
  }

  /** Index of the newest waiting frame that is due at `now`, or -1. */
  due(now = performance.now()): number {
    let i = -1;
    while (i + 1 < this.held.length && this.held[i + 1]!.due <= now) i++;
    return i;
  }

  /** Shows the newest due frame (older due ones are never shown); whether the picture changed. */
  showDue(now = performance.now()): boolean {
    const i = this.due(now);
    if (i < 0) return false;
    const shown = this.held.splice(0, i + 1);
    const next = shown.pop()!;
    for (const h of shown) this.spare.push(h.copy);
    if (this.showing) this.spare.push(this.showing);
    this.showing = next.copy;
    this.showingTime = next.mediaTime;
    return true;
  }

  /** Drops the waiting frames; `all`: what is shown too. */
  clear(all: boolean): void {
    for (const h of this.held.splice(0)) this.spare.push(h.copy);
    if (all && this.showing) {
      this.spare.push(this.showing);
      this.showing = null;
    }
  }

  dispose(): void {
    this.clear(true);
    for (const c of this.spare.splice(0)) c.dispose();
  }
}
