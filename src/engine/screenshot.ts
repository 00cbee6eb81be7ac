/**
 * Screenshots of a source or of the program output. The engine has no GPU: it validates the
 * request, works out the size, and asks a connected compositor through the RendererHub, which
 * renders the picture and answers with a data: URL. PeriodicScreenshots saves program pictures to
 * a folder while the stream is live (issue 3, "periodic screenshots").
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Status, fail, type DestinationState, type Result, type StudioDocument, type StudioEvent } from '../shared';
import type { Clock, Disposable, Logger, PeriodicScreenshotOptions, ScreenshotRequest, TimerHandle } from './api';
import type { CaptureSpec } from './renderer-hub';

/** obs-websocket's limits for imageWidth / imageHeight. */
export const SCREENSHOT_MIN_SIZE = 8;
export const SCREENSHOT_MAX_SIZE = 4096;
/** Used for jpeg/webp when the request leaves quality at its default (-1 or absent). */
export const DEFAULT_QUALITY = 90;

type Shot = Result<{ dataUrl: string }>;

export interface ScreenshotDeps {
  document(): StudioDocument;
  capture(spec: CaptureSpec): Promise<Shot>;
}

/**
 * Studio.screenshot. sourceUuid may name an input (drawn alone at its own size, no transform), a
 * scene (composited as it would be on program, whether or not it is current) or be null (program).
 * Inputs' sizes are known only to the compositor, so a missing width/height goes out as 0, meaning
 * "from the source's own size, keeping its aspect"; for scenes and program the canvas size is used.
 */
export async function takeScreenshot(deps: ScreenshotDeps, request: unknown): Promise<Shot> {
  const checked = checkRequest(request);
  if (!checked.ok) return checked;
  const { sourceUuid, width, height, format, quality } = checked.value;
  const doc = deps.document();
  let size = { width: width ?? 0, height: height ?? 0 };
  if (sourceUuid === null || doc.scenes.some((s) => s.uuid === sourceUuid)) {
    size = fitSize(width, height, doc.video.baseWidth, doc.video.baseHeight);
  } else if (!doc.inputs.some((i) => i.uuid === sourceUuid)) {
    return fail(Status.ResourceNotFound, 'No source or scene with that UUID exists.', 'sourceUuid');
  }
  const q = quality === undefined || quality < 0 ? DEFAULT_QUALITY : quality;
  return deps.capture({ sourceUuid, width: size.width, height: size.height, format, quality: q });
}

type Checked = { sourceUuid: string | null; width?: number; height?: number; format: ScreenshotRequest['format']; quality?: number };

function checkRequest(request: unknown): Result<Checked> {
  if (typeof request !== 'object' || request === null) return fail(Status.InvalidRequestField, 'The screenshot request must be an object.');
  const r = request as Record<string, unknown>;
  const sourceUuid = r['sourceUuid'] ?? null;
  if (sourceUuid !== null && typeof sourceUuid !== 'string') {
    return fail(Status.InvalidRequestFieldType, 'sourceUuid must be a string, or null for the program output.', 'sourceUuid');
  }
  const format = r['format'];
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp') {
    return fail(Status.InvalidRequestField, `The image format ${JSON.stringify(format)} is not supported; use png, jpeg or webp.`, 'format');
  }
  const out: Checked = { sourceUuid, format };
  for (const field of ['width', 'height'] as const) {
    const v = r[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number') return fail(Status.InvalidRequestFieldType, `${field} must be a number.`, field);
    if (!Number.isInteger(v) || v < SCREENSHOT_MIN_SIZE || v > SCREENSHOT_MAX_SIZE) {
      return fail(Status.OutOfRange, `${field} must be a whole number from ${SCREENSHOT_MIN_SIZE} to ${SCREENSHOT_MAX_SIZE}.`, field);
    }
    out[field] = v;
  }
  const quality = r['quality'];
  if (quality !== undefined && quality !== null) {
    if (typeof quality !== 'number') return fail(Status.InvalidRequestFieldType, 'quality must be a number.', 'quality');
    if (!Number.isInteger(quality) || quality < -1 || quality > 100) {
      return fail(Status.OutOfRange, 'quality must be a whole number from 0 to 100, or -1 for the default.', 'quality');
    }
    out.quality = quality;
  }
  return { ok: true, value: out };
}

/**
 * The picture size for a request: both given → as given; one given → the other follows the
 * source's aspect; none → the source's size. Never outside 1..SCREENSHOT_MAX_SIZE (a derived side
 * of a very thin source is clamped rather than refused). The compositor applies the same rule.
 */
