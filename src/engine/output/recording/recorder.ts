/**
 * A local recording: one FFmpeg child copying the main rendition's MPEG-TS (from its own fan-out
 * tap, on pipe:0) into an MKV or fragmented MP4 file, without re-encoding.
 *
 * Its tap holds about ten seconds, so a slow moment of the disk costs nothing and a slow network
 * destination (which has a tap of its own) cannot cost the recording anything either; drops, should
 * they ever happen, are counted and logged.
 *
 * A recording ends in one of three ways. The caller stops it (stop(): FFmpeg's input ends, it writes
 * its index and exits, then SIGTERM/SIGKILL as for every FFmpeg child), or disposes it (SIGKILL now).
 * Or it ends on its own — the disk filled up, the free-space watchdog saw it about to, FFmpeg died —
 * and onEnd says why, once the file has been finalized as far as it can be: a torn last unit is cut
 * off (./repair.ts), so the file decodes cleanly up to that point.
 */
import path from 'node:path';
import { Status, fail, ok, type EncoderSettings, type RecordingFormat, type Result, type StudioError } from '../../../shared';
import type { Clock, Logger, TimerHandle } from '../../api';
import type { FanOut, Tap } from '../fan-out';
import { bufferBytes } from '../rendition';
import type { StopPoint } from '../stop-point';
import { FfmpegProcess, type ExitInfo } from '../supervisor';
import { trackStream } from '../audio-tracks';
import { buildRecorderArgs } from './args';
import { freeBytesAt } from './disk-space';
import { lowSpaceError, recordingEnd } from './end-reason';
import { FrameGate } from './frame-gate';
import { trimTornTail } from './repair';

export interface RecorderOptions {
  ffmpegPath: string;
  /** The main rendition's encoded MPEG-TS (H.264 + AAC). */
  fanOut: FanOut;
  /** Full path of the file to write (already made unique by recordingPath). */
  path: string;
  format: RecordingFormat;
  /** The mixer tracks (1..6) it writes, each its own audio stream (OBS's RecTracks); default track 1. */
  tracks?: readonly number[];
  /** Stop gracefully when free space on that disk drops below this. */
  minFreeBytes: number;
  clock: Clock;
  logger: Logger;
  /** How often free space is checked; default 2000 ms. */
  diskCheckMs?: number;
  /** Default: statfs of the folder (bytes available to an unprivileged writer). */
  freeBytes?: (dir: string) => Promise<number | null>;
  /** How far FFmpeg may fall behind before data is dropped for it; pass recorderBufferBytes(encoder). Default 32 MiB. */
  maxBufferBytes?: number;
  /** A clean stop waits this long for FFmpeg to write its index before SIGTERM; default 10000 ms. */
  termAfterMs?: number;
  killAfterMs?: number;
  /** An end the caller did not ask for. The file has been finalized as far as possible when this runs. */
  onEnd: (why: StudioError) => void;
}

export interface RecorderStatus {
  /** Bytes FFmpeg has written to the file. */
  bytes: number;
  /** Media time written. */
  durationMs: number;
  /** Free space on the file's disk at the last check; null when unknown. */
  freeBytes: number | null;
  /** Video frames dropped because FFmpeg could not keep up; 0 unless the disk stalled for seconds. */
  dropped: number;
}

/** Seconds of stream the recording's tap holds. */
export const BUFFER_SECONDS = 10;

/** The tap size for a recording of a rendition encoded with these settings. */
export function recorderBufferBytes(encoder: EncoderSettings): number {
  return bufferBytes(encoder, BUFFER_SECONDS);
}

/** Ten seconds of a 20 Mbps stream, for a caller that does not say. */
const DEFAULT_BUFFER_BYTES = 32 * 1024 * 1024;

/** How often a stop waiting for its point looks again. */
const STOP_POLL_MS = 40;

/** Writing an index takes FFmpeg well under a second; a backlog from a slow disk may take longer. */
const TERM_AFTER_MS = 10_000;

type Cause = 'caller' | 'own';

