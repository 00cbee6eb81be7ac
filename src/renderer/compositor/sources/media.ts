/**
 * ffmpeg_source (OBS's "Media Source"): a local file played by a <video> in this Chromium, which
 * decodes H.264, VP9, AV1, AAC and Opus (in hardware where it can). The engine serves the file with
 * range requests (/media or studio-media:), so the player can seek and loop.
 *
 * Frames go through VideoFrames (one upload per tick, only for new frames; the last frame stays
 * while the player seeks or wraps a loop, so a loop never shows a black frame). Sound: the element
 * feeds a MediaElementAudioSourceNode on ctx.audio.
 *
 * Activity (SourceRuntime.setActive, told by the compositor when the source enters or leaves
 * program): restart_on_activate plays from the start each time it becomes active (and stops when
 * hidden); close_when_inactive also lets go of the file while hidden; otherwise playback starts at
 * once and carries on unseen, as in OBS.
 */
import { FFMPEG_SOURCE, type MediaAction, type MediaState, type MediaStatus, type Settings } from '../../../shared';
import type { MediaPlayer } from './media-link';
import { createNoSignalCard, type NoSignalCard } from './no-signal';
import { bool, num, str } from './settings';
import type { PointOp } from '../filters/types';
import type { DirectTexture, Draw, FrameInfo, SourceContext, SourceInfo, SourceRuntime } from './types';
import { VideoFrames } from './video-frames';
import { FramePathReport } from './frame-path-report';

/** Retry a failed file (missing, being copied) after 2 s, doubling to 30 s: it recovers by itself. */
const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 30_000;

interface MediaSettings {
  local: boolean;
  file: string;
  url: string;
  looping: boolean;
  restartOnActivate: boolean;
  closeWhenInactive: boolean;
  rate: number;
  clearOnEnd: boolean;
}

export function mediaSettings(s: Settings): MediaSettings {
  const d = FFMPEG_SOURCE.defaults;
  return {
    local: bool(s, 'is_local_file', d.is_local_file as boolean),
    file: str(s, 'local_file', ''),
    url: str(s, 'input', ''),
    looping: bool(s, 'looping', d.looping as boolean),
    restartOnActivate: bool(s, 'restart_on_activate', d.restart_on_activate as boolean),
    closeWhenInactive: bool(s, 'close_when_inactive', d.close_when_inactive as boolean),
    rate: Math.min(2, Math.max(0.01, num(s, 'speed_percent', d.speed_percent as number) / 100)),
    clearOnEnd: bool(s, 'clear_on_media_end', d.clear_on_media_end as boolean),
  };
}

/** A MediaError in words; Chromium's own messages are codes like DEMUXER_ERROR_NO_SUPPORTED_STREAMS. */
function describe(err: MediaError | null): string {
  if (!err) return 'the file could not be played';
  const detail = err.message ? ` (${err.message})` : '';
  switch (err.code) {
    case MediaError.MEDIA_ERR_NETWORK:
      return `the file could not be read${detail}`;
    case MediaError.MEDIA_ERR_DECODE:
      return `the file could not be decoded${detail}`;
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return `the file's format or codec is not supported here${detail}`;
    default:
      return `playback failed${detail}`;
  }
}

/** A local file's player; the kind (./media-switch.ts) picks it or the network stream's. */
export class MediaRuntime implements SourceRuntime, MediaPlayer {
  private readonly gl: WebGL2RenderingContext;
  private readonly video: HTMLVideoElement;
  private readonly card: NoSignalCard;
  private readonly detachLink: (() => void) | null;
  private detachAudio: (() => void) | null = null;
  private audioNode: MediaElementAudioSourceNode | null = null;
  private readonly frames: VideoFrames;
  private readonly pathReport: FramePathReport;
  private w = 0;
  private h = 0;
  private state: MediaState = 'none';
  private error: string | null = null;
  private s: MediaSettings;
  /** The URL the element holds now ('' = none). */
  private loaded = '';
  private active = false;
  /** The engine's verdict that the file can never play here (media.problem): shown, not tried. */
  private blocked: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryMs = RETRY_MIN_MS;
  private disposed = false;

