/**
 * The replay buffer (OBS's): replay.start / stop / save / status. While it runs, a ReplayRing reads
 * the main encoding's fan-out through its own tap (no second encode) and keeps the last
 * replayMaxSeconds of it in memory, whole GOPs from a keyframe, within replayMaxMb. A save copies
 * what is held into a file (`-c copy`, MKV or faststart MP4 after the recording format) in the
 * recording folder, named "Replay <the recording's pattern>", and answers once the file is on disk.
 * Like a recording, starting it starts the encoders when nothing else runs them. A replay holds the
 * recording's tracks as they were at the buffer's start (OBS's replay buffer writes RecTracks), each
 * found among the encoding's audio streams; one the encoding lacks is left out and named.
 */
import {
  Status,
  fail,
  ok,
  type EncoderSettings,
  type Result,
  type StudioDocument,
  type StudioError,
  type StudioEvent,
  type VideoSettings,
} from '../../shared';
import { DEFAULT_REPLAY_MB, DEFAULT_REPLAY_SECONDS, IDLE_REPLAY_STATUS, type ReplaySaved, type ReplayState, type ReplayStatus } from '../../shared/replay';
import type { Clock, Logger } from '../api';
import type { EncoderName } from './encoders/catalog';
import type { Tap } from './fan-out';
import { MB } from './recording/disk-space';
import { outputCanvases } from './canvas-plan';
import { recordedCanvas } from './recording-control';
import { ReplayRing } from './replay/ring';
import { replayPath, saveReplay } from './replay/save';
import { missingTracksMessage, replayTracks, wantedTracks } from './replay/tracks';
import type { StreamOutput } from './stream-output';

export interface ReplayControlOptions {
  output: StreamOutput;
  document(): StudioDocument;
  dataDir: string;
  pipeline(): Promise<Result<{ ffmpegPath: string; video: VideoSettings; encoder: EncoderSettings; codec: EncoderName }>>;
  emit(event: StudioEvent): void;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  clock: Clock;
  logger: Logger;
}

export class ReplayControl {
  private state: ReplayState = 'idle';
  private ring: ReplayRing | null = null;
  private tap: Tap | null = null;
  private ffmpegPath = '';
  private lastReplay: string | null = null;
  private error: string | null = null;
  private limits = { maxSeconds: DEFAULT_REPLAY_SECONDS, maxMb: DEFAULT_REPLAY_MB };
  /** The extra canvas it keeps (undefined: the main one), fixed at its start. */
  private canvas: string | undefined = undefined;
  /** The recording's tracks at the start, and the tracks the encoding's audio streams carry, in order. */
  private tracks: readonly number[] = [1];
  private encoded: readonly number[] = [1];
  /** Saves under way, so stop and dispose can wait for the files. */
  private readonly saving = new Set<Promise<unknown>>();

  constructor(private readonly opts: ReplayControlOptions) {}

  status(): ReplayStatus {
    return {
      ...IDLE_REPLAY_STATUS,
      state: this.state,
      bytes: this.ring?.bytes ?? 0,
      durationMs: Math.round(this.ring?.durationMs ?? 0),
      ...this.limits,
      lastReplay: this.lastReplay,
      error: this.error,
      // Named while it runs, so the renderer composes that canvas (compositor/canvas-output.ts).
      ...(this.canvas && this.active() && { canvas: this.canvas }),
    };
  }

  active(): boolean {
    return this.state === 'starting' || this.state === 'active' || this.state === 'stopping';
  }