export function fitSize(width: number | undefined, height: number | undefined, srcW: number, srcH: number): { width: number; height: number } {
  const clamp = (n: number): number => Math.min(SCREENSHOT_MAX_SIZE, Math.max(1, Math.round(n)));
  if (width && height) return { width, height };
  if (!(srcW > 0 && srcH > 0)) return { width: clamp(width ?? height ?? SCREENSHOT_MIN_SIZE), height: clamp(height ?? width ?? SCREENSHOT_MIN_SIZE) };
  if (width) return { width, height: clamp((width * srcH) / srcW) };
  if (height) return { width: clamp((height * srcW) / srcH), height };
  const scale = Math.min(1, SCREENSHOT_MAX_SIZE / Math.max(srcW, srcH));
  return { width: clamp(srcW * scale), height: clamp(srcH * scale) };
}

/** The bytes of a base64 data: URL, or null when it is not one. For SaveSourceScreenshot and the saver below. */
export function decodeDataUrl(dataUrl: string): { mime: string; bytes: Buffer } | null {
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,/.exec(dataUrl);
  if (!match) return null;
  const bytes = Buffer.from(dataUrl.slice(match[0].length), 'base64');
  return bytes.length > 0 ? { mime: match[1]!, bytes } : null;
}

// ---- periodic program screenshots -----------------------------------------------------------

export interface PeriodicDeps {
  shoot(request: ScreenshotRequest): Promise<Shot>;
  document(): StudioDocument;
  subscribe(listener: (event: StudioEvent) => void): Disposable;
  clock: Clock;
  logger: Logger;
  /** Tells the user (a notice) when saving starts failing. */
  notify?(level: 'warning', message: string): void;
  /** Epoch milliseconds for file names; default Date.now. */
  now?(): number;
  /** Whether the show is on now, for a schedule created mid-stream (its first state event is past). */
  streamState?(): DestinationState;
}

/** Stream states in which the show is on and worth recording pictures of. */
const SHOOTING: ReadonlySet<DestinationState> = new Set<DestinationState>(['live', 'reconnecting']);
/** Our own files only: pruning must never touch anything else in the folder. */
const FILE_NAME = /^program-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.(?:png|jpg)$/;
const MIN_INTERVAL_SEC = 1;

export interface PeriodicStatus {
  saved: number;
  failed: number;
  /** Ticks skipped because the previous screenshot was still being taken or written. */
  skipped: number;
  lastFile: string | null;
  lastError: string | null;
}

/**
 * Every intervalSec while the stream is live, saves the program as program-<UTC time>.png|jpg into
 * dir, no larger than maxWidth × maxHeight (aspect kept), first deleting the oldest of its own
 * files so the folder stays within `keep` files and `maxBytes` bytes. Owns its timer and event subscription; dispose() stops
 * both and waits for a file being written.
 */
export class PeriodicScreenshots {
  private readonly problem: string | null;
  private readonly subscription: Disposable;
  private timer: TimerHandle | null = null;
  private busy = false;
  private writing: Promise<void> | null = null;
  private disposed = false;
  private failing = false;
  private lastStamp = 0;
  private readonly counts: PeriodicStatus = { saved: 0, failed: 0, skipped: 0, lastFile: null, lastError: null };

  constructor(
    private readonly options: PeriodicScreenshotOptions,
    private readonly deps: PeriodicDeps,
  ) {
    this.problem = optionsProblem(options);
    if (this.problem) deps.logger.log('error', `Periodic screenshots are off: ${this.problem}`);
    this.subscription = deps.subscribe((event) => {
      if (event.type === 'stream.state') this.setLive(SHOOTING.has(event.data.state));
    });
    const state = deps.streamState?.();
    if (state && SHOOTING.has(state)) this.setLive(true);
  }

  status(): PeriodicStatus {
    return { ...this.counts };
  }

  /** Stops the timer and the subscription; resolves once no file is being written. */
  async dispose(): Promise<void> {
    if (!this.disposed) {
      this.disposed = true;
      this.setLive(false);
      this.subscription.dispose();
    }
    await this.writing;
  }

  private setLive(live: boolean): void {
    if (live && !this.timer && !this.disposed && !this.problem) {
      this.timer = this.deps.clock.setInterval(() => this.tick(), this.options.intervalSec * 1000);
    } else if (!live && this.timer) {
      this.deps.clock.clearInterval(this.timer);
      this.timer = null;
    }
  }

  private tick(): void {
    // A slow compositor or disk must not pile up requests: skip this tick instead.
    if (this.busy) {
      this.counts.skipped++;
      return;
    }
    this.busy = true;
    void this.shootOnce().finally(() => {
      this.busy = false;
    });
  }