  constructor(
    settings: Settings,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
  ) {
    this.gl = ctx.gl;
    this.card = createNoSignalCard(ctx);
    this.s = mediaSettings(settings);
    const v = document.createElement('video');
    this.video = v;
    // CORS mode keeps the element readable by WebGL and Web Audio (studio-media: answers with ACAO).
    v.crossOrigin = 'anonymous';
    v.playsInline = true;
    v.preload = 'auto';
    v.muted = !ctx.audio;
    // Held for its sound where that goes into the program (VideoFrames' hold).
    this.pathReport = new FramePathReport(`Media "${info.name}"`);
    this.frames = new VideoFrames(this.gl, v, false, () => (this.audioNode ? (ctx.audio?.renderLead?.() ?? null) : null));
    for (const [type, fn] of this.listeners) v.addEventListener(type, fn);
    if (ctx.audio) {
      try {
        this.audioNode = ctx.audio.context.createMediaElementSource(v);
        this.detachAudio = ctx.audio.attach(this.audioNode);
      } catch (err) {
        ctx.warnOnce(`media-audio:${info.uuid}`, `Media "${info.name}": its sound cannot reach the program (${String(err)}).`);
        v.muted = true;
      }
    }
    this.detachLink = ctx.media?.attach(info.uuid, this) ?? null;
    this.apply(null);
  }

  get version(): number {
    return this.frames.version;
  }

  get width(): number {
    if (this.w > 0) return this.w;
    return this.reason() ? this.ctx.baseWidth() : 0;
  }

  get height(): number {
    if (this.h > 0) return this.h;
    return this.reason() ? this.ctx.baseHeight() : 0;
  }

  update(settings: Settings): void {
    const prev = this.s;
    this.s = mediaSettings(settings);
    this.apply(prev);
  }

  render(draw: Draw, frame: FrameInfo): void {
    this.refresh(frame, null);
    const reason = this.reason();
    const picture = this.frames.picture;
    if (reason) this.card.render(draw, reason, this.width, this.height);
    else if (picture) draw.texture(picture, this.frames.pictureSize, this.frames.opaque);
  }

  texture(frame: FrameInfo, lead: PointOp | null = null): DirectTexture | null {
    this.refresh(frame, lead);
    const picture = this.reason() ? null : this.frames.picture;
    if (!picture) return null;
    const fused = this.frames.fused;
    if (fused) this.pathReport.fused();
    return { texture: picture, fused, opaque: this.frames.opaque };
  }

  /** Uploads the newest frame for this tick (once per tick, however many ask), through `lead` where it can. */
  private refresh(frame: FrameInfo, lead: PointOp | null): void {
    if (!this.loaded || this.state === 'stopped' || (this.state === 'ended' && this.s.clearOnEnd)) return;
    try {
      this.frames.upload(frame.index, lead);
    } catch (err) {
      this.ctx.warnOnce(`media-upload:${this.info.uuid}`, `Media "${this.info.name}": a frame could not be uploaded (${String(err)}).`);
    }
    this.pathReport.check(this.frames.path);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearRetry();
    this.detachLink?.();
    const v = this.video;
    for (const [type, fn] of this.listeners) v.removeEventListener(type, fn);
    this.unload();
    this.detachAudio?.();
    this.audioNode?.disconnect();
    this.card.dispose();
    this.frames.dispose();
  }

  // ---- MediaPlayer ------------------------------------------------------------------------------

  status(): MediaStatus {
    const v = this.video;
    const d = v.duration;
    const known = this.state !== 'none' && this.state !== 'error' && this.loaded !== '';
    return {
      inputUuid: this.info.uuid,
      state: this.state,
      durationMs: known && Number.isFinite(d) ? Math.round(d * 1000) : null,
      cursorMs: known ? Math.round(v.currentTime * 1000) : null,
      rate: this.s.rate,
      ...(this.reason() ? { error: this.reason()! } : {}),
    };
  }

  action(action: MediaAction, cursorMs?: number): void {
    const v = this.video;
    switch (action) {
      case 'play':
        if (!this.loaded) this.load();
        if (this.state === 'ended' || this.state === 'stopped') v.currentTime = 0;
        this.play();
        break;
      case 'pause':
        v.pause();
        break;
      case 'stop':
        this.stop();
        break;
      case 'restart':
        if (!this.loaded) this.load();
        v.currentTime = 0;
        this.play();
        break;
      case 'seek':
        if (cursorMs !== undefined && this.loaded) v.currentTime = cursorMs / 1000;
        break;
      case 'next':
      case 'previous':
        // One file has no other item to go to.
        break;
    }
  }

  problem(reason: string | null): void {
    if (reason === this.blocked) return;
    this.blocked = reason;
    if (reason) {
      this.clearRetry();
      this.unload();
      this.state = 'error';
      this.error = reason;
    } else {
      // Fixed (a new file at the same path, settings changed): start again as if just created.
      this.state = 'none';
      this.apply(null);
    }
  }

  // ---- internals --------------------------------------------------------------------------------

  /** Why the source shows the "no signal" card, or null. */
  private reason(): string | null {
    if (!this.s.local) return 'not a local file';
    if (!this.s.file) return 'no file selected';
    if (this.blocked) return this.blocked;
    if (this.state === 'error') return this.error ?? 'the file could not be played';
    return null;
  }

