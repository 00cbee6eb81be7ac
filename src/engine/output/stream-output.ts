/**
 * The stream output: many destinations at once, each failing and healing on its own, encoded once
 * per rendition.
 *
 *   renderer frames → FramePump (output clock) ─┬→ main encoder ──────── MPEG-TS → fan-out ─┬→ pusher → destination A
 *                                               │                                           └→ pusher → destination B
 *                                               └→ rendition encoder (own size/bitrate) → fan-out ──→ pusher → destination C
 *
 * - One encoder per rendition, fed the same frames by the pump; the main one runs while the output
 *   runs, a rendition's runs while a destination that needs it is active.
 * - Each destination has a DestinationRunner (state machine, backoff, stall watchdog) and a pusher
 *   per connection attempt, reading its rendition's fan-out through a bounded tap: a slow or dead
 *   destination drops data for itself and never back-pressures the encoder or the others.
 * - 'stream.state' is the aggregate, so the UI and obs-websocket keep one simple notion of "the
 *   stream": live while any destination is live; else reconnecting while any is; else connecting.
 *   When no destination is active any more the output stops: idle if the last one was stopped by
 *   the user, failed (with its cause) if it failed. A stream is therefore running exactly when
 *   something is being sent or tried, and no encoder burns CPU for nobody.
 * - Emits 'destination.state' on every change of a destination, and 'stream.stats' plus
 *   'destination.stats' once a second while running.
 *
 * Stream keys reach only the pushers, as protocol options in a preset on an inherited descriptor, not argv
 * (pusher.ts); events, stats and log lines never carry them.
 */
import {
  AUDIO_CHANNELS,
  AUDIO_WIRE_CHANNELS,
  AUDIO_SAMPLE_RATE,
  AudioFormat,
  EMPTY_OUTPUT_STATS,
  FRAME_HEADER_BYTES,
  FrameKind,
  MAIN_CANVAS,
  Status,
  VideoFormat,
  fail,
  ok,
  readFrameHeader,
  type DestinationState,
  type DestinationStats,
  type EncoderSettings,
  type FrameHeader,
  type OutputStats,
  type Rendition,
  type RendererStats,
  type Result,
  type StudioError,
  type StudioEvent,
  type VideoSettings,
} from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import { DestinationRunner, type DestinationChange, type DestinationTiming, type PushAttempt, type PushEvents } from './destination';
import { Encoder } from './encoder';
import { EncoderFallback, type FallbackSwitch } from './encoders/fallback';
import { explainFailure } from './encoders/explain';
import type { EncoderName } from './encoders/catalog';
import type { FanOut } from './fan-out';
import { FramePump, type PumpCounters } from './frame-pump';
import { presetSupport, type PresetProbe, type PresetSupport } from './preset-probe';
import { startPusher, type Pusher } from './pusher';
import { STOP_WAIT_MAX_MS, STOP_WAIT_SLACK_MS, type StopPoint } from './stop-point';
import { MAIN_RENDITION, bufferBytes, type RenditionPlan } from './rendition';
import { normalizeTracks, widenStereo } from './audio-tracks';
import type { ExitInfo } from './supervisor';
import { checkTargetUrl, type TargetUrl } from './target-url';
import { canvasOfKey, canvasProblem, planCanvasRendition, type OutputCanvas } from './canvas-plan';
import { CanvasPumps } from './canvas-pumps';

export interface StreamOutputOptions {
  clock: Clock;
  logger: Logger;
  emit: (event: StudioEvent) => void;
  /** Escalation timings for stopping an encoder (see FfmpegProcess); defaults there. */
  termAfterMs?: number;
  killAfterMs?: number;
  /** The main encoding's fan-out while it runs (null when it ends): the HLS preview reads it (hls-preview.ts). */
  onMainEncoding?: (source: { fanOut: FanOut; ffmpegPath: string } | null) => void;
  /** Reconnect, watchdog and backoff timings of every destination (tests shorten them). */
  timing?: Partial<DestinationTiming>;
  /** [0, 1) source for backoff jitter. */
  random?: () => number;
  /** How many seconds of its rendition a destination may fall behind before data is dropped for it; default 4. */
  bufferSeconds?: number;
  /** A PEM bundle rtmps:// destinations are verified against (absent: FFmpeg's own trust store). */
  caFile?: string;
  /** The machine's CPU use since the last reading (stats.cpuPercent); 0 when not given. */
  cpuPercent?: () => number;
  /** The output ended the recording itself (its encoders failed): error says why. */
  onRecordingEnded?: (error: StudioError) => void;
  /** The same for the replay buffer. */
  onReplayEnded?: (error: StudioError) => void;
  /** A hardware encoder failed and libx264 took over (the user is told by a notice as well). */
  onEncoderSwitch?: (change: FallbackSwitch) => void;
  /** Whether an FFmpeg reads presets, so keys can stay out of argv; the shared probe by default. */
  presetProbe?: PresetProbe;
  /** The receiving server's audience figure for a destination (audience/monitor.ts). */
  audience?: (destinationId: string) => { viewers: number | null; note: string | null };
  /** How long program pictures are held back for negative sync offsets, ms (FramePumpOptions.videoDelayMs). */
  videoDelayMs?: () => number;
  /** The mixer tracks the encoders encode, read when they start (audio-tracks.ts); default track 1. */
  audioTracks?: () => readonly number[];
}

const NOT_SENDING = { viewers: null, note: 'not available while the destination is not sending' };

/** A destination as the output needs it: the URL already carries the stream key. */
export interface OutputDestination {
  id: string;
  name: string;
  url: string;
  /** Makes the URL of one connect from `url` (a signed, expiring one); absent: `url` as it is. */
  sign?: (url: string) => Result<string>;
  audioOnly?: boolean;
  rendition?: Rendition | null;
  /** The mixer track (1..6) it sends; default 1. */
  audioTrack?: number;
  /** The extra canvas it streams (StreamStartParams.canvases); absent = the main canvas. */
  canvas?: string;
}

export interface StreamStartParams {
  ffmpegPath: string;
  video: VideoSettings;
  encoder: EncoderSettings;
  /** The FFmpeg encoder the probe chose (encoders/choose.ts); default libx264. */
  codec?: EncoderName;
  destinations?: OutputDestination[];
  /** Shorthand for one destination called "Stream". */
  url?: string;
  /**
   * Encode as usual but discard the result (FFmpeg's null muxer) instead of publishing: for
   * benchmarks of the frame path and diagnostics that must not depend on a network.
   */
  discard?: boolean;
  /** The extra canvases (enabled ones) destinations may stream: canvas-plan.ts, canvas-pumps.ts. */
  canvases?: OutputCanvas[];
}

/** Something that reads an encoding's fan-out besides the destinations: the recorder, the replay buffer. */
export interface Consumer {
  /** Clean stop: the file is finished (at `until` when given: see StopPoint). */
  stop(until?: StopPoint): Promise<unknown>;
  /** Kill now (the output is failing or shutting down). */
  dispose(): Promise<void>;
}