  private async shootOnce(): Promise<void> {
    const { format, maxWidth, maxHeight } = this.options;
    const video = this.deps.document().video;
    const scale = Math.min(1, maxWidth / video.baseWidth, (maxHeight ?? Infinity) / video.baseHeight);
    const width = Math.max(SCREENSHOT_MIN_SIZE, Math.round(video.baseWidth * scale));
    const height = Math.max(SCREENSHOT_MIN_SIZE, Math.round(video.baseHeight * scale));
    // Named for when it was asked, so names are one interval apart whatever the render took.
    const stamp = this.stamp();
    const shot = await this.deps.shoot({ sourceUuid: null, width, height, format, quality: -1 });
    if (this.disposed) return;
    if (!shot.ok) return this.failed(shot.error.message);
    const image = decodeDataUrl(shot.value.dataUrl);
    if (!image) return this.failed('the compositor returned an unreadable image');
    this.writing = this.save(image.bytes, stamp);
    await this.writing;
    this.writing = null;
  }

  private async save(bytes: Buffer, stamp: string): Promise<void> {
    const { dir, format } = this.options;
    const name = `program-${stamp}.${format === 'png' ? 'png' : 'jpg'}`;
    const file = path.join(dir, name);
    const temp = path.join(dir, `.${name}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      // Room first, so the folder never holds more than the caps allow, not even for a moment.
      await this.prune(bytes.length).catch((error: unknown) => this.deps.logger.log('warn', 'could not prune old screenshots', { dir, error: String(error) }));
      // Written under a temporary name first, so a reader of the folder never sees half a file.
      await writeFile(temp, bytes);
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      return this.failed(`could not write to ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    this.counts.saved++;
    this.counts.lastFile = file;
    if (this.failing) {
      this.failing = false;
      this.deps.logger.log('info', 'Periodic screenshots are being saved again.', { dir });
    }
  }

  /**
   * Deletes our oldest files so that one more of `incoming` bytes fits the count and byte caps.
   * The new file itself is always written, even when it alone is larger than the byte cap.
   */
  private async prune(incoming: number): Promise<void> {
    const { dir, keep, maxBytes } = this.options;
    const names = (await readdir(dir)).filter((n) => FILE_NAME.test(n)).sort();
    const doomed = names.splice(0, Math.max(0, names.length - (keep - 1)));
    if (maxBytes !== undefined) {
      let total = incoming;
      for (let i = names.length - 1; i >= 0; i--) {
        total += (await stat(path.join(dir, names[i]!)).catch(() => null))?.size ?? 0;
        if (total > maxBytes) {
          doomed.push(...names.slice(0, i + 1));
          break;
        }
      }
    }
    for (const name of doomed) await rm(path.join(dir, name), { force: true });
  }

  private failed(reason: string): void {
    this.counts.failed++;
    this.counts.lastError = reason;
    // Once per streak: a stream that runs for hours must not flood the log or the user.
    if (this.failing) return;
    this.failing = true;
    const message = `A periodic screenshot could not be saved: ${reason}`;
    this.deps.logger.log('warn', message);
    this.deps.notify?.('warning', message);
  }

  /** A UTC time stamp usable in a file name, strictly increasing so names sort by age. */
  private stamp(): string {
    const now = Math.max((this.deps.now ?? Date.now)(), this.lastStamp + 1);
    this.lastStamp = now;
    return new Date(now).toISOString().replace(/:/g, '-').replace('.', '-');
  }
}

function optionsProblem(o: PeriodicScreenshotOptions): string | null {
  if (!o.dir || !path.isAbsolute(o.dir)) return 'the screenshot folder must be an absolute path.';
  if (!(o.intervalSec >= MIN_INTERVAL_SEC)) return `the interval must be at least ${MIN_INTERVAL_SEC} s.`;
  if (o.format !== 'png' && o.format !== 'jpeg') return 'the format must be png or jpeg.';
  const sizeOk = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= SCREENSHOT_MIN_SIZE && n <= SCREENSHOT_MAX_SIZE);
  if (!sizeOk(o.maxWidth) || !sizeOk(o.maxHeight)) return `the largest width and height must be from ${SCREENSHOT_MIN_SIZE} to ${SCREENSHOT_MAX_SIZE}.`;
  if (!(Number.isInteger(o.keep) && o.keep >= 1)) return 'keep must be at least 1 file.';
  if (o.maxBytes !== undefined && !(o.maxBytes > 0)) return 'the byte cap must be positive.';
  return null;
}
