/**
 * ffmpeg_source with is_local_file false: a network stream (RTMP, SRT, HLS) that the engine pulls
 * with FFmpeg and remuxes to fragmented MP4 (engine/media/network-pull.ts). This player fetches
 * those bytes through the media route (`studio-stream:<uuid>`, one long response) and plays them
 * through Media Source Extensions in a <video>: Chromium decodes (in hardware where it can), the
 * frames go through VideoFrames like every video source, the sound through the element's node.
 *
 * Live edge: a joining player gets the fragments since the last keyframe, and whenever the
 * buffered end runs more than MAX_LAG_S ahead of the play position (joining, a stalled tab) it
 * jumps to just behind the edge. Data older than KEEP_S is removed from the buffer.
 *
 * Down: the engine's pull says why it has no picture (media.problem: 'connecting…',
 * 'reconnecting…'); the source then draws the no-signal card with that reason at its last size,
 * and connects again when the engine says the stream is live (the problem clears). Reconnecting is
 * the engine's (with the destinations' backoff); the player only follows it.
 */
import type { MediaAction, MediaState, MediaStatus, Settings } from '../../../shared';
import { NETWORK_STREAM_PREFIX } from '../../../shared';
import type { MediaPlayer } from './media-link';
import { createNoSignalCard, type NoSignalCard } from './no-signal';
import type { PointOp } from '../filters/types';
import type { DirectTexture, Draw, FrameInfo, SourceContext, SourceInfo, SourceRuntime } from './types';
import { VideoFrames } from './video-frames';

/** Further behind the live edge than this (seconds), the player jumps to it. */
const MAX_LAG_S = 0.35;
/**
 * Where behind the edge a jump lands: about one fragment (the engine cuts them at 100 ms), so the
 * next one arrives before the player runs dry and stalls.
 */
const EDGE_MARGIN_S = 0.15;
/** Seconds of played data kept in the SourceBuffer. */
const KEEP_S = 10;
/**
 * When nothing was heard for this long (no problem from the engine, no connection), ask again:
 * covers a response that failed just as the engine said the stream was back.
 */
const IDLE_RETRY_MS = 3000;

interface Connection {
  abort: AbortController;
  media: MediaSource | null;
  buffer: SourceBuffer | null;
  queue: Uint8Array[];
  /** Object URL of `media` (revoked once attached). */
  url: string | null;
}

export class NetworkStreamRuntime implements SourceRuntime, MediaPlayer {
  private readonly video: HTMLVideoElement;
  private readonly card: NoSignalCard;
  private readonly frames: VideoFrames;
  private readonly detachLink: (() => void) | null;
  private detachAudio: (() => void) | null = null;
  private audioNode: MediaElementAudioSourceNode | null = null;
  private conn: Connection | null = null;
  /** The engine's reason for no picture (null: live, connect). */
  private down: string | null = null;
  /** This player's own reason (a refused response, unplayable codecs), until the next attempt. */
  private local: string | null = null;
  /** The engine said "live" while an attempt was still failing: try once more when it does. */
  private again = false;
  private stopped = false;
  private state: MediaState = 'opening';
  private w = 0;
  private h = 0;
  /** Bumped when what is drawn instead of frames changes (card ↔ picture, the card's words). */
  private bump = 0;
  private shownReason: string | null = null;
  private readonly idle: ReturnType<typeof setInterval>;
  private disposed = false;

  constructor(
    private url: string,
    private readonly ctx: SourceContext,
    private readonly info: SourceInfo,
  ) {
    this.card = createNoSignalCard(ctx);
    const v = document.createElement('video');
    this.video = v;
    v.playsInline = true;
    v.muted = !ctx.audio;
    // Held for its sound where that goes into the program (VideoFrames' hold).
    this.frames = new VideoFrames(ctx.gl, v, false, () => (this.audioNode ? (ctx.audio?.renderLead?.() ?? null) : null));
    for (const [type, fn] of this.listeners) v.addEventListener(type, fn);
    if (ctx.audio) {
      try {
        this.audioNode = ctx.audio.context.createMediaElementSource(v);
        this.detachAudio = ctx.audio.attach(this.audioNode);
      } catch (err) {
        ctx.warnOnce(`stream-audio:${info.uuid}`, `Network stream "${info.name}": its sound cannot reach the program (${String(err)}).`);
        v.muted = true;
      }
    }
    this.idle = setInterval(() => {
      if (!this.conn && !this.down && !this.stopped && this.url) this.connect();
    }, IDLE_RETRY_MS);
    // The link tells a known problem at once (the stream is down): then the player waits.
    this.detachLink = ctx.media?.attach(info.uuid, this) ?? null;
    if (!this.down) this.connect();
  }

