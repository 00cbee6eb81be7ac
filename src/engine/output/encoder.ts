/**
 * One rendition's encoder: an FFmpeg child that reads the FramePump's raw NV12 (pipe:0) and PCM
 * (pipe:3) and writes MPEG-TS to pipe:1, which goes straight into the rendition's fan-out. Its
 * -progress gives the encoder's rates (fps, bitrate, speed) as deltas between reports, since
 * FFmpeg's own fps and speed are averages since start.
 */
import type { EncoderSettings, Result, VideoSettings } from '../../shared';
import type { Clock, Logger } from '../api';
import type { EncoderName } from './encoders/catalog';
import { FanOut } from './fan-out';
import { buildEncoderArgs } from './ffmpeg-args';
import type { PumpSink } from './frame-pump';
import type { ProgressSnapshot } from './progress-parser';
import { FfmpegProcess, type ExitInfo } from './supervisor';

export interface EncoderRates {
  fps: number;
  bitrateKbps: number;
  encoderSpeed: number;
}

export interface EncoderOptions {
  ffmpegPath: string;
  video: VideoSettings;
  encoder: EncoderSettings;
  /** Which FFmpeg encoder (the probe's choice); default libx264. */
  codec?: EncoderName;
  /**
   * The fan-out of an encoder this one replaces mid-stream: the destinations' taps stay attached,
   * so they carry on without reconnecting. A fresh one when absent.
   */
  fanOut?: FanOut;
  /** Where this encoder's timeline starts (see EncoderArgsInput.tsOffsetSec). */
  tsOffsetSec?: number;
  /**
   * With fanOut: keep what it encodes until release(), while the encoder it replaces finishes
   * writing (a planned replacement: new settings while live). Without: it writes at once (the
   * one it replaces is already gone).
   */
  held?: boolean;
  /** Encode and throw the result away (FFmpeg's null muxer): benchmarks of the frame path. */
  discard?: boolean;
  /** The mixer tracks to encode from the six-track input (audio-tracks.ts); absent: a stereo input. */
  audioTracks?: readonly number[];
  clock: Clock;
  logger: Logger;
  label: string;
  termAfterMs?: number;
  killAfterMs?: number;
  onProgress?: (snapshot: ProgressSnapshot) => void;
  onExit: (info: ExitInfo) => void;
}

const ZERO: EncoderRates = { fps: 0, bitrateKbps: 0, encoderSpeed: 0 };

/** How often the fan-out hands encoded data to the pushers (see FanOutOptions.batchMs). */
const FAN_OUT_BATCH_MS = 100;

export class Encoder {
  readonly fanOut: FanOut;
  private readonly proc: FfmpegProcess;
  private snapshot: ProgressSnapshot | null = null;
  private at = 0;
  private rateValues: EncoderRates = ZERO;
  /** Output kept until release() (held replacements only); null once released. */
  private kept: Buffer[] | null;

  constructor(private readonly opts: EncoderOptions) {
    this.fanOut = opts.fanOut ?? new FanOut({ batchMs: FAN_OUT_BATCH_MS, now: () => opts.clock.now(), ...(opts.audioTracks && { audioTracks: opts.audioTracks }) });
    this.kept = opts.fanOut && opts.held ? [] : null;
    // What a predecessor left half-written belongs to no packet of this encoder's stream.
    if (opts.fanOut && !opts.held) opts.fanOut.restart();
    this.proc = new FfmpegProcess({
      path: opts.ffmpegPath,
      args: buildEncoderArgs({
        video: opts.video,
        encoder: opts.encoder,
        target: opts.discard ? { kind: 'null' } : { kind: 'pipe' },
        ...(opts.codec ? { codec: opts.codec } : {}),
        ...(opts.tsOffsetSec ? { tsOffsetSec: opts.tsOffsetSec } : {}),
        ...(opts.audioTracks && { audioTracks: opts.audioTracks }),
      }),
      clock: opts.clock,
      logger: opts.logger,
      label: opts.label,
      pipes: { audio: true, output: !opts.discard },
      ...(opts.termAfterMs === undefined ? {} : { termAfterMs: opts.termAfterMs }),
      ...(opts.killAfterMs === undefined ? {} : { killAfterMs: opts.killAfterMs }),
      onProgress: (s) => this.onProgress(s),
      onExit: (info) => opts.onExit(info),
    });
  }

  start(): Result<null> {
    const started = this.proc.start();
    // Never paused: a slow pusher is its tap's problem, not the encoder's.
    if (started.ok) {
      this.proc.output?.on('data', (chunk: Buffer) => (this.kept ? this.kept.push(chunk) : this.fanOut.push(chunk)));
      // The last batch would otherwise wait for data that never comes (a recording's last frames).
      this.proc.output?.once('end', () => {
        if (!this.kept) this.fanOut.flush();
      });
    }
    return started;
  }

  /** A held replacement's predecessor has finished: its output follows the predecessor's in the fan-out. */
  release(): void {
    const kept = this.kept;
    if (!kept) return;
    this.kept = null;
    this.fanOut.restart();
    for (const chunk of kept) this.fanOut.push(chunk);
  }

  whenSpawned(): Promise<Result<null>> {
    return this.proc.whenSpawned();
  }

  /** Where the FramePump writes this encoder's frames; null once it has exited. */
  sink(): PumpSink | null {
    const video = this.proc.video;
    const audio = this.proc.audio;
    return video && audio ? { video, audio } : null;
  }

  /** Which FFmpeg encoder this runs. */
  get codec(): EncoderName {
    return this.opts.codec ?? 'libx264';
  }

  progress(): ProgressSnapshot | null {
    return this.snapshot;
  }

  /** Rates over the last report interval; 0 when the last report is older than staleMs. */
  rates(staleMs: number): EncoderRates {
    return this.snapshot && this.opts.clock.now() - this.at <= staleMs ? this.rateValues : ZERO;
  }

  stop(): Promise<ExitInfo> {
    return this.proc.stop();
  }

  dispose(): Promise<void> {
    return this.proc.dispose();
  }

  private onProgress(s: ProgressSnapshot): void {
    const now = this.opts.clock.now();
    const prev = this.snapshot;
    if (prev) {
      const dt = (now - this.at) / 1000;
      if (dt > 0) this.rateValues = ratesBetween(prev, s, dt);
    }
    // Keep the last known value of a field FFmpeg reports as N/A this time.
    this.snapshot = prev ? merge(prev, s) : s;
    this.at = now;
    this.opts.onProgress?.(this.snapshot);
  }
}

/**
 * Rates between two progress reports dt seconds apart (wall clock). The bitrate is bytes per second
 * of encoded media (out_time), not of wall time: when FFmpeg catches up on a backlog at the start
 * it writes seconds of media in a fraction of one, and a wall-clock rate would show that as a
 * burst far above the configured bitrate. Without a media time it falls back to the wall clock.
 */
export function ratesBetween(prev: ProgressSnapshot, s: ProgressSnapshot, dt: number): EncoderRates {
  const d = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.max(0, a - b));
  const frames = d(s.frame, prev.frame);
  const bytes = d(s.totalSize, prev.totalSize);
  const us = d(s.outTimeUs, prev.outTimeUs);
  const mediaSec = us !== null && us > 0 ? us / 1e6 : null;
  return {
    fps: frames === null ? 0 : frames / dt,
    bitrateKbps: bytes === null ? 0 : (bytes * 8) / 1000 / (mediaSec ?? dt),
    encoderSpeed: us === null ? 0 : us / 1e6 / dt,
  };
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