interface Destination {
  spec: OutputDestination;
  target: TargetUrl | null;
  plan: RenditionPlan;
  runner: DestinationRunner;
  /** Its latest connection attempt's pusher (moved to another encoding when its rendition changes). */
  pusher: Pusher | null;
}

/** What may change while the output runs (live reconfiguration); the frame rate and canvas size may not. */
export interface LiveSettings {
  video: VideoSettings;
  encoder: EncoderSettings;
}

type Phase = 'idle' | 'running' | 'stopping' | 'failed';

const STATS_INTERVAL_MS = 1000;
/** An encoder that dies on its own is restarted at most this often per window; then the output fails. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
/** No progress report for this long means nothing is moving: rates read 0, not the last value. */
const PROGRESS_STALE_MS = 2500;

export class StreamOutput {
  private phase: Phase = 'idle';
  private current: DestinationState = 'idle';
  private params: StreamStartParams | null = null;
  /** The tracks this run's encoders encode, fixed when it starts (audio-tracks.ts). */
  private tracks: readonly number[] = [1];
  private readonly encoders = new Map<string, Encoder>();
  private readonly dests = new Map<string, Destination>();
  private pump: FramePump | null = null;
  private video: VideoSettings | null = null;
  private statsTimer: TimerHandle | null = null;
  private liveSince: number | null = null;
  /** Pump ticks skipped before the main encoder produced its first frame: start-up, not encoder lag. */
  private skippedBeforeStart: number | null = null;
  private renderMs = 0;
  /** Read once per stats interval, so stats() called in between does not reset the meter. */
  private cpuPercent = 0;
  private invalidFrames = 0;
  private lastError: StudioError | null = null;
  private fallback = new EncoderFallback('libx264');
  /** The recording reading the main fan-out (or its canvas's: recordingKey), while one runs. */
  private recording: Consumer | null = null;
  private recordingKey = MAIN_RENDITION;
  /** The replay buffer reading it (or its canvas's: replayKey), while one runs. */
  private replay: Consumer | null = null;
  private replayKey = MAIN_RENDITION;
  /** When encoders were restarted after dying on their own (for MAX_RESTARTS). */
  private restarts: number[] = [];
  /** Frames and drops counted by main encoders that were replaced mid-stream. */
  private encodedBefore = { frames: 0, dropped: 0 };
  private stopping: Promise<Result<null>> | null = null;
  private ending: Promise<void> | null = null;
  private disposed = false;
  /** Where each encoding's timeline started, in frames of the main one's (see timelineSec). */
  private readonly timelineBase = new Map<string, number>();
  /** The live reconfiguration in progress; the next one waits for it. */
  private reconfiguring: Promise<unknown> = Promise.resolve();
  /** The settings of the latest reconfigure() not yet applied. */
  private pending: LiveSettings | null = null;
  /** What the preset probe said about the FFmpeg the pushers use. */
  private presets: { path: string; support: PresetSupport } | null = null;
  private presetProbing: { path: string; done: Promise<void> } | null = null;
  /** The extra canvases' frame clocks while any of their encoders runs (canvas-pumps.ts). */
  private canvasPumps: CanvasPumps | null = null;

  constructor(private readonly opts: StreamOutputOptions) {}

  /** The aggregate state (what 'stream.state' last said). */
  state(): DestinationState {
    return this.current;
  }

  destinationState(id: string): DestinationState | null {
    return this.dests.get(id)?.runner.state() ?? null;
  }

  /**
   * Counters behind the stats, for logs and diagnosis: the pump's (audio underruns and trims, jitter
   * buffer drops, owed slots…) and frames whose header or size did not match the output.
   */
  diagnostics(): PumpCounters & { invalidFrames: number; encoders: string[] } {
    const pump = this.pump?.counters() ?? { framesSent: 0, lagged: 0, unchanged: 0, fresh: 0, skipped: 0, owed: 0, dropped: 0, audioUnderruns: 0, audioTrimmed: 0 };
    return { ...pump, invalidFrames: this.invalidFrames, encoders: [...this.encoders.keys()] };
  }

  stats(): OutputStats {
    const pump = this.pump?.counters();
    const main = this.encoders.get(MAIN_RENDITION);
    const p = main?.progress() ?? null;
    const rates = main?.rates(PROGRESS_STALE_MS) ?? { fps: 0, bitrateKbps: 0, encoderSpeed: 0 };
    const now = this.opts.clock.now();
    // Bytes sent: what reached the destinations' connections, all of them together (the encoder's
    // own output when discarding).
    const sent = this.params?.discard ? (p?.totalSize ?? 0) : [...this.dests.values()].reduce((n, d) => n + d.runner.stats().bytesSent, 0);
    return {
      ...EMPTY_OUTPUT_STATS,
      state: this.current,
      fps: rates.fps,
      bitrateKbps: rates.bitrateKbps,
      encoderSpeed: rates.encoderSpeed,
      bytesSent: sent,
      framesEncoded: this.encodedBefore.frames + (p?.frame ?? 0),
      dropped: this.encodedBefore.dropped + (p?.dropFrames ?? 0),
      skipped: pump ? pump.skipped - (this.skippedBeforeStart ?? pump.skipped) : 0,
      lagged: pump?.lagged ?? 0,
      unchanged: pump?.unchanged ?? 0,
      fresh: pump?.fresh ?? 0,
      framesSent: pump?.framesSent ?? 0,
      uptimeMs: this.liveSince === null ? 0 : now - this.liveSince,
      renderMs: this.renderMs,
      cpuPercent: this.cpuPercent,
      ...(this.pump && { avOffsetMs: this.pump.syncStats().avOffsetMs, audioDriftPpm: this.pump.syncStats().audioDriftPpm }),
      ...(this.canvasPumps && { canvases: this.canvasPumps.counters() }),
    };
  }

  destinationStats(): DestinationStats[] {
    return [...this.dests.values()].map((d) => {
      const stats = d.runner.stats();
      // Only a destination that sends has an audience the server can count.
      const audience = stats.state === 'live' ? this.opts.audience?.(d.spec.id) : NOT_SENDING;
      return { ...stats, viewers: audience?.viewers ?? null, viewersNote: audience?.note ?? null };
    });
  }

