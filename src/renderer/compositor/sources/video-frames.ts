/**
 * A <video> element's newest frame as a texture, for every source that plays video (media file,
 * camera, screen, window). requestVideoFrameCallback marks a new frame; the first item that draws
 * the source in a tick uploads it, so any number of items cost one upload per tick and none when
 * nothing new arrived. The texture keeps the last frame while the element seeks, buffers or wraps a
 * loop, so those never show a black frame.
 *
 * Two ways in: a frame the decoder gives as YUV planes is copied as planes when it comes and
 * converted on the GPU when drawn (PlaneFrames: far cheaper in software GL); any other picture (a
 * screen's RGB frames, a seek while paused, a browser without VideoFrame) is uploaded from the
 * element, mirrored and cropped by FrameTexture.
 */
import type { PointOp } from '../filters/types';
import { FrameTexture } from './frame-texture';
import { HeldFrames, TICK_WAIT_MS } from './held-frames';
import { PlaneFrames } from './plane-frames';

/** Frames held at most: a 60 fps clip held 150 ms has 9 waiting. */
const MAX_HELD = 16;
/**
 * Frames are held (copied as they come) only while the compositor draws the source at least this
 * often (a smoothed gap between draws). A source off program, or one the compositor cannot keep up
 * with (a 1080p clip through filters in software GL, drawn once a second), would otherwise have
 * every frame copied and nearly all thrown away: that halved the peer benchmark's fresh frames. Then
 * the picture is taken from the element when drawn, as before the hold, its lead over its sound
 * (the render-to-heard lead, tens of ms) small beside the gaps between its pictures.
 */
const HOLD_MAX_DRAW_GAP_MS = 250;

/** Pixels cut from each edge of the picture. */
export interface Crop {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const NO_CROP: Crop = { left: 0, top: 0, right: 0, bottom: 0 };

export class VideoFrames {
  private crop: Crop = NO_CROP;
  private readonly out: FrameTexture;
  /** Counts every change of picture: a new frame (callback or moved time), a clear, a new crop. */
  private serial = 0;
  /** currentTime as the version getter last saw it. */
  private seenTime = -1;
  /** requestVideoFrameCallback said a new frame is there. */
  private fresh = false;
  private lastUploaded = -1;
  /** currentTime at the last upload: the fallback freshness test. */
  private uploadedTime = -1;
  private frameCallback = 0;
  private shown = false;
  private disposed = false;
  /** Frames held back for the element's sound (see `hold`). */
  private readonly held: HeldFrames;
  /** Whether the held frames' picture is what is shown (else `out`'s or the planes'). */
  private fromHeld = false;
  /** Frames taken as planes; null where GL runs on a GPU or the page has no VideoFrame. */
  private readonly planes: PlaneFrames | null;
  /** Whether the planes' picture is what is shown. */
  private fromPlanes = false;
  /** The lead filter the compositor last asked for (see `upload`). */
  private lead: PointOp | null = null;
  /** When the compositor last drew the source (upload), and the smoothed gap between its draws. */
  private drawnAt = -Infinity;
  private drawGap = Infinity;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly video: HTMLVideoElement,
    private mirror = false,
    /**
     * How long to hold each new frame, ms, or null: a <video> whose sound goes into the program's
     * graph times its pictures by what the graph takes from it, not by when the program hears it
     * (SourceAudioPort.renderLead), so its pictures are held that much longer to meet their sound.
     */
    private readonly hold: (() => number | null) | null = null,
  ) {
    this.out = new FrameTexture(gl);
    this.held = new HeldFrames(gl, MAX_HELD);
    this.planes = PlaneFrames.available(gl) ? new PlaneFrames(gl, MAX_HELD) : null;
    this.watch();
  }