export class Recorder {
  private proc: FfmpegProcess | null = null;
  private tap: Tap | null = null;
  private gate: FrameGate | null = null;
  private timer: TimerHandle | null = null;
  private started = false;
  private disposed = false;
  /** Who began the end: the first to do so decides whether onEnd is told. */
  private cause: Cause | null = null;
  /** The watchdog's reason, when it began the end. */
  private why: StudioError | null = null;
  /** Settles once FFmpeg is gone and the file finalized, with how the recording went. */
  private done: Promise<Result<null>> | null = null;
  private checking = false;
  private readonly progress = { bytes: 0, durationMs: 0 };
  private free: number | null = null;
  private droppedLogged = 0;
  private readonly dir: string;

  constructor(private readonly opts: RecorderOptions) {
    this.dir = path.dirname(opts.path);
  }

  start(): Result<null> {
    if (this.started || this.disposed) return fail(Status.InvalidResourceState, 'This recorder was already started (or stopped); a new recording needs a new Recorder.');
    this.started = true;
    const o = this.opts;
    const streams: number[] = [];
    for (const t of o.tracks ?? [1]) {
      const at = trackStream(o.fanOut.audioTracks, t);
      if (!at.ok) return at;
      streams.push(at.value);
    }
    const proc = new FfmpegProcess({
      path: o.ffmpegPath,
      args: buildRecorderArgs({ path: o.path, format: o.format, audioStreams: streams }),
      clock: o.clock,
      logger: o.logger,
      label: 'recording',
      pipes: { audio: false },
      termAfterMs: o.termAfterMs ?? TERM_AFTER_MS,
      killAfterMs: o.killAfterMs ?? 3000,
      onProgress: (s) => {
        if (s.totalSize !== null) this.progress.bytes = s.totalSize;
        if (s.outTimeUs !== null) this.progress.durationMs = Math.max(0, Math.round(s.outTimeUs / 1000));
        this.noteDrops();
      },
      onExit: () => this.detach(),
    });
    const spawned = proc.start();
    if (!spawned.ok) {
      this.cause = 'caller';
      return spawned;
    }
    this.proc = proc;
    const input = proc.video;
    if (input) {
      this.gate = new FrameGate(input);
      this.tap = o.fanOut.tap(this.gate, o.maxBufferBytes ?? DEFAULT_BUFFER_BYTES);
    }
    this.done = proc.exited.then((info) => this.finish(info));
    this.timer = o.clock.setInterval(() => void this.checkDisk(), o.diskCheckMs ?? 2000);
    void this.checkDisk();
    o.logger.log('info', 'recording started', { path: o.path, format: o.format });
    return ok(null);
  }

  status(): RecorderStatus {
    return { ...this.progress, freeBytes: this.free, dropped: this.tap?.counters().dropped ?? this.droppedLogged };
  }

  /**
   * Takes no more input, lets FFmpeg take what is queued (up to termAfterMs), ends its input so it
   * writes its index or trailer and exits, then SIGTERM and SIGKILL when it does not. ok when the file
   * was closed cleanly — or when the recording had already ended on its own, which onEnd reports.
   */
  async stop(until?: StopPoint): Promise<Result<null>> {
    if (!this.proc || !this.done) {
      this.started = true;
      this.cause ??= 'caller';
      return ok(null);
    }
    if (this.cause === null) {
      this.cause = 'caller';
      void this.reach(until).then(() => this.windDown());
    }
    const outcome = await this.done;
    return this.cause === 'caller' ? outcome : ok(null);
  }

  /** Kills FFmpeg now and clears every timer; onEnd is not called any more. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cause ??= 'caller';
    this.detach();
    this.gate?.destroy();
    if (!this.proc) return;
    await this.proc.dispose();
    await this.done;
  }

  /** Ends on its own initiative: stop cleanly and tell the owner why. */
  private endOnOwn(why: StudioError): void {
    if (this.cause || !this.proc) return;
    this.cause = 'own';
    this.why = why;
    this.opts.logger.log('warn', 'recording stopping on its own', { path: this.opts.path, reason: why.message });
    void this.windDown();
  }

  /** Takes input until the stop point has come out of the encoder (or the wait is over, or FFmpeg is gone). */
  private reach(until: StopPoint | undefined): Promise<void> {
    if (!until || until.reached()) return Promise.resolve();
    const clock = this.opts.clock;
    const deadline = clock.now() + until.maxWaitMs;
    return new Promise((resolve) => {
      const poll = clock.setInterval(() => {
        if (!until.reached() && clock.now() < deadline && this.tap && !this.disposed) return;
        clock.clearInterval(poll);
        resolve();
      }, STOP_POLL_MS);
    });
  }