  /**
   * Starts the main encoder, the frame pump and every destination given. Resolves once the encoder
   * runs (state 'connecting'); 'live' and failures after that arrive as events. Destinations whose
   * URL is unusable fail at once on their own; the start fails only when none is usable.
   */
  async start(p: StreamStartParams): Promise<Result<null>> {
    if (this.disposed) return fail(Status.NotReady, 'The output is shutting down.');
    if (this.phase === 'stopping') return fail(Status.OutputRunning, 'The stream is still stopping; try again in a moment.');
    if (this.streaming()) return fail(Status.OutputRunning, 'The stream is already running.');
    // A recording already runs the encoders: the destinations join them.
    const joining = this.phase === 'running';
    const bad = joining ? null : checkVideo(p.video);
    if (bad) {
      this.phase = 'failed';
      this.setAggregate('failed', bad);
      return { ok: false, error: bad };
    }
    await this.forgetDestinations();
    if (!joining) this.prepare(p);
    else this.params = { ...this.params!, discard: p.discard === true, ...(p.canvases && { canvases: p.canvases }) };
    const specs = p.destinations ?? (p.url === undefined ? [] : [{ id: 'stream', name: 'Stream', url: p.url }]);
    const usable: Destination[] = [];
    let firstError: StudioError | null = null;
    for (const spec of specs) {
      const d = this.add(spec);
      if (d.target) usable.push(d);
      else firstError ??= d.runner.error();
    }
    if (!p.discard && usable.length === 0) {
      const error = firstError ?? { code: Status.InvalidResourceState, message: 'There is no destination to stream to; add one in Settings.' };
      if (!joining) this.phase = 'failed';
      this.setAggregate('failed', error);
      return { ok: false, error };
    }
    this.setAggregate('connecting');
    // Probed alongside the encoder's start, which the pushers wait for anyway.
    const probing = p.discard ? null : this.probePresets(this.params!.ffmpegPath);
    if (!joining) {
      const opened = await this.openPipeline();
      await probing;
      if (!opened.ok || this.phase !== 'running') return opened;
    }
    await probing;
    if (this.phase !== 'running') return ok(null);
    for (const d of usable) d.runner.start();
    return ok(null);
  }

  /**
   * Starts recording: `attach` puts a consumer (the recorder) on the main encoding's fan-out. The
   * encoders start for it when no stream runs; a stream started later joins them, and stopping
   * either one leaves the other running. With `canvas` (an extra canvas in p.canvases) it reads that
   * canvas's own encoding instead, started for it when none of the canvas's destinations runs.
   */
  async startRecording(p: StreamStartParams, attach: (fanOut: FanOut) => Result<Consumer>, canvas?: string): Promise<Result<null>> {
    if (this.recording) return fail(Status.OutputRunning, 'The recording is already running.');
    this.recordingKey = MAIN_RENDITION;
    return this.attachConsumer('recording', p, attach, canvas);
  }

  /** Starts the replay buffer: like a recording, one more reader of the main fan-out or of `canvas`'s. */
  async startReplay(p: StreamStartParams, attach: (fanOut: FanOut) => Result<Consumer>, canvas?: string): Promise<Result<null>> {
    if (this.replay) return fail(Status.OutputRunning, 'The replay buffer is already running.');
    this.replayKey = MAIN_RENDITION;
    return this.attachConsumer('replay', p, attach, canvas);
  }

  /** Stops the replay buffer's consumer; the encoders stop too unless a stream or recording still needs them. */
  async stopReplay(): Promise<Result<null>> {
    const rb = this.replay;
    if (!rb) return fail(Status.OutputNotRunning, 'The replay buffer is not running.');
    this.replay = null;
    await rb.stop();
    // A canvas encoding started for the buffer alone goes with it.
    if (this.phase === 'running') this.releaseEncoders();
    this.releaseIdlePipeline();
    if (this.ending) await this.ending;
    return ok(null);
  }

  /** Whether a recording or the replay buffer holds the encoders (they run without a stream). */
  private consumersActive(): boolean {
    return this.recording !== null || this.replay !== null;
  }

  private async attachConsumer(slot: 'recording' | 'replay', p: StreamStartParams, attach: (fanOut: FanOut) => Result<Consumer>, canvas?: string): Promise<Result<null>> {
    if (this.disposed) return fail(Status.NotReady, 'The output is shutting down.');
    if (this.phase === 'stopping') return fail(Status.OutputRunning, 'The output is still stopping; try again in a moment.');
    if (this.phase !== 'running') {
      const bad = checkVideo(p.video);
      if (bad) return { ok: false, error: bad };
      await this.forgetDestinations();
      this.prepare({ ...p, discard: false, destinations: [] });
      const opened = await this.openPipeline();
      if (!opened.ok) return opened;
      if ((this.phase as Phase) !== 'running') {
        return this.lastError ? { ok: false, error: this.lastError } : fail(Status.ActionFailed, 'The encoder stopped while starting.');
      }
    }
    const enc = this.consumerEncoding(canvas);
    const attached = enc.ok ? attach(enc.value.encoder.fanOut) : enc;
    if (!attached.ok) {
      this.releaseEncoders();
      if (!this.streaming() && !this.consumersActive()) this.ending = this.end('idle').finally(() => (this.ending = null));
      return attached;
    }
    this[slot] = attached.value;
    if (slot === 'recording' && enc.ok) this.recordingKey = enc.value.key;
    if (slot === 'replay' && enc.ok) this.replayKey = enc.value.key;
    return ok(null);
  }

  /** The encoding a consumer reads: the main one, or an extra canvas's own (canvas-plan.ts), shared with its destinations. */
  private consumerEncoding(canvas: string | undefined): Result<{ key: string; encoder: Encoder }> {
    const p = this.params;
    if (canvas === undefined || canvas === MAIN_CANVAS || !p) {
      const main = this.encoders.get(MAIN_RENDITION);
      return main ? ok({ key: MAIN_RENDITION, encoder: main }) : fail(Status.ActionFailed, 'The encoder is not running.');
    }
    const problem = canvasProblem(canvas, p.canvases);
    if (problem) return { ok: false, error: problem };
    const plan = planCanvasRendition(p.video, p.encoder, p.canvases, { canvas }, false);
    const encoder = this.encoderFor(plan);
    return encoder.ok ? ok({ key: plan.key, encoder: encoder.value }) : encoder;
  }

  /** Stops the recording's consumer cleanly; the encoders stop too unless a stream still needs them. */
  async stopRecording(): Promise<Result<null>> {
    const rec = this.recording;
    if (!rec) return fail(Status.OutputNotRunning, 'The recording is not running.');
    if (this.phase === 'running' && !this.streaming() && !this.replay && !this.params?.discard) {
      // Alone on the encoders: end them first, as a stream's stop does. The encoder flushes what it
      // still holds into the file, so the recording ends at the moment of the stop.
      this.ending ??= this.end('idle').finally(() => (this.ending = null));
      await this.ending;
      return ok(null);
    }
    this.recording = null;
    await rec.stop(this.stopPoint(this.recordingKey));
    // A canvas encoding started for the recording alone goes with it.
    if (this.phase === 'running') this.releaseEncoders();
    this.releaseIdlePipeline();
    if (this.ending) await this.ending;
    return ok(null);
  }

  /**
   * The encoder goes on for others: the frames written to it so far are still inside it (its delay,
   * seconds on a loaded machine). A consumer stopping now takes them too before it lets go.
   */
  private stopPoint(key = MAIN_RENDITION): StopPoint | undefined {
    const main = this.encoders.get(key);
    const canvasPump = this.pumpOf(key);
    const written = (canvasPump ? canvasPump.sinkCounters(key)?.framesSent : this.pump?.counters().framesSent) ?? 0;
    const behind = main ? written - main.fanOut.framesIn : 0;
    if (!main || behind <= 0) return undefined;
    const periodMs = (1000 * this.video!.fpsDenominator) / this.video!.fpsNumerator;
    return { reached: () => main.fanOut.framesIn >= written, maxWaitMs: Math.min(STOP_WAIT_MAX_MS, behind * periodMs + STOP_WAIT_SLACK_MS) };
  }