  /**
   * Moves with every new frame, whether or not it was uploaded yet: a frame that could not be
   * uploaded (the element was seeking) must not leave the version where the compositor already drew
   * it, or nothing would draw again until the next change.
   */
  get version(): number {
    const t = this.video.currentTime;
    if (t !== this.seenTime || this.held.due() >= 0 || (this.planes?.due() ?? -1) >= 0) {
      this.seenTime = t;
      this.serial++;
    }
    return this.serial;
  }

  /** The media time of the frame shown, s (-1 before the first). */
  get shownTime(): number {
    if (this.fromPlanes) return this.planes!.shownTime;
    if (this.fromHeld) return this.held.shownTime;
    return this.shown ? this.uploadedTime : -1;
  }

  /** Frames copied and waiting for their time (held for their sound). */
  get waiting(): number {
    return this.held.waiting + (this.planes?.waiting ?? 0);
  }

  /**
   * How the picture shown got here: 'planes' (converted on the GPU), or why it came from the element
   * (`element: <reason>`); null before the first picture.
   */
  get path(): string | null {
    if (this.fromPlanes) return 'planes';
    if (!this.fromHeld && !this.shown) return null;
    const why = this.planes ? (this.planes.unusable ?? 'no frame callback gave it') : 'GL runs on a GPU, or this page has no VideoFrame';
    return `element: ${why}`;
  }

  /**
   * Whether the picture's alpha is 1 everywhere before its lead filter: a frame converted from YUV
   * planes (which carry no alpha). A picture from the element may be a video with alpha.
   */
  get opaque(): boolean {
    return this.fromPlanes;
  }

  /** The picture's size in texels, for Draw.texture, where it is known (planes, held copies); else undefined. */
  get pictureSize(): { readonly width: number; readonly height: number } | undefined {
    if (this.fromPlanes) return this.planes!.pictureSize ?? undefined;
    return this.fromHeld ? this.held.pictureSize : undefined;
  }

  /** The texture with the newest frame, or null while there is no picture to show. */
  get picture(): WebGLTexture | null {
    if (this.fromPlanes) return this.planes!.picture;
    if (this.fromHeld) return this.held.picture;
    return this.shown ? this.out.texture : null;
  }

  /** A new frame is there though no frame callback said so (a seek while paused). */
  markFresh(): void {
    this.fresh = true;
    this.serial++;
  }

  /** Shows nothing until the next upload (stop, clear on end, a new file). */
  clear(): void {
    this.shown = false;
    this.held.clear(true);
    this.fromHeld = false;
    this.planes?.clear();
    this.fromPlanes = false;
    this.serial++;
  }

  /** The picture's size after the crop (0 before the first frame). */
  get width(): number {
    return Math.max(0, this.video.videoWidth - this.crop.left - this.crop.right);
  }

  get height(): number {
    return Math.max(0, this.video.videoHeight - this.crop.top - this.crop.bottom);
  }

  setCrop(crop: Crop): void {
    const c = { left: Math.max(0, crop.left), top: Math.max(0, crop.top), right: Math.max(0, crop.right), bottom: Math.max(0, crop.bottom) };
    if (JSON.stringify(c) === JSON.stringify(this.crop)) return;
    this.crop = c;
    this.fresh = true;
    this.serial++;
  }

  setMirror(mirror: boolean): void {
    if (mirror === this.mirror) return;
    this.mirror = mirror;
    this.fresh = true;
    this.serial++;
  }

  /** Whether the picture shown went through the lead filter last asked for (see `upload`). */
  get fused(): boolean {
    return this.fromPlanes && this.lead !== null && this.planes!.applied === this.lead.key;
  }

