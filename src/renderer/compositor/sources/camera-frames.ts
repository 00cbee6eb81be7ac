/**
 * A camera's pictures, each shown the page's CaptureDelay after it was captured, where the
 * microphones' sound captured with it is heard (./timed-audio.ts places that by its stamps). A
 * capture <video> shows a frame as soon as it arrives while the sound goes through the mixer, so a
 * camera's picture led its own microphone (bench/fake-devices.mjs: by 46–70 ms in a bare page).
 * So frames are read from the track (MediaStreamTrackProcessor), copied into textures of their own
 * to wait until due (the capture's buffer goes back at once), and the newest due one is shown on
 * the tick, once however many items draw the camera. A frame's stamp is on another clock than the
 * page's (Chromium's capture clock), so its place on the page clock is learnt as the least
 * (arrival − stamp) seen in the last minutes by all of the page's cameras (CaptureClocks): arrival
 * minus the least delivery time. A loaded page delivers late for seconds at a time, and the two
 * clocks hardly drift. Without a delay (a page that cannot play sound by its stamps) only the
 * newest frame waits for the tick, as the capture's own frame.
 */
import type { CaptureDelay } from './capture-delay';
import { FrameTexture } from './frame-texture';
import { HeldFrames, TICK_WAIT_MS } from './held-frames';
import type { Crop } from './video-frames';

/** Pictures waiting at most: a 60 fps camera under the longest delay (300 ms) has 18 waiting. */
const MAX_HELD = 20;

type Processor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };

/** The reader of a track's frames where this browser has one (Chromium exposes it to pages). */
export function trackProcessor(): Processor | null {
  const p = (globalThis as { MediaStreamTrackProcessor?: Processor }).MediaStreamTrackProcessor;
  return typeof p === 'function' ? p : null;
}

/** Where a capture clock's stamps lie on the page clock: the least (arrival − stamp) over a window. */
export class StampOffset {
  private readonly mins: { t: number; d: number }[] = [];

  constructor(private readonly windowMs = 600_000) {}

  /** The least (arrival − stamp) now, or null before the first frame. */
  get least(): number | null {
    return this.mins.length ? this.mins[0]!.d : null;
  }

  /** A frame stamped `stampMs` arrived at `nowMs`: its capture time on the page clock. */
  place(stampMs: number, nowMs: number): number {
    const d = nowMs - stampMs;
    while (this.mins.length > 0 && this.mins[this.mins.length - 1]!.d >= d) this.mins.pop();
    this.mins.push({ t: nowMs, d });
    while (this.mins.length > 1 && this.mins[0]!.t < nowMs - this.windowMs) this.mins.shift();
    return stampMs + this.mins[0]!.d;
  }
}

/** A stamp this far from a known clock's is on another clock. */
const OTHER_CLOCK_MS = 5000;

/**
 * The capture clocks this page has seen, shared by all its cameras: Chromium stamps every camera's
 * frames on one system clock (a fixed distance from the page's), so what one camera's promptly
 * delivered frames teach places another's, and a camera reopened on a busy page starts placed
 * right. A device whose stamps are far from every known clock's gets its own.
 */
export class CaptureClocks {
  private readonly clocks: StampOffset[] = [];

  place(stampMs: number, nowMs: number): number {
    const d = nowMs - stampMs;
    let clock = this.clocks.find((c) => c.least !== null && Math.abs(c.least - d) < OTHER_CLOCK_MS);
    if (!clock) this.clocks.push((clock = new StampOffset()));
    return clock.place(stampMs, nowMs);
  }
}

const pageClocks = new CaptureClocks();


export class CameraFrames {
  /** The newest frame while it is shown on the next tick without waiting (no delay): never kept longer. */
  private pending: VideoFrame | null = null;
  /** Where frames shown without waiting are uploaded. */
  private readonly out: FrameTexture;
  /** Copies waiting for their time (a delay). */
  private readonly held: HeldFrames;
  /** Whether `out` is what is shown (else the held frames' picture). */
  private fromOut = false;
  private w = 0;
  private h = 0;
  private crop: Crop = { left: 0, top: 0, right: 0, bottom: 0 };
  private nextCrop: Crop = this.crop;
  private serial = 0;
  private lastUploaded = -1;
  /** Counts attaches and clears: a reader of an older one stops. */
  private gen = 0;
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private disposed = false;

  constructor(
    gl: WebGL2RenderingContext,
    private readonly Reader: Processor,
    private mirror: boolean,
    /** The page's capture delay where sound is played by its stamps; null: shown on arrival. */
    private readonly delay: () => CaptureDelay | null,
  ) {
    this.out = new FrameTexture(gl);
    this.held = new HeldFrames(gl, MAX_HELD);
  }