  /** The recording's consumer ended on its own (disk full, its FFmpeg died): forget it. */
  recordingEnded(): void {
    if (!this.recording) return;
    this.recording = null;
    if (this.phase === 'running') this.releaseEncoders();
    this.releaseIdlePipeline();
  }

  recordingActive(): boolean {
    return this.recording !== null;
  }

  /** Whether any destination is sending, trying or stopping (the stream, as opposed to a recording). */
  private streaming(): boolean {
    return [...this.dests.values()].some((d) => d.runner.active() || d.runner.state() === 'stopping');
  }

  /** Nothing needs the encoders any more: end the pipeline. */
  private releaseIdlePipeline(): void {
    if (this.phase === 'running' && !this.consumersActive() && !this.streaming() && !this.params?.discard) {
      this.ending = this.end('idle').finally(() => (this.ending = null));
    }
  }

  private prepare(p: StreamStartParams): void {
    this.reset();
    this.params = p;
    this.tracks = normalizeTracks(this.opts.audioTracks?.() ?? [1]);
    this.video = p.video;
    this.fallback = new EncoderFallback(p.codec ?? 'libx264');
  }

  /** Starts the main encoder and the frame pump (the output clock). */
  private async openPipeline(): Promise<Result<null>> {
    const p = this.params!;
    this.phase = 'running';
    this.statsTimer = this.opts.clock.setInterval(() => this.emitStats(), STATS_INTERVAL_MS);
    const main = this.startEncoder({ key: MAIN_RENDITION, video: p.video, encoder: p.encoder });
    if (!main.ok) {
      await this.end('failed', main.error);
      return main;
    }
    const spawned = await main.value.whenSpawned();
    if (!spawned.ok) {
      // Its exit is failing the output; let that finish so the state reads failed on return.
      if (this.ending) await this.ending;
      return spawned;
    }
    // A main encoder that failed at once may already have been replaced (hardware → libx264).
    const current = this.encoders.get(MAIN_RENDITION);
    if (this.phase !== 'running' || !current) {
      return this.current === 'failed' && this.lastError ? { ok: false, error: this.lastError } : ok(null);
    }
    const sink = current.sink();
    if (!sink) return this.lastError ? { ok: false, error: this.lastError } : fail(Status.ActionFailed, 'The encoder stopped while starting.');
    this.pump = new FramePump({
      clock: this.opts.clock,
      width: p.video.baseWidth,
      height: p.video.baseHeight,
      fpsNumerator: p.video.fpsNumerator,
      fpsDenominator: p.video.fpsDenominator,
      sink,
      channels: AUDIO_WIRE_CHANNELS,
      ...(this.opts.videoDelayMs && { videoDelayMs: this.opts.videoDelayMs }),
    });
    // Rendition encoders started before the pump existed (none today, but keep it true) join it now.
    for (const [key, enc] of this.encoders) {
      const s = enc.sink();
      if (key !== MAIN_RENDITION && s) this.pump.addSink(key, s);
    }
    this.pump.start();
    this.opts.onMainEncoding?.({ fanOut: current.fanOut, ffmpegPath: p.ffmpegPath });
    return ok(null);
  }

  /** Starts (or restarts) one destination while the output runs; the others carry on untouched. */
  startDestination(spec: OutputDestination): Result<null> {
    if (this.phase !== 'running') return fail(Status.OutputNotRunning, 'The stream is not running; start it first.');
    const old = this.dests.get(spec.id);
    if (old && (old.runner.active() || old.runner.state() === 'stopping')) {
      return fail(Status.OutputRunning, `"${spec.name}" is already running.`);
    }
    if (old) void old.runner.dispose();
    const d = this.add(spec);
    if (!d.target) return { ok: false, error: d.runner.error()! };
    d.runner.start();
    return ok(null);
  }

  /** Stops one destination cleanly. When it was the last active one, the output stops too. */
  async stopDestination(id: string): Promise<Result<null>> {
    const d = this.dests.get(id);
    if (!d || !(d.runner.active() || d.runner.state() === 'stopping')) {
      return fail(Status.OutputNotRunning, 'That destination is not running.');
    }
    await d.runner.stop();
    if (this.ending) await this.ending;
    return ok(null);
  }

  /** Skips a reconnecting destination's backoff wait (or restarts a failed or live one) now. */
  reconnectDestination(id: string): Result<null> {
    if (this.phase !== 'running') return fail(Status.OutputNotRunning, 'The stream is not running; start it first.');
    const d = this.dests.get(id);
    if (!d) return fail(Status.ResourceNotFound, `There is no running destination with id "${id}".`, 'id');
    if (!d.target) return { ok: false, error: d.runner.error()! };
    return d.runner.reconnectNow() ? ok(null) : fail(Status.InvalidResourceState, `"${d.spec.name}" is stopping; try again in a moment.`);
  }

  /** A renamed destination keeps running; its events and stats use the new name. */
  renameDestination(id: string, name: string): void {
    const d = this.dests.get(id);
    if (!d) return;
    d.spec = { ...d.spec, name };
    d.runner.rename(name);
  }

  /**
   * New encoder settings or output size while the output runs (live reconfiguration, the seed's
   * "dynamic configuration"). Every encoding whose settings change gets a new encoder on the same
   * timeline, as a crashed one does (replaceEncoder), but planned: the new one starts first and
   * holds its output while the old one writes its last frames, then follows them in the same
   * fan-out, so no destination, recording or preview reconnects. A destination whose rendition
   * now works out differently moves to its new encoding at a keyframe (Tap.handOver).
   * Calls are applied one after another, in order.
   */
  /** Whether these settings differ from what the running encoders were given (so reconfigure would act). */
  changesLive(next: LiveSettings): boolean {
    const p = this.params;
    if (this.phase !== 'running' || !p || p.discard) return false;
    return JSON.stringify(next.video) !== JSON.stringify(this.pending?.video ?? p.video) || JSON.stringify(next.encoder) !== JSON.stringify(this.pending?.encoder ?? p.encoder);
  }

  reconfigure(next: LiveSettings): Promise<Result<null>> {
    this.pending = next;
    const run = this.reconfiguring.then(() => this.applyLive(next));
    this.reconfiguring = run;
    return run;
  }