  /** No more input; what was written reaches FFmpeg (up to the last whole frame), then its input ends. */
  private async windDown(): Promise<void> {
    this.detach();
    await this.gate?.close(this.opts.clock, this.opts.termAfterMs ?? TERM_AFTER_MS);
    await this.proc?.stop();
  }

  /** Stops the disk checks and takes the tap off the fan-out; the gate may still be flushing. */
  private detach(): void {
    if (this.timer) this.opts.clock.clearInterval(this.timer);
    this.timer = null;
    if (this.tap) {
      this.noteDrops();
      this.droppedLogged = this.tap.counters().dropped;
      this.tap.close();
      this.tap = null;
    }
  }

  private async checkDisk(): Promise<void> {
    if (this.checking || this.cause) return;
    this.checking = true;
    let free: number | null = null;
    try {
      free = await (this.opts.freeBytes ?? freeBytesAt)(this.dir);
    } catch {
      free = null;
    } finally {
      this.checking = false;
    }
    if (this.cause) return;
    this.free = free;
    if (free !== null && free < this.opts.minFreeBytes) this.endOnOwn(lowSpaceError(this.opts.path, free, this.opts.minFreeBytes));
  }

  private noteDrops(): void {
    const dropped = this.tap?.counters().dropped ?? 0;
    if (dropped <= this.droppedLogged) return;
    this.opts.logger.log('warn', 'recording dropped video frames: FFmpeg could not write them in time (is the disk too slow?)', {
      path: this.opts.path,
      dropped,
      since: dropped - this.droppedLogged,
    });
    this.droppedLogged = dropped;
  }

  /** FFmpeg is gone: cut a torn tail, then say how it went (and tell onEnd when nobody asked for this end). */
  private async finish(info: ExitInfo): Promise<Result<null>> {
    this.detach();
    this.gate?.destroy();
    // Nobody asked, and it is gone: that is an end on its own.
    this.cause ??= 'own';
    const clean = info.code === 0 && info.signal === null;
    let fileBytes: number | null = null;
    // "already exists" is someone else's file (-n refused it): not ours to touch.
    if (!clean && !info.stderr.some((l) => /already exists/i.test(l))) {
      const repaired = await trimTornTail(this.opts.path);
      if (repaired.ok) {
        fileBytes = repaired.value.after;
        if (repaired.value.after < repaired.value.before) {
          this.opts.logger.log('info', 'recording: cut a torn end off the file', { path: this.opts.path, ...repaired.value });
        }
      }
    }
    this.progress.bytes = fileBytes ?? this.progress.bytes;
    const outcome = this.outcome(info, fileBytes, await this.freeNow());
    this.opts.logger.log(outcome.ok ? 'info' : 'warn', 'recording ended', {
      path: this.opts.path,
      cause: this.cause,
      ...(outcome.ok ? {} : { reason: outcome.error.message }),
    });
    if (this.cause === 'own' && !this.disposed && !outcome.ok) {
      try {
        this.opts.onEnd(outcome.error);
      } catch (error) {
        // The owner's bug must not turn into a rejected stop() or an unhandled rejection here.
        this.opts.logger.log('error', 'recording onEnd threw', { error: String(error) });
      }
    }
    return outcome;
  }

  private outcome(info: ExitInfo, fileBytes: number | null, freeBytes: number | null): Result<null> {
    if (this.why) return { ok: false, error: this.why };
    if (info.code === 0 && info.signal === null && this.cause === 'caller') return ok(null);
    // A spawn failure: no process ever ran, so there is no exit to read.
    if (info.code === null && info.signal === null && info.failure) {
      return fail(Status.ActionFailed, `Recording could not start: ${info.failure.error.message}`);
    }
    if (info.requested && info.signal && !this.disposed) {
      return fail(Status.ActionFailed, `Recording stopped, but FFmpeg did not finish the file in time and was ended with ${info.signal}. The file is saved up to that point.`);
    }
    if (this.disposed) return ok(null);
    return { ok: false, error: recordingEnd(this.opts.path, { code: info.code, signal: info.signal, stderr: info.stderr, freeBytes, fileBytes }).error };
  }

  private async freeNow(): Promise<number | null> {
    try {
      this.free = await (this.opts.freeBytes ?? freeBytesAt)(this.dir);
    } catch {
      // Keep the last known value.
    }
    return this.free;
  }
}