  /**
   * Uploads the newest frame, at most once per tick index and only when there is a new one. `lead`:
   * the first filter of the source's chain as a per-pixel step, run in the planes' conversion (a
   * change of it converts the picture shown again, even within a tick).
   */
  upload(tickIndex: number, lead: PointOp | null = null): void {
    const leadChanged = (lead?.key ?? '') !== (this.lead?.key ?? '');
    this.lead = lead;
    if (tickIndex === this.lastUploaded) {
      if (leadChanged) this.reapply();
      return;
    }
    this.lastUploaded = tickIndex;
    const now = performance.now();
    const gap = now - this.drawnAt;
    this.drawnAt = now;
    if (Number.isFinite(gap)) this.drawGap = Number.isFinite(this.drawGap) ? this.drawGap * 0.75 + gap * 0.25 : gap;
    if (this.planes?.showDue(this.crop, this.mirror, lead)) {
      this.fromPlanes = true;
      this.fromHeld = false;
      this.serial++;
      return;
    }
    if (leadChanged) this.reapply();
    if (this.held.showDue()) {
      this.fromHeld = true;
      this.fromPlanes = false;
      this.serial++;
      return;
    }
    // Held frames and planes are copied as they come (watch); only a change no frame callback
    // reports (a seek while paused, a new crop) is taken from the element here.
    if ((this.fromHeld || this.fromPlanes) && !this.fresh) return;
    const v = this.video;
    if (v.readyState < 2 || v.videoWidth === 0) return;
    const t = v.currentTime;
    // Live streams (cameras) keep currentTime moving too; files paused at one time do not.
    if (!this.fresh && this.shown && t === this.uploadedTime) return;
    this.fresh = false;
    this.uploadedTime = t;
    const { left, top, right, bottom } = this.crop;
    const cropped = left + top + right + bottom > 0;
    const w = this.width;
    const h = this.height;
    if (w === 0 || h === 0) return;
    this.out.upload(v, w, h, this.mirror, cropped ? { left, top } : undefined);
    // The first picture after a clear changes what is drawn even when its frame was counted already.
    if (!this.shown || this.fromHeld || this.fromPlanes) this.serial++;
    this.shown = true;
    this.fromHeld = false;
    this.fromPlanes = false;
  }

  /** Converts the planes' picture shown again through the lead filter now asked for. */
  private reapply(): void {
    if (this.fromPlanes && this.planes!.reapply(this.lead)) this.serial++;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.frameCallback) this.video.cancelVideoFrameCallback(this.frameCallback);
    this.frameCallback = 0;
    this.out.dispose();
    this.held.dispose();
    this.planes?.dispose();
    this.shown = false;
  }

  private watch(): void {
    if (this.disposed || this.frameCallback || typeof this.video.requestVideoFrameCallback !== 'function') return;
    this.frameCallback = this.video.requestVideoFrameCallback((_now, meta) => {
      this.frameCallback = 0;
      const holdMs = this.keepingUp() ? (this.hold?.() ?? null) : null;
      const due = holdMs !== null && holdMs > 0 ? meta.expectedDisplayTime + holdMs - TICK_WAIT_MS : -Infinity;
      const taken = this.planes?.take(this.video, due, meta.mediaTime) ?? false;
      const held = taken || (due > -Infinity && this.holdFrame(due, meta.mediaTime));
      if (!held) this.fresh = true;
      this.serial++;
      this.watch();
    });
  }

  /** Whether the compositor draws the source often enough, and lately, for held frames to be shown. */
  private keepingUp(): boolean {
    return this.drawGap <= HOLD_MAX_DRAW_GAP_MS && performance.now() - this.drawnAt <= 2 * HOLD_MAX_DRAW_GAP_MS;
  }

  /** Copies the element's new frame (at `mediaTime`, s) to be shown at page time `due`; false when it has none. */
  private holdFrame(due: number, mediaTime: number): boolean {
    const v = this.video;
    const w = this.width;
    const h = this.height;
    if (v.readyState < 2 || w === 0 || h === 0) return false;
    const { left, top, right, bottom } = this.crop;
    this.held.hold(v, w, h, this.mirror, due, left + top + right + bottom > 0 ? { left, top } : undefined, mediaTime);
    return true;
  }
}
