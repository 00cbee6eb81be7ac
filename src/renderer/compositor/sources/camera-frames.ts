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

/**
 * Pictures waiting at most: a 60 fps camera under the longest delay (300 ms) has 18 waiting. They
 * wait as copies in textures of their own, never as the capture's frames: a camera has few capture
 * buffers (Chromium's default pool is 4), and frames a page keeps open make it drop new ones.
 */
const MAX_HELD = 20;

interface Held {
  /** The capture's frame, while it is shown on the next tick (no delay): never kept longer. */
  frame: VideoFrame | null;
  /** Its copy, while it waits for its time (a delay). */
  copy: FrameTexture | null;
  due: number;
}

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

/**
 * A due frame waits for the next tick and is stamped with that tick's time: on average half a
 * tick (at 30 fps) later than due, and for a camera whose frames keep one phase against the ticks,
 * the same every frame (measured: −7 to −39 ms per open, with the pictures shown exactly when
 * due). So frames are due this much early, and the error is centred on zero.
 */
export const TICK_WAIT_MS = 1000 / 60;

export class CameraFrames {
  private readonly held: Held[] = [];
  /** Where frames shown without waiting are uploaded. */
  private readonly out: FrameTexture;
  /** Copies free for the next waiting frame. */
  private readonly spare: FrameTexture[] = [];
  /** What is shown: `out`, or the copy of the frame shown last (back to spare when replaced). */
  private showing: FrameTexture | null = null;
  private w = 0;
  private h = 0;
  private serial = 0;
  private lastUploaded = -1;
  /** Counts attaches and clears: a reader of an older one stops. */
  private gen = 0;
  private reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
  private disposed = false;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly Reader: Processor,
    private mirror: boolean,
    /** The page's capture delay where sound is played by its stamps; null: shown on arrival. */
    private readonly delay: () => CaptureDelay | null,
  ) {
    this.out = new FrameTexture(gl);
  }

  /** Moves when a held frame became due (so the compositor draws again), a clear, a new mirror. */
  get version(): number {
    const due = this.due();
    if (due >= 0) this.serial++;
    return this.serial;
  }

  get picture(): WebGLTexture | null {
    return this.showing?.texture ?? null;
  }

  /** The newest frame's size (0 before the first frame). */
  get width(): number {
    return this.w;
  }

  get height(): number {
    return this.h;
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
    for (const h of this.held.splice(0)) this.drop(h);
    if (this.showing && this.showing !== this.out) this.spare.push(this.showing);
    this.showing = null;
    this.w = 0;
    this.h = 0;
    this.serial++;
  }

  /** Shows the newest due frame, at most once per tick index. */
  upload(tickIndex: number): void {
    if (tickIndex === this.lastUploaded) return;
    this.lastUploaded = tickIndex;
    const i = this.due();
    if (i < 0) return;
    // Older due frames are never shown: a newer one replaces them in the same tick.
    for (const h of this.held.splice(0, i)) this.drop(h);
    const next = this.held.shift()!;
    const was = this.showing;
    if (next.copy) this.showing = next.copy;
    else if (next.frame) {
      const f = next.frame;
      if (f.displayWidth > 0 && f.displayHeight > 0) {
        this.out.upload(f, f.displayWidth, f.displayHeight, this.mirror);
        this.showing = this.out;
      }
      f.close();
    }
    if (was && was !== this.out && was !== this.showing) this.spare.push(was);
    this.serial++;
  }

  dispose(): void {
    if (this.disposed) return;
    this.clear();
    this.disposed = true;
    this.out.dispose();
    for (const c of this.spare.splice(0)) c.dispose();
  }

  /** A frame from the track: shown on the next tick, or copied to wait for its time. */
  private take(frame: VideoFrame): void {
    this.w = frame.displayWidth;
    this.h = frame.displayHeight;
    const now = performance.now();
    const captured = pageClocks.place(frame.timestamp / 1000, now);
    const delay = this.delay();
    if (!delay || this.w === 0 || this.h === 0) {
      // Only the newest waits for the tick: the capture gets its buffers back at once.
      for (const h of this.held.splice(0)) this.drop(h);
      this.held.push({ frame, copy: null, due: now });
      return;
    }
    // A frame that comes later than its place (a stalled page) moves the pair's delay, as a late
    // sound chunk does, so picture and sound stay together.
    if (captured + delay.at(now) - TICK_WAIT_MS < now) delay.late(now - captured + TICK_WAIT_MS, now);
    const copy = this.spare.pop() ?? new FrameTexture(this.gl);
    // Between ticks: the texture binding the compositor left is put back.
    const gl = this.gl;
    const bound = gl.getParameter(gl.TEXTURE_BINDING_2D) as WebGLTexture | null;
    copy.upload(frame, this.w, this.h, this.mirror);
    gl.bindTexture(gl.TEXTURE_2D, bound);
    frame.close();
    this.held.push({ frame: null, copy, due: captured + delay.at(now) - TICK_WAIT_MS });
    while (this.held.length > MAX_HELD) this.drop(this.held.shift()!);
  }

  /** A held frame that will not be shown: its frame closed, its copy back to spare. */
  private drop(h: Held): void {
    h.frame?.close();
    if (h.copy) this.spare.push(h.copy);
  }

  /** Index of the newest held frame that is due now, or -1. */
  private due(): number {
    const now = performance.now();
    let i = -1;
    while (i + 1 < this.held.length && this.held[i + 1]!.due <= now) i++;
    return i;
  }
}
