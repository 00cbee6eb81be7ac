/**
 * One stream destination: an FFmpeg encoder process fed by a FramePump, with the state machine
 * idle → connecting → live → stopping → idle, and failed when FFmpeg ends on its own (no retries
 * yet; the output engine adds reconnecting). Emits 'stream.state' on every change and
 * 'stream.stats' once a second while anything runs. The URL carries the stream key: it only ever
 * reaches FFmpeg's argv, never a log line, an event or an error message.
 */
import {
  AUDIO_CHANNELS,
  AUDIO_SAMPLE_RATE,
  AudioFormat,
  EMPTY_OUTPUT_STATS,
  FRAME_HEADER_BYTES,
  FrameKind,
  Status,
  VideoFormat,
  fail,
  ok,
  readFrameHeader,
  type DestinationState,
  type EncoderSettings,
  type OutputStats,
  type RendererStats,
  type Result,
  type StudioError,
  type StudioEvent,
  type VideoSettings,
} from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import { buildEncoderArgs } from './ffmpeg-args';
import { FramePump, type PumpCounters } from './frame-pump';
import type { ProgressSnapshot } from './progress-parser';
import { FfmpegProcess, type ExitInfo } from './supervisor';
import { checkTargetUrl } from './target-url';

export interface StreamOutputOptions {
  clock: Clock;
  logger: Logger;
  emit: (event: StudioEvent) => void;
  /** Escalation timings for stop (see FfmpegProcess); defaults there. */
  termAfterMs?: number;
  killAfterMs?: number;
}

export interface StreamStartParams {
  ffmpegPath: string;
  video: VideoSettings;
  encoder: EncoderSettings;
  /** Full publish URL, stream key included. */
  url: string;
  /**
   * Encode as usual but discard the result (FFmpeg's null muxer) instead of publishing: for
   * benchmarks of the frame path and diagnostics that must not depend on a network.
   */
  discard?: boolean;
}

const STATS_INTERVAL_MS = 1000;
/** No progress report for this long means nothing is moving: rates read 0, not the last value. */
const PROGRESS_STALE_MS = 2500;

interface Rates {
  fps: number;
  bitrateKbps: number;
  encoderSpeed: number;
}

export class StreamOutput {
  private current: DestinationState = 'idle';
  private proc: FfmpegProcess | null = null;
  private pump: FramePump | null = null;
  private video: VideoSettings | null = null;
  private discarding = false;
  private statsTimer: TimerHandle | null = null;
  private progress: ProgressSnapshot | null = null;
  private progressAt = 0;
  private rates: Rates = { fps: 0, bitrateKbps: 0, encoderSpeed: 0 };
  private liveSince: number | null = null;
  /** Pump ticks skipped before going live: FFmpeg reading its inputs and connecting, not encoder lag. */
  private skippedBeforeLive = 0;
  private renderMs = 0;
  private invalidFrames = 0;
  private lastError: StudioError | null = null;
  private stopping: Promise<Result<null>> | null = null;
  private disposed = false;

  constructor(private readonly opts: StreamOutputOptions) {}

  state(): DestinationState {
    return this.current;
  }

  /**
   * Counters behind the stats, for logs and diagnosis: the pump's (audio underruns and trims, jitter
   * buffer drops, owed slots…) and frames whose header or size did not match the output.
   */
  diagnostics(): PumpCounters & { invalidFrames: number } {
    const pump = this.pump?.counters() ?? { framesSent: 0, lagged: 0, skipped: 0, owed: 0, dropped: 0, audioUnderruns: 0, audioTrimmed: 0 };
    return { ...pump, invalidFrames: this.invalidFrames };
  }

  stats(): OutputStats {
    const pump = this.pump?.counters();
    const p = this.progress;
    const now = this.opts.clock.now();
    const fresh = p !== null && now - this.progressAt <= PROGRESS_STALE_MS;
    return {
      ...EMPTY_OUTPUT_STATS,
      state: this.current,
      fps: fresh ? this.rates.fps : 0,
      bitrateKbps: fresh ? this.rates.bitrateKbps : 0,
      encoderSpeed: fresh ? this.rates.encoderSpeed : 0,
      bytesSent: p?.totalSize ?? 0,
      framesEncoded: p?.frame ?? 0,
      dropped: p?.dropFrames ?? 0,
      skipped: pump ? pump.skipped - this.skippedBeforeLive : 0,
      lagged: pump?.lagged ?? 0,
      framesSent: pump?.framesSent ?? 0,
      uptimeMs: this.liveSince === null ? 0 : now - this.liveSince,
      renderMs: this.renderMs,
    };
  }

