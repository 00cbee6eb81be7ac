/**
 * A <video>'s frames taken as YUV planes as they come (./yuv-planes.ts), each shown from its due
 * time: at once, or held for the sound that goes with it. Holding costs a memory copy of the planes
 * per frame, not a GPU upload, so frames the compositor never shows cost next to nothing; only the
 * newest due frame is uploaded and converted, once, when the compositor draws.
 */
import type { PointOp } from '../filters/types';
import { isSoftwareRenderer, rendererName } from '../gl/renderer-name';
import { planeLayout, PlaneTexture, yuvToRgb, type PlaneCrop, type PlaneFormat, type PlaneFrame } from './yuv-planes';

const softwareContexts = new WeakMap<WebGL2RenderingContext, boolean>();

interface Waiting {
  frame: PlaneFrame;
  due: number;
  mediaTime: number;
}

export class PlaneFrames {
  private readonly queue: Waiting[] = [];
  /** Buffers free for the next copy, by size. */
  private readonly spare: Uint8Array[] = [];
  private readonly out: Pick<PlaneTexture, 'texture' | 'size' | 'applied' | 'convert' | 'reapply' | 'dispose'>;
  /** Copies started and not yet ended. */
  private copying = 0;
  /** Counts clears: a copy started before one is dropped. */
  private gen = 0;
  private shown = false;
  private shownAt = -1;
  /** Why this path is off until the next clear (a new file may decode otherwise), or null. */
  private off: string | null = null;
  private disposed = false;

  constructor(
    gl: WebGL2RenderingContext,
    /** Frames waiting at most; the oldest goes first. */
    private readonly max: number,
    /** Where frames are converted (a stand-in in unit tests). */
    out?: Pick<PlaneTexture, 'texture' | 'size' | 'applied' | 'convert' | 'reapply' | 'dispose'>,
  ) {
    this.out = out ?? new PlaneTexture(gl);
  }

  /**
   * Whether frames are best taken as planes in this context: only where GL is software. There the
   * frames are in CPU memory and the page's own conversion is the cost; with a real GPU a decoded
   * frame may live on it, copyTo would read it back, and the element's path is zero-copy.
   */
  static available(gl: WebGL2RenderingContext): boolean {
    if (typeof VideoFrame !== 'function' || typeof VideoFrame.prototype.copyTo !== 'function') return false;
    let software = softwareContexts.get(gl);
    if (software === undefined) softwareContexts.set(gl, (software = isSoftwareRenderer(rendererName(gl))));
    return software;
  }

  get picture(): WebGLTexture | null {
    return this.shown ? this.out.texture : null;
  }

  /** The picture's size in texels, or null while there is none. */
  get pictureSize(): { readonly width: number; readonly height: number } | null {
    return this.shown ? this.out.size : null;
  }

  /** The media time of the frame shown, s (-1: none). */
  get shownTime(): number {
    return this.shown ? this.shownAt : -1;
  }

  /** Frames copied or being copied that were not shown yet. */
  get waiting(): number {
    return this.queue.length + this.copying;
  }

  /** Why frames go the element's way, or null while this path is in use. */
  get unusable(): string | null {
    return this.off;
  }

  /**
   * Starts copying the element's current frame (at `mediaTime`, s), to be shown from page time
   * `due`; false when this frame cannot go this way and the caller must take it from the element.
   */
  take(video: HTMLVideoElement, due: number, mediaTime: number): boolean {
    if (this.off || this.disposed) return false;
    let f: VideoFrame;
    try {
      f = new VideoFrame(video);
    } catch {
      return false; // No frame right now (seeking, a new source): this one goes the element's way.
    }
    if (this.takeFrame(f, due, mediaTime, video.videoWidth, video.videoHeight)) return true;
    f.close();
    return false;
  }