  /** Moves when a frame is there to show (so the compositor draws again), a clear, a new mirror. */
  get version(): number {
    if (this.pending || this.held.due() >= 0) this.serial++;
    return this.serial;
  }

  /**
   * How the picture shown got here (null before one). Track frames are always uploaded as they
   * come: taken as YUV planes (./plane-frames.ts) their asynchronous copy moved a screen capture's
   * picture against its sound (desktop-sync.test.ts: +35 ms idle, −70 ms on a loaded machine, where
   * this way gives −27 to 0), so they stay on this way until that is understood.
   */
  get path(): string | null {
    return this.fromOut || this.held.picture ? 'element: track frames are uploaded as they come' : null;
  }

  get picture(): WebGLTexture | null {
    return this.fromOut ? this.out.texture : this.held.picture;
  }

  /** The picture's size in texels, for Draw.texture; undefined while there is none. */
  get pictureSize(): { readonly width: number; readonly height: number } | undefined {
    if (!this.fromOut) return this.held.pictureSize;
    return this.out.texture ? this.out : undefined;
  }

  /** The newest frame's size after the crop (0 before the first frame). */
  get width(): number {
    return Math.max(0, this.w - this.crop.left - this.crop.right);
  }

  get height(): number {
    return Math.max(0, this.h - this.crop.top - this.crop.bottom);
  }

  /** Pixels cut from each edge (a screen capture's crop), from the next frame on (its size with it). */
  setCrop(crop: Crop): void {
    this.nextCrop = { left: Math.max(0, crop.left), top: Math.max(0, crop.top), right: Math.max(0, crop.right), bottom: Math.max(0, crop.bottom) };
  }

  /** Applies from the next frame (a live camera's next one is at most a frame interval away). */
  setMirror(mirror: boolean): void {
    this.mirror = mirror;
  }

  /** Reads this track's frames from now on (a previous track's reader stops). */
  attach(track: MediaStreamTrack): void {
    this.clear();
    const gen = this.gen;
    const reader = new this.Reader({ track }).readable.getReader();
    this.reader = reader;
    void (async () => {
      for (;;) {
        const r = await reader.read().catch(() => ({ done: true, value: undefined }) as const);
        if (r.done || !r.value) return;
        if (gen !== this.gen || this.disposed) {
          r.value.close();
          return;
        }
        this.take(r.value);
      }
    })();
  }

  /** Shows nothing until a frame of the next attach; stops reading. */
  clear(): void {
    this.gen++;
    void this.reader?.cancel().catch(() => {});
    this.reader = null;
    this.pending?.close();
    this.pending = null;
    this.held.clear(true);
    this.fromOut = false;
    this.w = 0;
    this.h = 0;
    this.serial++;
  }

  /** Shows the newest due frame, at most once per tick index. */
  upload(tickIndex: number): void {
    if (tickIndex === this.lastUploaded) return;
    this.lastUploaded = tickIndex;
    const f = this.pending;
    if (f) {
      this.pending = null;
      if (this.width > 0 && this.height > 0) {
        this.out.upload(f, this.width, this.height, this.mirror, this.cropAt());
        this.fromOut = true;
      }
      f.close();
      this.serial++;
    } else if (this.held.showDue()) {
      this.fromOut = false;
      this.serial++;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.clear();
    this.disposed = true;
    this.out.dispose();
    this.held.dispose();
  }

  /** A frame from the track: shown on the next tick, or copied to wait for its time. */
  private take(frame: VideoFrame): void {
    this.w = frame.displayWidth;
    this.h = frame.displayHeight;
    this.crop = this.nextCrop;
    const now = performance.now();
    const captured = pageClocks.place(frame.timestamp / 1000, now);
    const delay = this.delay();
    if (!delay || this.width === 0 || this.height === 0) {
      // Only the newest waits for the tick: the capture gets its buffers back at once.
      this.held.clear(false);
      this.pending?.close();
      this.pending = frame;
      return;
    }
    // A frame that comes later than its place (a stalled page) moves the pair's delay, as a late
    // sound chunk does, so picture and sound stay together.
    if (captured + delay.at(now) - TICK_WAIT_MS < now) delay.late(now - captured + TICK_WAIT_MS, now);
    this.held.hold(frame, this.width, this.height, this.mirror, captured + delay.at(now) - TICK_WAIT_MS, this.cropAt());
    frame.close();
  }

  /** The crop's corner, where there is a crop. */
  private cropAt(): { left: number; top: number } | undefined {
    const { left, top, right, bottom } = this.crop;
    return left + top + right + bottom > 0 ? { left, top } : undefined;
  }
}