  /**
   * Starts FFmpeg and the frame pump. Resolves once FFmpeg is running (state 'connecting');
   * 'live' and failures after that arrive as 'stream.state' events.
   */
  async start(p: StreamStartParams): Promise<Result<null>> {
    if (this.disposed) return fail(Status.NotReady, 'The output is shutting down.');
    if (this.current === 'stopping') return fail(Status.OutputRunning, 'The stream is still stopping; try again in a moment.');
    if (this.current !== 'idle' && this.current !== 'failed') return fail(Status.OutputRunning, 'The stream is already running.');
    const target = p.discard ? ok({ secrets: [] as string[] }) : checkTargetUrl(p.url);
    if (!target.ok) {
      this.setState('failed', target.error);
      return target;
    }
    const bad = checkVideo(p.video);
    if (bad) {
      this.setState('failed', bad);
      return { ok: false, error: bad };
    }
    this.reset();
    this.video = p.video;
    this.discarding = p.discard === true;
    const proc = new FfmpegProcess({
      path: p.ffmpegPath,
      args: buildEncoderArgs({ video: p.video, encoder: p.encoder, target: p.discard ? { kind: 'null' } : { kind: 'rtmp', url: p.url } }),
      clock: this.opts.clock,
      logger: this.opts.logger,
      secrets: target.value.secrets,
      label: 'stream',
      ...(this.opts.termAfterMs === undefined ? {} : { termAfterMs: this.opts.termAfterMs }),
      ...(this.opts.killAfterMs === undefined ? {} : { killAfterMs: this.opts.killAfterMs }),
      onProgress: (s) => this.onProgress(proc, s),
      onExit: (info) => this.onExit(proc, info),
    });
    this.proc = proc;
    this.setState('connecting');
    this.statsTimer = this.opts.clock.setInterval(() => this.emitStats(), STATS_INTERVAL_MS);
    const started = proc.start();
    if (!started.ok) return started;
    const spawned = await proc.whenSpawned();
    if (!spawned.ok) return spawned;
    if (this.proc !== proc || this.state() !== 'connecting' || proc.state() === 'exited') {
      // It ended (or was stopped) while we waited; the exit handler has already set the state.
      return this.current === 'failed' && this.lastError ? { ok: false, error: this.lastError } : ok(null);
    }
    const pump = new FramePump({
      clock: this.opts.clock,
      width: p.video.baseWidth,
      height: p.video.baseHeight,
      fpsNumerator: p.video.fpsNumerator,
      fpsDenominator: p.video.fpsDenominator,
      sink: { video: proc.video!, audio: proc.audio! },
    });
    this.pump = pump;
    pump.start();
    return ok(null);
  }

  /** Ends FFmpeg cleanly (inputs closed, then TERM, then KILL) and returns to idle. */
  stop(): Promise<Result<null>> {
    if (this.stopping) return this.stopping;
    if (this.current === 'idle') return Promise.resolve(ok(null));
    if (this.current === 'failed' || !this.proc) {
      this.teardown();
      this.setState('idle');
      return Promise.resolve(ok(null));
    }
    const proc = this.proc;
    this.setState('stopping');
    this.pump?.stop();
    this.stopping = proc.stop().then(() => {
      this.stopping = null;
      if (this.proc === proc) this.finishRun('idle');
      return ok(null);
    });
    return this.stopping;
  }

  /**
   * A frame message from the renderer (header + payload, see src/shared/wire.ts). Anything that does
   * not match the running output is dropped and counted. Every video frame with a readable header is
   * acknowledged exactly once, so a renderer's flow control can never wedge on a bad frame.
   */
  pushFrame(message: Uint8Array, ack: (sequence: number) => void): void {
    const header = readFrameHeader(new DataView(message.buffer, message.byteOffset, message.byteLength));
    if (!header) return this.invalid('unreadable frame header');
    const payload = message.subarray(FRAME_HEADER_BYTES);
    if (header.kind === FrameKind.Video) {
      const v = this.video;
      const pump = this.pump;
      if (!pump || !v) return ack(header.sequence);
      if (header.format !== VideoFormat.NV12 || header.width !== v.baseWidth || header.height !== v.baseHeight || payload.byteLength !== pump.expectedFrameBytes) {
        this.invalid(`video frame ${header.width}x${header.height} format ${header.format} (${payload.byteLength} B) does not match the output`);
        return ack(header.sequence);
      }
      pump.pushVideo(payload, header.sequence, ack);
      return;
    }
    if (header.kind === FrameKind.Audio) {
      if (header.format !== AudioFormat.S16LE || header.width !== AUDIO_SAMPLE_RATE || header.height !== AUDIO_CHANNELS || payload.byteLength % (2 * AUDIO_CHANNELS) !== 0) {
        return this.invalid(`audio ${header.width} Hz x${header.height} format ${header.format} is not 48 kHz stereo s16le`);
      }
      // Copied: small, and a transport may reuse the memory of a message once this returns.
      this.pump?.pushAudio(payload.slice());
      return;
    }
    this.invalid(`unknown frame kind ${header.kind}`);
  }

  reportRenderer(stats: RendererStats): void {
    if (Number.isFinite(stats.renderMs)) this.renderMs = stats.renderMs;
  }