  async start(): Promise<Result<ReplayStatus>> {
    if (this.active()) return fail(Status.OutputRunning, 'The replay buffer is already running.');
    const doc = this.opts.document();
    const rec = doc.output.recording;
    // The recording's canvas: a vertical show's replays are vertical too.
    const canvas = recordedCanvas(doc);
    if (!canvas.ok) return canvas;
    const maxSeconds = rec.replayMaxSeconds ?? DEFAULT_REPLAY_SECONDS;
    const maxMb = rec.replayMaxMb ?? DEFAULT_REPLAY_MB;
    const pipeline = await this.opts.pipeline();
    if (!pipeline.ok) return pipeline;
    this.ffmpegPath = pipeline.value.ffmpegPath;
    this.limits = { maxSeconds, maxMb };
    // Fixed now, as a recording's are: track settings apply at the next start.
    this.tracks = wantedTracks(rec.tracks);
    this.error = null;
    this.canvas = canvas.value;
    this.set('starting');
    const v = pipeline.value.video;
    const ring = new ReplayRing({ maxMs: maxSeconds * 1000, maxBytes: maxMb * MB, frameMs: (1000 * v.fpsDenominator) / v.fpsNumerator });
    const started = await this.opts.output.startReplay({ ...pipeline.value, destinations: [], canvases: outputCanvases(doc) }, (fanOut) => {
      // The ring takes every write at once (it never applies back-pressure); the cap is its own.
      this.tap = fanOut.tap(ring, Number.MAX_SAFE_INTEGER);
      // Every encoding of a run carries the same tracks, so this holds while the buffer runs.
      this.encoded = fanOut.audioTracks;
      return ok({ stop: async () => this.detach(), dispose: async () => this.detach() });
    }, canvas.value);
    if (!started.ok) {
      this.detach();
      this.error = started.error.message;
      this.set('failed');
      return started;
    }
    this.ring = ring;
    this.set('active');
    this.opts.logger.log('info', 'replay buffer started', { maxSeconds, maxMb, tracks: this.tracks.join(',') });
    return ok(this.status());
  }

  async stop(): Promise<Result<ReplayStatus>> {
    if (this.state !== 'active') return fail(Status.OutputNotRunning, 'The replay buffer is not running.');
    this.set('stopping');
    await this.opts.output.stopReplay();
    this.detach();
    await Promise.all([...this.saving]);
    this.ring = null;
    this.set('idle');
    this.opts.logger.log('info', 'replay buffer stopped');
    return ok(this.status());
  }

  /** Writes what the buffer holds now; answers the file once FFmpeg has finished it. */
  async save(): Promise<Result<ReplaySaved>> {
    const ring = this.ring;
    if (this.state !== 'active' || !ring) return fail(Status.OutputNotRunning, 'The replay buffer is not running; start it first.');
    const snap = ring.snapshot();
    if (!snap) return fail(Status.InvalidResourceState, 'The replay buffer holds no whole frame yet; try again in a moment.');
    const file = await replayPath(this.opts.document().output.recording, this.opts.dataDir, new Date());
    if (!file.ok) return file;
    const plan = replayTracks(this.encoded, this.tracks);
    const work = saveReplay({
      ffmpegPath: this.ffmpegPath,
      data: snap.data,
      path: file.value,
      audioStreams: plan.streams,
      clock: this.opts.clock,
      logger: this.opts.logger,
    });
    this.saving.add(work);
    const written = await work.finally(() => this.saving.delete(work));
    if (!written.ok) {
      this.opts.notify('error', written.error.message);
      return written;
    }
    const frameMs = snap.durationMs - (snap.lastPtsMs - snap.firstPtsMs);
    const missing = missingTracksMessage(plan, this.encoded);
    const saved: ReplaySaved = {
      path: written.value,
      frames: snap.frames,
      durationMs: Math.round(snap.durationMs),
      firstPtsMs: snap.firstPtsMs,
      lastPtsMs: snap.lastPtsMs,
      endMs: Math.round(snap.lastPtsMs - (ring.firstPtsMs ?? snap.firstPtsMs) + frameMs),
      tracks: plan.tracks,
      missingTracks: plan.missing,
      ...(missing ? { warning: missing } : {}),
    };
    this.lastReplay = written.value;
    if (missing) {
      this.opts.logger.log('warn', missing, { path: written.value });
      this.opts.notify('warning', missing);
    }
    this.opts.emit({ type: 'replay.saved', data: saved });
    this.opts.logger.log('info', 'replay saved', { ...saved });
    return ok(saved);
  }

  /** The output ended the buffer (its encoders failed). */
  outputEnded(error: StudioError): void {
    if (!this.active()) return;
    this.detach();
    this.ring = null;
    this.error = error.message;
    this.opts.notify('error', `Replay buffer stopped: ${error.message}`);
    this.set('failed');
  }

  async dispose(): Promise<void> {
    if (this.state === 'active') await this.stop();
    this.detach();
    await Promise.all([...this.saving]);
  }

  private detach(): void {
    this.tap?.close();
    this.tap = null;
    this.ring?.clear();
  }

  private set(next: ReplayState): void {
    if (next === this.state) return;
    // idle ↔ failed is no news to anyone: it was not running either way.
    const quiet = (next === 'idle' || next === 'failed') && (this.state === 'idle' || this.state === 'failed');
    this.state = next;
    if (!quiet) this.opts.emit({ type: 'replay.state', data: this.status() });
  }
}