  /**
   * A running destination's settings changed. A new rendition moves its pusher to that encoding
   * without reconnecting. The audio-only switch stops the pictures on the same connection, or
   * brings them back at the next keyframe: every connection declares a video track, also one opened
   * for sound only (servers and players do not accept one appearing later; see Tap.soundOnly).
   * Other destinations are untouched either way.
   */
  updateDestination(id: string, next: Pick<OutputDestination, 'audioOnly' | 'rendition'>): Result<null> {
    const d = this.dests.get(id);
    const p = this.params;
    if (!d || !p || this.phase !== 'running') return ok(null);
    const rendition = next.rendition ?? null;
    const audioSwitch = (d.spec.audioOnly === true) !== (next.audioOnly === true);
    if (!audioSwitch && JSON.stringify(rendition) === JSON.stringify(d.spec.rendition ?? null)) return ok(null);
    d.spec = { ...d.spec, audioOnly: next.audioOnly === true, rendition };
    const plan = this.planFor(d, p.video, p.encoder);
    const pusher = d.runner.active() ? d.pusher : null;
    if (audioSwitch && pusher) {
      pusher.setVideo(!d.spec.audioOnly);
      this.opts.logger.log('info', d.spec.audioOnly ? 'destination sends sound only' : 'destination sends pictures again', { destination: d.spec.name });
    }
    if (plan.key === d.plan.key) return ok(null);
    return this.move(d, plan);
  }

  /**
   * The encoding a destination reads. One that connects for sound only shares the main encoding
   * (its sound is the same in all); a live one keeps its rendition's encoding, whose pictures come
   * back when the switch is turned off.
   */
  private planFor(d: Destination, video: VideoSettings, encoder: EncoderSettings): RenditionPlan {
    const audioOnly = d.spec.audioOnly === true && !d.runner.active();
    return planCanvasRendition(video, encoder, this.params?.canvases, d.spec, audioOnly);
  }

  private async applyLive(next: LiveSettings): Promise<Result<null>> {
    if (this.pending === next) this.pending = null;
    const p = this.params;
    if (this.phase !== 'running' || !p || !this.pump) return fail(Status.OutputNotRunning, 'Nothing is running to reconfigure.');
    const { video, encoder } = next;
    const cur = p.video;
    if (video.baseWidth !== cur.baseWidth || video.baseHeight !== cur.baseHeight || video.fpsNumerator !== cur.fpsNumerator || video.fpsDenominator !== cur.fpsDenominator) {
      return fail(Status.OutputRunning, 'The canvas size and frame rate cannot change while live: stop the stream, recording and replay buffer first.', 'video');
    }
    const bad = checkVideo(video);
    if (bad) return { ok: false, error: bad };
    const resized = video.outputWidth !== cur.outputWidth || video.outputHeight !== cur.outputHeight;
    if (resized && this.consumersActive()) {
      return fail(
        Status.OutputRunning,
        'The output size cannot change while recording or while the replay buffer runs: a file keeps one size. Stop them first, or give the destination a rendition of that size.',
        'video',
      );
    }
    this.params = { ...p, video, encoder };
    this.video = video;
    const jobs: Promise<Result<null>>[] = [];
    const main: RenditionPlan = { key: MAIN_RENDITION, video, encoder };
    if (!samePlan(main, { key: MAIN_RENDITION, video: cur, encoder: p.encoder })) jobs.push(this.replaceInPlace(main));
    const redone = new Set<string>([MAIN_RENDITION]);
    for (const d of this.dests.values()) {
      const plan = this.planFor(d, video, encoder);
      if (plan.key !== d.plan.key) {
        const moved = this.move(d, plan);
        if (!moved.ok) jobs.push(Promise.resolve(moved));
        continue;
      }
      const changed = !samePlan(plan, d.plan);
      d.plan = plan;
      // Equal renditions share one encoder: it is replaced once, for all of them.
      if (changed && !redone.has(plan.key) && this.encoders.has(plan.key)) {
        redone.add(plan.key);
        jobs.push(this.replaceInPlace(plan));
      }
    }
    const results = await Promise.all(jobs);
    this.opts.logger.log('info', 'output reconfigured while live', {
      bitrateKbps: encoder.bitrateKbps,
      size: `${video.outputWidth}x${video.outputHeight}`,
      encoders: jobs.length,
    });
    return results.find((r) => !r.ok) ?? ok(null);
  }

  /** Replaces a running encoding's encoder with one made from `plan`, into the same fan-out. */
  private async replaceInPlace(plan: RenditionPlan): Promise<Result<null>> {
    const old = this.encoders.get(plan.key);
    if (!old || !this.pump) return ok(null);
    const started = this.startEncoder(plan, { fanOut: old.fanOut, tsOffsetSec: this.timelineSec(plan.key), held: true });
    if (!started.ok) {
      this.encoders.set(plan.key, old);
      return started;
    }
    const enc = started.value;
    const sink = enc.sink();
    // From the next tick the frames go to the new encoder; the old one gets none after its last.
    if (sink) (this.pumpOf(plan.key) ?? this.pump).replaceSink(plan.key, sink);
    const before = old.progress();
    if (plan.key === MAIN_RENDITION) {
      this.encodedBefore.frames += before?.frame ?? 0;
      this.encodedBefore.dropped += before?.dropFrames ?? 0;
    }
    await old.stop();
    enc.release();
    return ok(null);
  }

  /** Points a destination at another encoding; its pusher, if connected, moves at a keyframe. */
  private move(d: Destination, plan: RenditionPlan): Result<null> {
    d.plan = plan;
    if (!d.runner.active()) return ok(null);
    const enc = this.encoderFor(plan);
    if (!enc.ok) return enc;
    d.pusher?.moveTo(enc.value.fanOut);
    return ok(null);
  }

  /** Where an encoding's next frame sits on the shared timeline, in seconds. */
  private timelineSec(key: string): number {
    const v = this.video!;
    const frames = (this.timelineBase.get(key) ?? 0) + ((this.pumpOf(key) ?? this.pump)?.sinkCounters(key)?.framesSent ?? 0);
    return (frames * v.fpsDenominator) / v.fpsNumerator;
  }

  /** Stops every destination and encoder cleanly (inputs closed, then TERM, then KILL) and returns to idle. */
  stop(): Promise<Result<null>> {
    if (this.stopping) return this.stopping;
    if (this.ending) return this.ending.then(() => this.stop());
    if (this.phase === 'idle') return Promise.resolve(ok(null));
    if (this.phase === 'failed') {
      this.teardown();
      this.phase = 'idle';
      this.setAggregate('idle');
      return Promise.resolve(ok(null));
    }
    if (this.consumersActive()) {
      // The recording (or replay buffer) keeps the encoders; only the destinations stop.
      if (!this.streaming()) return Promise.resolve(fail(Status.OutputNotRunning, 'The stream is not running.'));
      this.setAggregate('stopping');
      this.stopping = (async () => {
        await Promise.all([...this.dests.values()].map((d) => d.runner.stop()));
        this.liveSince = null;
        this.setAggregate('idle');
        this.stopping = null;
        return ok(null);
      })();
      return this.stopping;
    }
    this.phase = 'stopping';
    this.setAggregate('stopping');
    this.pump?.stop();
    this.canvasPumps?.stop();
    this.stopping = (async () => {
      await Promise.all([
        ...[...this.dests.values()].map((d) => d.runner.stop()),
        ...[...this.encoders.values()].map((e) => e.stop()),
      ]);
      this.finish('idle');
      this.stopping = null;
      return ok(null);
    })();
    return this.stopping;
  }