  /** Kills whatever runs and clears every timer. The output cannot be started again. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const proc = this.proc;
    this.teardown();
    this.current = 'idle';
    await proc?.dispose();
  }

  private onProgress(proc: FfmpegProcess, s: ProgressSnapshot): void {
    if (this.proc !== proc) return;
    const now = this.opts.clock.now();
    const prev = this.progress;
    if (prev) {
      const dt = (now - this.progressAt) / 1000;
      if (dt > 0) {
        const d = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.max(0, a - b));
        const frames = d(s.frame, prev.frame);
        const bytes = d(s.totalSize, prev.totalSize);
        const us = d(s.outTimeUs, prev.outTimeUs);
        this.rates = {
          fps: frames === null ? 0 : frames / dt,
          bitrateKbps: bytes === null ? 0 : (bytes * 8) / 1000 / dt,
          encoderSpeed: us === null ? 0 : us / 1e6 / dt,
        };
      }
    }
    // Keep the last known value of a field FFmpeg reports as N/A this time.
    this.progress = prev ? merge(prev, s) : s;
    this.progressAt = now;
    const sent = (s.totalSize ?? 0) > 0 || ((s.totalSize === null || this.discarding) && (s.frame ?? 0) > 0);
    if (this.current === 'connecting' && sent) {
      this.liveSince = now;
      this.skippedBeforeLive = this.pump?.counters().skipped ?? 0;
      this.setState('live');
    }
  }

  private onExit(proc: FfmpegProcess, info: ExitInfo): void {
    if (this.proc !== proc || info.requested) return;
    const error: StudioError = info.failure?.error ?? { code: Status.ActionFailed, message: 'FFmpeg stopped unexpectedly.' };
    this.finishRun('failed', error);
  }

  /** The run is over: one last stats event with the final counters, then the new state. */
  private finishRun(next: 'idle' | 'failed', error?: StudioError): void {
    const last = this.stats();
    this.teardown();
    this.setState(next, error);
    this.opts.emit({ type: 'stream.stats', data: { stats: { ...last, state: next, fps: 0, bitrateKbps: 0, encoderSpeed: 0 } } });
  }

  /** Stops the pump and timers and forgets the process (which has exited or is being disposed). */
  private teardown(): void {
    if (this.statsTimer) this.opts.clock.clearInterval(this.statsTimer);
    this.statsTimer = null;
    this.pump?.dispose();
    this.pump = null;
    this.proc = null;
    this.video = null;
    this.liveSince = null;
  }

  private reset(): void {
    this.progress = null;
    this.progressAt = 0;
    this.rates = { fps: 0, bitrateKbps: 0, encoderSpeed: 0 };
    this.liveSince = null;
    this.skippedBeforeLive = 0;
  }

  private emitStats(): void {
    this.opts.emit({ type: 'stream.stats', data: { stats: this.stats() } });
  }

  private setState(next: DestinationState, error?: StudioError): void {
    if (this.current === next && !error) return;
    this.current = next;
    this.lastError = error ?? null;
    this.opts.logger.log(error ? 'warn' : 'info', `stream ${next}`, error ? { error: error.message } : undefined);
    this.opts.emit({ type: 'stream.state', data: error ? { state: next, error } : { state: next } });
  }

  private invalid(why: string): void {
    this.invalidFrames++;
    // The first one says what is wrong; then one line per thousand, not one per frame.
    if (this.invalidFrames === 1 || this.invalidFrames % 1000 === 0) {
      this.opts.logger.log('warn', 'dropped frames that do not match the output', { why, count: this.invalidFrames });
    }
  }
}

function merge(prev: ProgressSnapshot, s: ProgressSnapshot): ProgressSnapshot {
  return {
    frame: s.frame ?? prev.frame,
    fps: s.fps ?? prev.fps,
    bitrateKbps: s.bitrateKbps ?? prev.bitrateKbps,
    totalSize: s.totalSize ?? prev.totalSize,
    outTimeUs: s.outTimeUs ?? prev.outTimeUs,
    dupFrames: s.dupFrames ?? prev.dupFrames,
    dropFrames: s.dropFrames ?? prev.dropFrames,
    speed: s.speed ?? prev.speed,
    progress: s.progress,
  };
}

function checkVideo(v: VideoSettings): StudioError | null {
  const int = (n: number): boolean => Number.isInteger(n) && n > 0;
  if (!int(v.baseWidth) || !int(v.baseHeight) || !int(v.outputWidth) || !int(v.outputHeight)) {
    return { code: Status.InvalidRequestField, message: 'The video size must be whole positive numbers of pixels.', field: 'video' };
  }
  if (v.outputWidth % 2 || v.outputHeight % 2) {
    return { code: Status.InvalidRequestField, message: 'The output width and height must be even numbers for H.264.', field: 'video' };
  }
  if (!int(v.fpsNumerator) || !int(v.fpsDenominator)) {
    return { code: Status.InvalidRequestField, message: 'The frame rate must be a positive fraction.', field: 'video' };
  }
  return null;
}