  /**
   * Starts copying `f` (shown at shownW × shownH) to be shown from page time `due`. True: the frame
   * is this object's to close. False: it cannot go this way and is still the caller's.
   */
  takeFrame(f: VideoFrame, due: number, mediaTime: number, shownW = f.displayWidth, shownH = f.displayHeight): boolean {
    if (this.off || this.disposed) return false;
    const why = unsupported(f, shownW, shownH);
    if (why) {
      this.off = why;
      return false;
    }
    const format = f.format as PlaneFormat;
    const width = f.visibleRect!.width;
    const height = f.visibleRect!.height;
    const { layout, size } = planeLayout(format, width, height);
    const bytes = this.buffer(size);
    const { matrix, offset } = yuvToRgb(f.colorSpace, height);
    const gen = this.gen;
    this.copying++;
    f.copyTo(bytes, { layout })
      .then(
        () => {
          if (gen !== this.gen || this.disposed) return void this.spare.push(bytes);
          this.queue.push({ frame: { format, width, height, bytes, matrix, offset }, due, mediaTime });
          // Copies end in the order they started; a frame due earlier than one before it is rare but kept in order.
          this.queue.sort((a, b) => a.due - b.due);
          while (this.queue.length > this.max) this.spare.push(this.queue.shift()!.frame.bytes);
        },
        (err: unknown) => {
          this.spare.push(bytes);
          this.off = `VideoFrame.copyTo failed: ${String(err)}`;
        },
      )
      .finally(() => {
        f.close();
        this.copying--;
      });
    return true;
  }

  /** Index of the newest waiting frame that is due at `now`, or -1. */
  due(now = performance.now()): number {
    let i = -1;
    while (i + 1 < this.queue.length && this.queue[i + 1]!.due <= now) i++;
    return i;
  }

  /** The key of the lead filter the picture went through ('' for none; see PointOp). */
  get applied(): string {
    return this.shown ? this.out.applied : '';
  }

  /**
   * Converts and shows the newest due frame (older due ones are never shown), through the `lead`
   * filter when given; whether the picture changed.
   */
  showDue(crop: PlaneCrop, mirror: boolean, lead: PointOp | null = null, now = performance.now()): boolean {
    const i = this.due(now);
    if (i < 0) return false;
    const due = this.queue.splice(0, i + 1);
    const next = due.pop()!;
    for (const d of due) this.spare.push(d.frame.bytes);
    try {
      this.out.convert(next.frame, crop, mirror, lead);
    } finally {
      this.spare.push(next.frame.bytes);
    }
    this.shown = true;
    this.shownAt = next.mediaTime;
    return true;
  }

  /** Converts the picture shown again through another lead filter (or none); whether it changed. */
  reapply(lead: PointOp | null): boolean {
    return this.shown && this.out.reapply(lead);
  }

  /** Drops waiting frames and copies under way, and what is shown; the path is tried again. */
  clear(): void {
    this.gen++;
    for (const w of this.queue.splice(0)) this.spare.push(w.frame.bytes);
    this.shown = false;
    this.off = null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clear();
    this.spare.length = 0;
    this.out.dispose();
  }

  private buffer(size: number): Uint8Array {
    const i = this.spare.findIndex((b) => b.byteLength === size);
    if (i >= 0) return this.spare.splice(i, 1)[0]!;
    // Buffers of another size (the file changed) are not reused: let them go.
    this.spare.length = 0;
    return new Uint8Array(size);
  }
}

/** Why a frame (shown at shownW × shownH) cannot be read as planes here, or null when it can. */
function unsupported(f: VideoFrame, shownW: number, shownH: number): string | null {
  if (f.format !== 'I420' && f.format !== 'NV12') return `frames are ${f.format ?? 'not readable'}`;
  const r = f.visibleRect;
  if (!r) return 'frames have no visible rectangle';
  // Anamorphic or rotated video is scaled or turned by the element; planes would show it raw.
  if (r.width !== shownW || r.height !== shownH || r.width !== f.displayWidth || r.height !== f.displayHeight) {
    return `the picture is shown at ${shownW}×${shownH}, decoded at ${r.width}×${r.height}`;
  }
  const turned = (f as VideoFrame & { rotation?: number; flip?: boolean }).rotation ?? 0;
  if (turned !== 0 || (f as VideoFrame & { flip?: boolean }).flip) return 'the frames are rotated or flipped';
  return null;
}