  /** The frame clock of an extra canvas's encoding (made on first use when `create`); null for the main canvas's. */
  private pumpOf(key: string, create = false): FramePump | null {
    const p = this.params;
    if (!p || canvasOfKey(key) === null || (!this.canvasPumps && !create)) return null;
    this.canvasPumps ??= new CanvasPumps({
      clock: this.opts.clock,
      channels: AUDIO_WIRE_CHANNELS,
      ...(this.opts.videoDelayMs && { videoDelayMs: this.opts.videoDelayMs }),
    });
    return this.canvasPumps.forKey(key, p.canvases, p.video, create);
  }

  /** A frame of an extra canvas (its index in the header): to that canvas's pump, checked against its size. */
  private pushCanvasFrame(header: FrameHeader, payload: Uint8Array, ack: (sequence: number) => void): void {
    const c = this.canvasPumps?.byIndex(header.canvas ?? 0);
    if (!c) return ack(header.sequence);
    const { pump, video: v } = c;
    if (header.width !== v.baseWidth || header.height !== v.baseHeight) {
      this.invalid(`canvas ${header.canvas} frame ${header.width}x${header.height} does not match its ${v.baseWidth}x${v.baseHeight}`);
      return ack(header.sequence);
    }
    if (header.format === VideoFormat.Repeat && payload.byteLength === 0) return pump.pushRepeat(header.sequence, ack, stampOf(header.captureMs));
    if (header.format !== VideoFormat.NV12 || payload.byteLength !== pump.expectedFrameBytes) {
      this.invalid(`canvas ${header.canvas} frame format ${header.format} (${payload.byteLength} B) does not match the output`);
      return ack(header.sequence);
    }
    pump.pushVideo(payload, header.sequence, ack, stampOf(header.captureMs));
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
    if (header.kind === FrameKind.Video && header.canvas) return this.pushCanvasFrame(header, payload, ack);
    if (header.kind === FrameKind.Video) {
      const v = this.video;
      const pump = this.pump;
      if (!pump || !v) return ack(header.sequence);
      if (header.format === VideoFormat.Repeat && header.width === v.baseWidth && header.height === v.baseHeight && payload.byteLength === 0) {
        pump.pushRepeat(header.sequence, ack, stampOf(header.captureMs));
        return;
      }
      if (header.format !== VideoFormat.NV12 || header.width !== v.baseWidth || header.height !== v.baseHeight || payload.byteLength !== pump.expectedFrameBytes) {
        this.invalid(`video frame ${header.width}x${header.height} format ${header.format} (${payload.byteLength} B) does not match the output`);
        return ack(header.sequence);
      }
      pump.pushVideo(payload, header.sequence, ack, stampOf(header.captureMs));
      return;
    }
    if (header.kind === FrameKind.Audio) {
      // Six tracks (AUDIO_WIRE_CHANNELS), or one stereo mix that feeds every track.
      const channels = header.height;
      if (header.format !== AudioFormat.S16LE || header.width !== AUDIO_SAMPLE_RATE || (channels !== AUDIO_WIRE_CHANNELS && channels !== AUDIO_CHANNELS) || payload.byteLength % (2 * channels) !== 0) {
        return this.invalid(`audio ${header.width} Hz x${header.height} format ${header.format} is not 48 kHz s16le with ${AUDIO_CHANNELS} or ${AUDIO_WIRE_CHANNELS} channels`);
      }
      // Copied: small, and a transport may reuse the memory of a message once this returns.
      this.pump?.pushAudio(channels === AUDIO_WIRE_CHANNELS ? payload.slice() : widenStereo(payload, AUDIO_WIRE_CHANNELS), stampOf(header.captureMs));
      // Every extra canvas carries the same program sound.
      this.canvasPumps?.pushAudio(channels === AUDIO_WIRE_CHANNELS ? payload.slice() : widenStereo(payload, AUDIO_WIRE_CHANNELS), stampOf(header.captureMs));
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
    const runners = [...this.dests.values()].map((d) => d.runner);
    const encoders = [...this.encoders.values()];
    const rec = this.recording;
    const rb = this.replay;
    this.recording = null;
    this.replay = null;
    this.teardown();
    await Promise.all([rec?.dispose(), rb?.dispose()]);
    this.current = 'idle';
    await Promise.all([...runners.map((r) => r.dispose()), ...encoders.map((e) => e.dispose())]);
  }

  // ---- destinations ------------------------------------------------------------------------------

  /**
   * Whether the pushers of this run keep stream keys out of their argv: false when the FFmpeg in
   * use cannot read presets, null before anything was probed.
   */
  keysPrivate(): boolean | null {
    const path = this.params?.ffmpegPath;
    return path && this.presets?.path === path ? this.presets.support.supported : null;
  }

  /**
   * Starts the preset probe for this FFmpeg ahead of start(), so the first go-live need not wait
   * for it: the host calls this as soon as it knows which FFmpeg a stream will use.
   */
  warmUp(ffmpegPath: string): void {
    if (!this.disposed) void this.probePresets(ffmpegPath);
  }

  private probePresets(ffmpegPath: string): Promise<void> {
    if (this.presets?.path === ffmpegPath && this.presets.support.supported) return Promise.resolve();
    if (this.presetProbing?.path === ffmpegPath) return this.presetProbing.done;
    const probe = this.opts.presetProbe ?? ((path: string) => presetSupport(path, this.opts.clock));
    const done = (async () => {
      const support = await probe(ffmpegPath);
      if (this.presetProbing?.path === ffmpegPath) this.presetProbing = null;
      this.presets = { path: ffmpegPath, support };
      if (!support.supported) {
        this.opts.logger.log('warn', 'this FFmpeg cannot read options from a preset file, so stream keys are visible in its command line', {
          ffmpeg: ffmpegPath,
          why: support.why,
        });
      }
    })();
    this.presetProbing = { path: ffmpegPath, done };
    return done;
  }

  /** Registers a destination; one whose URL is unusable is created failed, with the reason. */
  private add(spec: OutputDestination): Destination {
    const p = this.params!;
    const noCanvas = canvasProblem(spec.canvas, p.canvases);
    const checked: Result<TargetUrl> = noCanvas ? { ok: false, error: noCanvas } : checkTargetUrl(spec.url);
    const d: Destination = {
      spec,
      target: checked.ok ? checked.value : null,
      plan: planCanvasRendition(p.video, p.encoder, p.canvases, spec, spec.audioOnly === true),
      pusher: null,
      runner: new DestinationRunner({
        id: spec.id,
        name: spec.name,
        clock: this.opts.clock,
        logger: this.opts.logger,
        ...(this.opts.timing ? { timing: this.opts.timing } : {}),
        ...(this.opts.random ? { random: this.opts.random } : {}),
        startPush: (events) => this.startPush(d, events),
        onChange: (change) => this.onDestinationChange(d, change),
      }),
    };
    this.dests.set(spec.id, d);
    if (!checked.ok) void d.runner.fail(checked.error);
    return d;
  }

  private startPush(d: Destination, events: PushEvents): Result<PushAttempt> {
    const p = this.params;
    if (!p || this.phase !== 'running' || !d.target) return fail(Status.OutputNotRunning, 'The stream is not running.');
    const enc = this.encoderFor(d.plan);
    if (!enc.ok) return enc;
    // Signed URLs are made afresh for every connect and reconnect, so each carries a new expiry.
    const url = d.spec.sign ? d.spec.sign(d.spec.url) : ok(d.spec.url);
    if (!url.ok) return url;
    const pushed = startPusher(
      {
        ffmpegPath: p.ffmpegPath,
        url: url.value,
        protocol: d.target.protocol,
        audioOnly: d.spec.audioOnly === true,
        secrets: d.target.secrets,
        presets: this.presets?.path === p.ffmpegPath && this.presets.support.supported,
        fanOut: enc.value.fanOut,
        maxBufferBytes: bufferBytes(d.plan.encoder, this.opts.bufferSeconds ?? 4),
        clock: this.opts.clock,
        logger: this.opts.logger,
        label: `destination ${d.spec.name}`,
        ...(this.opts.caFile ? { caFile: this.opts.caFile } : {}),
        audioTrack: d.spec.audioTrack ?? 1,
      },
      events,
    );
    d.pusher = pushed.ok ? pushed.value : null;
    return pushed;
  }

  private onDestinationChange(d: Destination, change: DestinationChange): void {
    this.opts.emit({ type: 'destination.state', data: change });
    if (this.phase !== 'running') return;
    this.releaseEncoders();
    this.refreshAggregate(d);
  }

  /** The aggregate follows the destinations; with none active any more, the output ends. */
  private refreshAggregate(cause: Destination): void {
    if (this.params?.discard) return;
    const states = [...this.dests.values()].map((d) => d.runner.state());
    if (states.includes('live')) return this.setAggregate('live');
    if (states.includes('reconnecting')) return this.setAggregate('reconnecting');
    if (states.includes('connecting')) return this.setAggregate('connecting');
    if (states.includes('stopping')) return;
    const state = cause.runner.state();
    let error = state === 'failed' ? cause.runner.error() : null;
    if (error && this.dests.size > 1) error = { ...error, message: `${cause.spec.name}: ${error.message}` };
    if (this.consumersActive()) {
      // The stream is over but the recording (or replay buffer) goes on with the encoders.
      if (this.stopping) return;
      this.liveSince = null;
      this.setAggregate(error ? 'failed' : 'idle', error ?? undefined);
      return;
    }
    this.ending = this.end(error ? 'failed' : 'idle', error ?? undefined).finally(() => (this.ending = null));
  }

  /** Stops rendition encoders that no active destination needs any more. */
  private releaseEncoders(): void {
    for (const [key, enc] of this.encoders) {
      if (key === MAIN_RENDITION) continue;
      const needed =
        (this.recording !== null && key === this.recordingKey) ||
        (this.replay !== null && key === this.replayKey) ||
        [...this.dests.values()].some((d) => d.plan.key === key && (d.runner.active() || d.runner.state() === 'stopping'));
      // A pusher moving away still reads it until its new encoding reaches a keyframe.
      if (needed || enc.fanOut.tapCount > 0) continue;
      (this.pumpOf(key) ?? this.pump)?.removeSink(key);
      this.encoders.delete(key);
      this.timelineBase.delete(key);
      void enc.stop();
    }
  }

  // ---- encoders ----------------------------------------------------------------------------------

  private encoderFor(plan: RenditionPlan): Result<Encoder> {
    const existing = this.encoders.get(plan.key);
    if (existing) return ok(existing);
    // A rendition started mid-run joins the main encoding's timeline, so a pusher can move between
    // them (Tap.handOver) and see time go on.
    const base = this.pump?.sinkCounters(MAIN_RENDITION)?.framesSent ?? 0;
    this.timelineBase.set(plan.key, base + (this.timelineBase.get(MAIN_RENDITION) ?? 0));
    const started = this.startEncoder(plan, { tsOffsetSec: this.timelineSec(plan.key) });
    if (!started.ok) return started;
    const sink = started.value.sink();
    const pump = canvasOfKey(plan.key) === null ? this.pump : this.pumpOf(plan.key, true);
    if (sink && pump) pump.addSink(plan.key, sink);
    return started;
  }

  private startEncoder(plan: RenditionPlan, takeover?: { fanOut?: FanOut; tsOffsetSec: number; held?: boolean }): Result<Encoder> {
    const p = this.params!;
    const main = plan.key === MAIN_RENDITION;
    const enc: Encoder = new Encoder({
      ffmpegPath: p.ffmpegPath,
      video: plan.video,
      encoder: plan.encoder,
      codec: this.fallback.encoder as EncoderName,
      ...(takeover?.fanOut && { fanOut: takeover.fanOut }),
      ...(takeover && { tsOffsetSec: takeover.tsOffsetSec, held: takeover.held === true }),
      discard: main && p.discard === true,
      audioTracks: this.tracks,
      clock: this.opts.clock,
      logger: this.opts.logger,
      label: main ? 'encoder' : `encoder ${plan.key}`,
      ...(this.opts.termAfterMs === undefined ? {} : { termAfterMs: this.opts.termAfterMs }),
      ...(this.opts.killAfterMs === undefined ? {} : { killAfterMs: this.opts.killAfterMs }),
      onProgress: (s) => (main ? this.onMainProgress(s.frame ?? 0) : undefined),
      onExit: (info) => this.onEncoderExit(plan.key, enc, info),
    });
    this.encoders.set(plan.key, enc);
    const started = enc.start();
    if (!started.ok) {
      this.encoders.delete(plan.key);
      return started;
    }
    return ok(enc);
  }

  private onMainProgress(frames: number): void {
    if (frames > 0 && this.skippedBeforeStart === null) this.skippedBeforeStart = this.pump?.counters().skipped ?? 0;
    if (this.params?.discard && this.phase === 'running' && frames > 0) this.setAggregate('live');
  }

  private onEncoderExit(key: string, enc: Encoder, info: ExitInfo): void {
    if (info.requested || this.encoders.get(key) !== enc) return;
    const error: StudioError = info.failure?.error ?? { code: Status.ActionFailed, message: 'The encoder stopped unexpectedly.' };
    this.encoders.delete(key);
    // A replacement takes over the sink (and its place on the timeline); otherwise it goes.
    if (this.phase === 'running' && this.replaceEncoder(key, enc, info)) return;
    (this.pumpOf(key) ?? this.pump)?.removeSink(key);
    if (this.phase !== 'running') return;
    if (key === MAIN_RENDITION) {
      this.ending = this.end('failed', error).finally(() => (this.ending = null));
      return;
    }
    // A rendition's encoder failed: its destinations fail with that cause; the rest carry on.
    for (const d of this.dests.values()) if (d.plan.key === key && d.runner.active()) void d.runner.fail(error);
  }

  /**
   * An encoder died on its own while the output runs. A hardware encoder that failed is replaced by
   * libx264 (once); any other crash restarts the same encoder (a few times a minute at most). The
   * new encoder writes into the same fan-out and continues the timeline, so the destinations' pushers
   * never notice beyond a short pause: they stay live. False when it cannot or should not be replaced.
   */
  private replaceEncoder(key: string, old: Encoder, info: ExitInfo): boolean {
    const p = this.params;
    if (!p || !this.video || p.discard) return false;
    const now = this.opts.clock.now();
    const change = this.fallback.next(info.stderr, info);
    if (!change) {
      // Settings the encoder refuses fail the same way every time: no point in restarting.
      if (info.failure?.retryable === false) return false;
      this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
      if (this.restarts.length >= MAX_RESTARTS) return false;
      this.restarts.push(now);
    }
    const plan =
      key === MAIN_RENDITION ? { key, video: p.video, encoder: p.encoder } : [...this.dests.values()].find((d) => d.plan.key === key)?.plan;
    if (!plan) return false;
    // Frames written to this encoder's pipe so far: where its timeline had got to (FFmpeg stamps by
    // count), so the successor's first frame follows the last one given to the old encoder.
    const started = this.startEncoder(plan, { fanOut: old.fanOut, tsOffsetSec: this.timelineSec(key) });
    if (!started.ok) return false;
    if (key === MAIN_RENDITION) {
      const before = old.progress();
      this.encodedBefore.frames += before?.frame ?? 0;
      this.encodedBefore.dropped += before?.dropFrames ?? 0;
    }
    const sink = started.value.sink();
    const pump = this.pumpOf(key) ?? this.pump;
    if (sink && pump) pump.replaceSink(key, sink);
    const label = key === MAIN_RENDITION ? 'The encoder' : `The encoder of rendition ${key}`;
    if (change) {
      this.opts.logger.log('warn', 'encoder fell back to libx264', { from: change.from, rendition: key });
      this.opts.emit({ type: 'notice', data: { level: 'warning', message: change.message } });
      this.opts.onEncoderSwitch?.(change);
    } else {
      // A signal is its own explanation (something killed it); otherwise ask what FFmpeg printed.
      const cause = info.signal ? `FFmpeg was ended by ${info.signal}` : explainFailure(old.codec, info.stderr);
      this.opts.logger.log('warn', 'encoder restarted after it stopped on its own', { rendition: key, cause, code: info.code, signal: info.signal });
      this.opts.emit({
        type: 'notice',
        data: { level: 'warning', message: `${label} stopped unexpectedly (${cause}); it was restarted and the destinations stay live.` },
      });
    }
    return true;
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** Ends a running output because nothing is left to send (idle) or something broke (failed). */
  private async end(next: 'idle' | 'failed', error?: StudioError): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'stopping';
    this.pump?.stop();
    this.canvasPumps?.stop();
    const rec = this.recording;
    const rb = this.replay;
    this.recording = null;
    this.replay = null;
    if (next === 'idle') {
      if (this.current !== 'idle' && this.current !== 'failed') this.setAggregate('stopping');
      await Promise.all([...this.encoders.values()].map((e) => e.stop()));
      await Promise.all([rec?.stop(), rb?.stop()]);
    } else {
      const why = error ?? { code: Status.ActionFailed, message: 'The encoder failed.' };
      if (rec) {
        // The encoder is gone, so nothing more will come: finish the file cleanly rather than kill it.
        await rec.stop();
        this.opts.onRecordingEnded?.(why);
      }
      if (rb) {
        await rb.stop();
        this.opts.onReplayEnded?.(why);
      }
      // Nothing is sent any more: kill at once, and only then say failed, so no FFmpeg outlives the news.
      const cause = error ?? { code: Status.ActionFailed, message: 'The stream failed.' };
      const runners = [...this.dests.values()].map((d) => d.runner).filter((r) => r.active());
      await Promise.all([...runners.map((r) => r.fail(cause)), ...[...this.encoders.values()].map((e) => e.dispose())]);
    }
    this.finish(next, error);
  }

  /** The run is over: one last stats event with the final counters, then the new state. */
  private finish(next: 'idle' | 'failed', error?: StudioError): void {
    const last = this.stats();
    const dests = this.destinationStats();
    this.teardown();
    this.phase = next;
    this.setAggregate(next, error);
    if (dests.length > 0) this.opts.emit({ type: 'destination.stats', data: { stats: dests.map((s) => ({ ...s, bitrateKbps: 0 })) } });
    this.opts.emit({ type: 'stream.stats', data: { stats: { ...last, state: next, fps: 0, bitrateKbps: 0, encoderSpeed: 0 } } });
  }

  /** Stops the pump and timers and forgets the encoders (which have exited or are being disposed). */
  private teardown(): void {
    if (this.pump) this.opts.onMainEncoding?.(null);
    if (this.statsTimer) this.opts.clock.clearInterval(this.statsTimer);
    this.statsTimer = null;
    this.pump?.dispose();
    this.pump = null;
    this.canvasPumps?.dispose();
    this.canvasPumps = null;
    this.encoders.clear();
    this.timelineBase.clear();
    this.video = null;
    this.liveSince = null;
  }

  /** Destinations of the previous run (kept until now so their final state stays readable). */
  private async forgetDestinations(): Promise<void> {
    const old = [...this.dests.values()].map((d) => d.runner);
    this.dests.clear();
    await Promise.all(old.map((r) => r.dispose()));
  }

  private reset(): void {
    this.restarts = [];
    this.encodedBefore = { frames: 0, dropped: 0 };
    this.liveSince = null;
    this.skippedBeforeStart = null;
    this.lastError = null;
  }

  private emitStats(): void {
    this.cpuPercent = this.opts.cpuPercent?.() ?? 0;
    // An encoding a pusher moved away from is stopped once nobody reads it.
    if (this.phase === 'running') this.releaseEncoders();
    // Destinations first: a listener that builds one picture of the second (the stats monitor)
    // then has everything when the stream's numbers arrive.
    if (this.dests.size > 0) this.opts.emit({ type: 'destination.stats', data: { stats: this.destinationStats() } });
    this.opts.emit({ type: 'stream.stats', data: { stats: this.stats() } });
  }

  private setAggregate(next: DestinationState, error?: StudioError): void {
    if (this.current === next && !error) return;
    if (next === 'live' && this.liveSince === null) this.liveSince = this.opts.clock.now();
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

/**
 * A frame's stamp for the pump's A/V alignment (renderer ms). 0 means "not stamped" (tools and
 * tests that feed frames by hand); a page's performance.now() is never exactly 0 once it runs.
 */
function stampOf(captureMs: number): number {
  return Number.isFinite(captureMs) && captureMs > 0 ? captureMs : NaN;
}

/** Whether two plans would run the same encoder (same size, rate and encoder settings). */
function samePlan(a: RenditionPlan, b: RenditionPlan): boolean {
  return a.key === b.key && JSON.stringify(a.video) === JSON.stringify(b.video) && JSON.stringify(a.encoder) === JSON.stringify(b.encoder);
}