  private apply(prev: MediaSettings | null): void {
    const s = this.s;
    const v = this.video;
    v.loop = s.looping;
    v.playbackRate = s.rate;
    v.defaultPlaybackRate = s.rate;
    const target = s.local && s.file && !this.blocked ? this.ctx.mediaUrl(s.file) : '';
    const sourceChanged = !prev || prev.local !== s.local || prev.file !== s.file;
    if (!sourceChanged) {
      if (s.closeWhenInactive && !this.active && this.loaded) this.unload();
      return;
    }
    this.clearRetry();
    this.retryMs = RETRY_MIN_MS;
    this.unload();
    this.state = 'none';
    this.error = null;
    this.w = 0;
    this.h = 0;
    if (!target) return;
    if (s.closeWhenInactive && !this.active) return;
    this.load();
    // Without restart_on_activate OBS plays at once, seen or not; with it, on activation.
    if (this.active || !s.restartOnActivate) this.play();
  }

  private load(): void {
    const s = this.s;
    if (!s.local || !s.file || this.blocked) return;
    const url = this.ctx.mediaUrl(s.file);
    this.loaded = url;
    this.pathReport.reset();
    this.state = 'opening';
    this.error = null;
    this.video.src = url;
    this.video.load();
    this.video.playbackRate = s.rate;
  }

  private unload(): void {
    const v = this.video;
    v.pause();
    if (this.loaded) {
      v.removeAttribute('src');
      v.load();
    }
    this.loaded = '';
    this.frames.clear();
  }

  private play(): void {
    const v = this.video;
    v.play().catch((err: unknown) => {
      if (this.disposed || (err instanceof DOMException && err.name === 'AbortError')) return;
      if (err instanceof DOMException && err.name === 'NotAllowedError' && !v.muted) {
        // A browser tab without a user gesture may not play sound: play silently rather than not at all.
        v.muted = true;
        void v.play().catch(() => {});
      }
    });
  }

  private stop(): void {
    this.state = 'stopped';
    this.video.pause();
    if (this.loaded) this.video.currentTime = 0;
    // OBS clears the picture on stop.
    this.frames.clear();
  }

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    const s = this.s;
    if (!s.local || !s.file) return;
    if (active) {
      if (!this.loaded) {
        this.load();
        this.play();
      } else if (s.restartOnActivate) {
        this.video.currentTime = 0;
        this.play();
      }
    } else if (s.closeWhenInactive) {
      this.unload();
      this.state = 'stopped';
    } else if (s.restartOnActivate && this.state !== 'error') {
      this.stop();
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.state !== 'error' || !this.loaded) return;
      this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
      const wasActive = this.active;
      this.load();
      if (wasActive || !this.s.restartOnActivate) this.play();
    }, this.retryMs);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** A 404 from our own server means the file is gone, which says more than any MediaError. */
  private async explain(url: string): Promise<void> {
    const base = describe(this.video.error);
    let why = base;
    try {
      const res = await fetch(url, { method: 'HEAD' });
      if (res.status === 404) why = 'the file is missing or cannot be read';
    } catch {
      // Keep the MediaError's words.
    }
    if (this.loaded !== url || this.disposed) return;
    this.error = why;
    if (why !== base || this.state === 'error') {
      this.ctx.warnOnce(`media-error:${this.info.uuid}:${why}`, `Media "${this.info.name}": ${why}.`);
    }
  }

  private readonly listeners: [string, () => void][] = [
    [
      'loadedmetadata',
      () => {
        this.w = this.video.videoWidth;
        this.h = this.video.videoHeight;
      },
    ],
    [
      'playing',
      () => {
        this.state = 'playing';
        this.error = null;
        this.retryMs = RETRY_MIN_MS;
      },
    ],
    [
      'pause',
      () => {
        if (this.state === 'playing' || this.state === 'buffering' || this.state === 'opening') this.state = 'paused';
      },
    ],
    [
      'waiting',
      () => {
        if (this.state === 'playing') this.state = 'buffering';
      },
    ],
    [
      'ended',
      () => {
        this.state = 'ended';
        if (this.s.clearOnEnd) this.frames.clear();
      },
    ],
    [
      'seeked',
      () => {
        // A seek while paused presents a new frame too.
        this.frames.markFresh();
        if (this.state === 'ended' && !this.video.ended) this.state = 'paused';
      },
    ],
    [
      'error',
      () => {
        if (!this.loaded) return;
        this.state = 'error';
        this.error = describe(this.video.error);
        this.frames.clear();
        void this.explain(this.loaded);
        this.scheduleRetry();
      },
    ],
  ];
}