  get version(): number {
    return this.frames.version + this.bump;
  }

  get width(): number {
    return this.w > 0 ? this.w : this.ctx.baseWidth();
  }

  get height(): number {
    return this.h > 0 ? this.h : this.ctx.baseHeight();
  }

  /** The URL changed: the engine starts a new pull and says so; this one starts over. */
  update(_settings: Settings): void {}

  render(draw: Draw, frame: FrameInfo): void {
    const reason = this.refresh(frame, null);
    if (reason) {
      this.card.render(draw, reason, this.width, this.height);
      return;
    }
    const picture = this.frames.picture;
    if (picture) draw.texture(picture, this.frames.pictureSize, this.frames.opaque);
    else this.card.render(draw, 'connecting…', this.width, this.height);
  }

  texture(frame: FrameInfo, lead: PointOp | null = null): DirectTexture | null {
    if (this.refresh(frame, lead)) return null;
    const picture = this.frames.picture;
    // Only a picture of the size the source says it is (a new resolution is told by an event).
    if (!picture || this.frames.width !== this.w || this.frames.height !== this.h) return null;
    return { texture: picture, fused: this.frames.fused, opaque: this.frames.opaque };
  }

  /** Uploads the newest frame for this tick, through `lead` where it can; answers why there is no picture, or null. */
  private refresh(frame: FrameInfo, lead: PointOp | null): string | null {
    const reason = this.reason();
    if (reason !== this.shownReason) {
      this.shownReason = reason;
      this.bump++;
    }
    if (reason) return reason;
    try {
      this.frames.upload(frame.index, lead);
    } catch (err) {
      this.ctx.warnOnce(`stream-upload:${this.info.uuid}`, `Network stream "${this.info.name}": a frame could not be uploaded (${String(err)}).`);
    }
    return null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.idle);
    this.detachLink?.();
    this.drop();
    for (const [type, fn] of this.listeners) this.video.removeEventListener(type, fn);
    this.detachAudio?.();
    this.audioNode?.disconnect();
    this.card.dispose();
    this.frames.dispose();
  }

  // ---- MediaPlayer ------------------------------------------------------------------------------

  status(): MediaStatus {
    const reason = this.reason();
    return {
      inputUuid: this.info.uuid,
      state: this.state,
      // A live stream has no duration; its position is not a place one can seek to.
      durationMs: null,
      cursorMs: null,
      rate: 1,
      ...(reason ? { error: reason } : {}),
    };
  }

  action(action: MediaAction): void {
    switch (action) {
      case 'stop':
        this.stopped = true;
        this.drop();
        this.state = 'stopped';
        break;
      case 'pause':
        this.video.pause();
        break;
      case 'play':
      case 'restart':
        this.stopped = false;
        if (action === 'restart') this.drop();
        if (this.conn) {
          this.chase(true);
          this.play();
        } else if (!this.down) this.connect();
        break;
      default:
        // seek, next, previous: a live stream has nowhere to go.
        break;
    }
  }

  problem(reason: string | null): void {
    if (reason === this.down) return;
    this.down = reason;
    if (reason) {
      this.drop();
      this.state = /reconnect/.test(reason) ? 'buffering' : reason.endsWith('…') ? 'opening' : 'error';
    } else if (this.conn) {
      // Already reading (or failing); if that attempt fails, try again at once.
      this.again = true;
    } else if (!this.stopped) {
      this.connect();
    }
  }

  /** Called by the switch when the URL changes. */
  retarget(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.drop();
    this.local = null;
    if (!this.down && !this.stopped) this.connect();
  }

  // ---- internals --------------------------------------------------------------------------------

  private reason(): string | null {
    if (!this.url) return 'no URL set';
    if (this.stopped) return 'stopped';
    return this.down ?? this.local;
  }

  private connect(): void {
    if (this.disposed || this.conn || !this.url) return;
    this.again = false;
    this.local = null;
    this.state = 'opening';
    const conn: Connection = { abort: new AbortController(), media: null, buffer: null, queue: [], url: null };
    this.conn = conn;
    void this.run(conn).catch((err: unknown) => {
      if (this.conn !== conn) return;
      const aborted = err instanceof DOMException && err.name === 'AbortError';
      this.fail(conn, aborted ? null : `the stream could not be read (${String(err)})`);
    });
  }

  private async run(conn: Connection): Promise<void> {
    const res = await fetch(this.ctx.mediaUrl(`${NETWORK_STREAM_PREFIX}${this.info.uuid}`), { signal: conn.abort.signal, cache: 'no-store' });
    if (this.conn !== conn) return;
    if (!res.ok || !res.body) {
      // 503: down, and the engine's media.problem says why; anything else is ours to say.
      this.fail(conn, res.status === 503 ? null : `the studio refused the stream (HTTP ${res.status})`);
      return;
    }
    const mime = res.headers.get('content-type') ?? '';
    if (!('MediaSource' in window) || !MediaSource.isTypeSupported(mime)) {
      this.fail(conn, `this browser cannot play the stream's codecs (${mime || 'unknown'})`);
      return;
    }
    const media = new MediaSource();
    conn.media = media;
    conn.url = URL.createObjectURL(media);
    const opened = new Promise<void>((resolve) => media.addEventListener('sourceopen', () => resolve(), { once: true }));
    this.video.src = conn.url;
    await opened;
    if (this.conn !== conn) return;
    URL.revokeObjectURL(conn.url);
    conn.url = null;
    // A live stream: no end. Chromium renders MSE with no end in its low-delay mode.
    media.duration = Infinity;
    const buffer = media.addSourceBuffer(mime);
    conn.buffer = buffer;
    buffer.addEventListener('updateend', () => this.pump(conn));
    buffer.addEventListener('error', () => this.fail(conn, 'the stream could not be decoded'));
    this.play();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (this.conn !== conn) {
        void reader.cancel().catch(() => {});
        return;
      }
      if (done) break;
      conn.queue.push(value);
      this.pump(conn);
    }
    // The engine's attempt ended (the stream went down): it will say "reconnecting…".
    this.fail(conn, null);
  }

  /** Appends what arrived, one append at a time; trims old data and keeps up with the edge. */
  private pump(conn: Connection): void {
    const sb = conn.buffer;
    if (this.conn !== conn || !sb || sb.updating || conn.media?.readyState !== 'open') return;
    this.chase(false);
    const b = sb.buffered;
    const t = this.video.currentTime;
    if (b.length > 0 && t - b.start(0) > KEEP_S + 5) {
      sb.remove(b.start(0), t - KEEP_S);
      return;
    }
    if (conn.queue.length === 0) return;
    const bytes = conn.queue.length === 1 ? conn.queue[0]! : concat(conn.queue);
    conn.queue = [];
    try {
      sb.appendBuffer(bytes as Uint8Array<ArrayBuffer>);
    } catch (err) {
      this.fail(conn, `the stream could not be played (${String(err)})`);
    }
  }

  /** Jumps to just behind the live edge when the player is too far behind it (or not in it yet). */
  private chase(always: boolean): void {
    const v = this.video;
    const b = v.buffered;
    if (b.length === 0) return;
    const end = b.end(b.length - 1);
    const start = b.start(b.length - 1);
    const t = v.currentTime;
    if (always || t < start || end - t > MAX_LAG_S) {
      const target = Math.max(start, end - EDGE_MARGIN_S);
      if (Math.abs(target - t) > 0.02) v.currentTime = target;
    }
    if (v.paused && !this.stopped && this.state !== 'paused') this.play();
  }

  /** An attempt ended; `why` is this player's own reason (null: the engine's word counts). */
  private fail(conn: Connection, why: string | null): void {
    if (this.conn !== conn) return;
    this.drop();
    this.local = why ?? (this.down ? null : 'reconnecting…');
    if (why) this.ctx.warnOnce(`stream-error:${this.info.uuid}:${why}`, `Network stream "${this.info.name}": ${why}.`);
    this.state = why ? 'error' : 'buffering';
    if (this.again && !this.down && !why) this.connect();
  }

  /** Lets go of the connection and the MediaSource; the picture goes (the card shows). */
  private drop(): void {
    const conn = this.conn;
    this.conn = null;
    if (!conn) return;
    conn.abort.abort();
    if (conn.url) URL.revokeObjectURL(conn.url);
    const v = this.video;
    v.pause();
    v.removeAttribute('src');
    v.load();
    this.frames.clear();
  }

  private play(): void {
    const v = this.video;
    v.play().catch((err: unknown) => {
      if (this.disposed || (err instanceof DOMException && err.name === 'AbortError')) return;
      if (err instanceof DOMException && err.name === 'NotAllowedError' && !v.muted) {
        v.muted = true;
        void v.play().catch(() => {});
      }
    });
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
        this.local = null;
      },
    ],
    [
      'pause',
      () => {
        if (this.state === 'playing' || this.state === 'buffering') this.state = 'paused';
      },
    ],
    [
      'waiting',
      () => {
        if (this.state === 'playing') this.state = 'buffering';
      },
    ],
  ];
}

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
