/**
 * display_capture and window_capture: getDisplayMedia in the compositing Chromium, its frames read
 * from the track and shown the page's CaptureDelay after their capture, where captured sound (desktop
 * audio) is heard by its stamps (CameraFrames), else through a <video> (VideoFrames); one upload
 * per tick for new frames, crop through a 2D canvas. The desktop
 * app answers the request in the main process with the remembered screen or window
 * (src/main/display-media.ts); server mode's Chromium picks by its flags. Without a picture
 * (refused, the window closed, capture stopped) the source draws the "no signal" card and asks again
 * on a backoff, so capture resumes by itself where the host allows it without asking.
 */
import { DISPLAY_CAPTURE, WINDOW_CAPTURE, type Settings } from '../../../shared';
import { CameraFrames, trackProcessor } from './camera-frames';
import { FramePathReport } from './frame-path-report';
import { createNoSignalCard, drawLive, liveTexture, type NoSignalCard } from './no-signal';
import { bool, num } from './settings';
import { canPlayByStamps } from './timed-audio';
import type { DirectTexture, Draw, FrameInfo, SourceContext, SourceInfo, SourceKind, SourceRuntime } from './types';
import { VideoFrames, type Crop } from './video-frames';

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 60_000;

interface ScreenSettings {
  cursor: boolean;
  crop: Crop;
}

type Surface = 'monitor' | 'window';

function screenSettings(s: Settings, cursorKey: string): ScreenSettings {
  const n = (k: string): number => Math.max(0, Math.round(num(s, k, 0)));
  return { cursor: bool(s, cursorKey, true), crop: { left: n('crop_left'), top: n('crop_top'), right: n('crop_right'), bottom: n('crop_bottom') } };
}

export function captureProblem(err: unknown, surface: Surface): string {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const what = surface === 'monitor' ? 'screen' : 'window';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `${what} capture was refused (allow screen recording for the studio in the system settings)`;
  }
  if (name === 'NotFoundError') return `no ${what} is available to capture`;
  if (name === 'NotReadableError' || name === 'AbortError') return `${what} capture failed to start`;
  return `${what} capture could not start (${err instanceof Error ? err.message : String(err)})`;
}

function captureKind(id: string, surface: Surface, cursorKey: string): SourceKind {
  return {
    id,
    create(settings: Settings, ctx: SourceContext, info: SourceInfo): SourceRuntime {
      return new ScreenRuntime(settings, ctx, info, surface, cursorKey);
    },
  };
}

export const displayCaptureSource = captureKind(DISPLAY_CAPTURE.id, 'monitor', 'capture_cursor');
export const windowCaptureSource = captureKind(WINDOW_CAPTURE.id, 'window', 'cursor');

class ScreenRuntime implements SourceRuntime {
  private readonly video: HTMLVideoElement;
  private readonly frames: VideoFrames | CameraFrames;
  private readonly pathReport: FramePathReport;
  private readonly card: NoSignalCard;
  private s: ScreenSettings;
  private stream: MediaStream | null = null;
  private problem: string | null = null;
  private opening = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private disposed = false;

  constructor(
    settings: Settings,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
    private readonly surface: Surface,
    private readonly cursorKey: string,
  ) {
    this.s = screenSettings(settings, cursorKey);
    const v = document.createElement('video');
    v.muted = true;
    v.playsInline = true;
    this.video = v;
    const reader = trackProcessor();
    // The picture waits as long as captured sound does where that is played by its stamps (a
    // desktop audio capture: the game's sound with the game's picture), as a camera's does.
    const delay = canPlayByStamps(ctx.audio) ? ctx.captureDelay : null;
    this.pathReport = new FramePathReport(`Capture "${info.name}"`);
    this.frames = reader ? new CameraFrames(ctx.gl, reader, false, () => delay) : new VideoFrames(ctx.gl, v);
    this.frames.setCrop(this.s.crop);
    this.card = createNoSignalCard(ctx);
    void this.open();
  }

  get width(): number {
    return this.frames.width || this.ctx.baseWidth();
  }

  get height(): number {
    return this.frames.height || this.ctx.baseHeight();
  }

  get version(): number {
    return this.frames.version;
  }

  update(settings: Settings): void {
    const prev = this.s;
    this.s = screenSettings(settings, this.cursorKey);
    this.frames.setCrop(this.s.crop);
    if (prev.cursor !== this.s.cursor) {
      const track = this.stream?.getVideoTracks()[0];
      // Chromium applies the cursor constraint to a running capture where it can; otherwise on the next start.
      void track?.applyConstraints({ cursor: this.s.cursor ? 'always' : 'never' } as MediaTrackConstraints).catch(() => {});
    }
  }

  render(draw: Draw, frame: FrameInfo): void {
    drawLive(draw, frame.index, this.stream ? this.frames : null, this.problem, this.card, this, this.warnUpload);
    if (this.stream) this.pathReport.check(this.frames.path);
  }

  texture(frame: FrameInfo): DirectTexture | null {
    const t = liveTexture(frame.index, this.stream ? this.frames : null, this.warnUpload);
    if (this.stream) this.pathReport.check(this.frames.path);
    return t;
  }

  private readonly warnUpload = (err: unknown): void =>
    this.ctx.warnOnce(`screen-upload:${this.info.uuid}`, `Capture "${this.info.name}": a frame could not be uploaded (${String(err)}).`);

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.opening++;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.close();
    this.frames.dispose();
    this.card.dispose();
  }

  private close(): void {
    for (const t of this.stream?.getTracks() ?? []) {
      t.onended = null;
      t.stop();
    }
    this.stream = null;
    this.video.srcObject = null;
    this.frames.clear();
    this.pathReport.reset();
  }

  private async open(): Promise<void> {
    const attempt = ++this.opening;
    this.close();
    const md = navigator.mediaDevices;
    if (!md?.getDisplayMedia) {
      this.fail('this browser gives the studio no screen capture (it needs a secure page: https or localhost)', false);
      return;
    }
    try {
      const video = { displaySurface: this.surface, cursor: this.s.cursor ? 'always' : 'never', frameRate: { ideal: 30 } } as MediaTrackConstraints;
      const stream = await md.getDisplayMedia({ video, audio: false });
      if (attempt !== this.opening || this.disposed) {
        for (const t of stream.getTracks()) t.stop();
        return;
      }
      this.stream = stream;
      this.problem = null;
      this.retryMs = RETRY_MIN_MS;
      const track = stream.getVideoTracks()[0];
      if (track) {
        track.onended = () => {
          if (this.stream !== stream) return;
          this.close();
          this.fail(this.surface === 'monitor' ? 'screen capture stopped' : 'the captured window was closed', true);
        };
      }
      if (this.frames instanceof CameraFrames) {
        if (track) this.frames.attach(track);
      } else {
        this.video.srcObject = stream;
        await this.video.play().catch(() => {});
      }
    } catch (err) {
      if (attempt !== this.opening) return;
      const refused = err instanceof DOMException && (err.name === 'NotAllowedError' || err.name === 'SecurityError');
      this.fail(captureProblem(err, this.surface), !refused);
    }
  }

  private fail(problem: string, retry: boolean): void {
    if (this.problem !== problem) this.ctx.warnOnce(`screen:${this.info.uuid}:${problem}`, `Capture "${this.info.name}": ${problem}.`);
    this.problem = problem;
    if (retry && !this.disposed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
        void this.open();
      }, this.retryMs);
    }
  }
}
