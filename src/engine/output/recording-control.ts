/**
 * The studio's recording: record.start / record.stop / record.status, between the document's
 * recording settings and the StreamOutput (which runs the encoders for it, alongside a stream or on
 * its own). The Recorder (./recording) copies the main encoding (or an extra canvas's, chosen by
 * RecordingSettings.canvas) into an MKV or fragmented MP4 that stays playable if anything is
 * killed; this module names the file, refuses to start on a nearly full disk (or on a canvas that is
 * off), tells the user what happens (record.state every second, record.saved at the end) and
 * remuxes to MP4 when asked. A recording that ends on its own (disk full) never stops the stream.
 */
import path from 'node:path';
import {
  IDLE_RECORD_STATUS,
  MAIN_CANVAS,
  Status,
  fail,
  ok,
  type EncoderSettings,
  type RecordStatus,
  type Result,
  type StudioDocument,
  type StudioError,
  type StudioEvent,
  type VideoSettings,
} from '../../shared';
import type { Clock, Logger, TimerHandle } from '../api';
import type { EncoderName } from './encoders/catalog';
import { MB, checkFreeSpace } from './recording/disk-space';
import { recordingPath } from './recording/file-name';
import { Recorder, recorderBufferBytes } from './recording/recorder';
import { remuxToMp4 } from './recording/remux';
import type { StreamOutput } from './stream-output';
import { outputCanvases } from './canvas-plan';

/**
 * The extra canvas the recording writes (undefined: the main one). One that is off or gone cannot
 * be recorded: its encoding has no pictures (as a destination on it fails, canvas-plan.ts).
 */
export function recordedCanvas(doc: StudioDocument): Result<string | undefined> {
  const id = doc.output.recording.canvas;
  if (id === undefined || id === MAIN_CANVAS) return ok(undefined);
  const c = doc.canvases?.find((x) => x.id === id);
  if (!c) {
    const known = [MAIN_CANVAS, ...(doc.canvases ?? []).map((x) => x.id)].join(', ');
    return fail(Status.ResourceNotFound, `The recording's canvas "${id}" is not in this scene collection (the canvases are ${known}): choose another in Settings → Output → Recording.`, 'canvas');
  }
  if (!c.enabled) {
    return fail(Status.InvalidResourceState, `The recording's canvas "${c.name}" is off: turn it on in Settings → Video → Vertical canvas, or record the main canvas.`, 'canvas');
  }
  return ok(id);
}

export interface RecordingControlOptions {
  output: StreamOutput;
  document(): StudioDocument;
  dataDir: string;
  /** What the encoders need when the recording is the first to start them. */
  pipeline(): Promise<Result<{ ffmpegPath: string; video: VideoSettings; encoder: EncoderSettings; codec: EncoderName }>>;
  emit(event: StudioEvent): void;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  clock: Clock;
  logger: Logger;
  /** Free-space reading for the recorder's watchdog (tests fill a disk this way). */
  freeBytes?: (dir: string) => Promise<number | null>;
}

const STATUS_INTERVAL_MS = 1000;

export class RecordingControl {
  private current: RecordStatus = IDLE_RECORD_STATUS;
  private recorder: Recorder | null = null;
  private ffmpegPath = '';
  private timer: TimerHandle | null = null;
  /** The saving of the last recording (stop, remux), so a new start or dispose can wait for it. */
  private saving: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RecordingControlOptions) {}

  status(): RecordStatus {
    const r = this.recorder;
    return r && this.current.state === 'recording' ? { ...this.current, ...r.status() } : this.current;
  }

  active(): boolean {
    return this.current.state === 'starting' || this.current.state === 'recording' || this.current.state === 'stopping';
  }

  async start(): Promise<Result<{ path: string }>> {
    if (this.active()) return fail(Status.OutputRunning, 'The recording is already running.');
    await this.saving;
    const doc = this.opts.document();
    const settings = doc.output.recording;
    const canvas = recordedCanvas(doc);
    if (!canvas.ok) return this.refuse(canvas.error);
    const file = await recordingPath(settings, this.opts.dataDir, new Date());
    if (!file.ok) return this.refuse(file.error);
    const minFree = settings.minFreeMb * MB;
    const space = await checkFreeSpace(path.dirname(file.value), minFree);
    if (!space.ok) return this.refuse(space.error);
    const pipeline = await this.opts.pipeline();
    if (!pipeline.ok) return this.refuse(pipeline.error);
    this.ffmpegPath = pipeline.value.ffmpegPath;
    // The status names the canvas, so the renderer composes it (compositor/canvas-output.ts).
    this.set({ ...IDLE_RECORD_STATUS, state: 'starting', path: file.value, freeBytes: space.value, ...(canvas.value && { canvas: canvas.value }) });
    let made: Recorder | null = null;
    const params = { ...pipeline.value, destinations: [], canvases: outputCanvases(doc) };
    const started = await this.opts.output.startRecording(params, (fanOut) => {
      const rec = new Recorder({
        ffmpegPath: pipeline.value.ffmpegPath,
        fanOut,
        path: file.value,
        format: settings.format,
        tracks: settings.tracks ?? [1],
        minFreeBytes: minFree,
        maxBufferBytes: recorderBufferBytes(pipeline.value.encoder),
        clock: this.opts.clock,
        logger: this.opts.logger,
        ...(this.opts.freeBytes ? { freeBytes: this.opts.freeBytes } : {}),
        onEnd: (why) => this.endedOnItsOwn(rec, why),
      });
      const s = rec.start();
      if (!s.ok) return s;
      made = rec;
      return ok(rec);
    }, canvas.value);
    if (!started.ok || !made) {
      const error = started.ok ? { code: Status.ActionFailed, message: 'The recorder did not start.' } : started.error;
      this.set({ ...this.current, state: 'failed', error: error.message });
      return { ok: false, error };
    }
    this.recorder = made;
    this.set({ ...this.current, state: 'recording' });
    this.timer = this.opts.clock.setInterval(() => this.opts.emit({ type: 'record.state', data: this.status() }), STATUS_INTERVAL_MS);
    this.opts.logger.log('info', 'recording started', { path: file.value, format: settings.format, canvas: canvas.value ?? MAIN_CANVAS });
    return ok({ path: file.value });
  }

  async stop(): Promise<Result<{ path: string; remuxedPath: string | null }>> {
    const rec = this.recorder;
    if (!rec || this.current.state !== 'recording') return fail(Status.OutputNotRunning, 'The recording is not running.');
    this.set({ ...this.status(), state: 'stopping' });
    const stopped = await this.opts.output.stopRecording();
    if (!stopped.ok && this.recorder === rec) await rec.stop();
    const done = this.finish(rec, null);
    this.saving = done;
    return done;
  }

  /**
   * The output ended the recording (its encoders failed, or it is shutting down): the recorder has
   * been stopped; record what was saved.
   */
  outputEnded(error: StudioError): void {
    const rec = this.recorder;
    if (!rec) return;
    this.opts.notify('error', `Recording stopped: ${error.message} The file is saved up to that point.`);
    this.saving = this.finish(rec, error.message);
  }

  /** Finishes a running recording cleanly (the app is closing), then clears timers. */
  async dispose(): Promise<void> {
    if (this.current.state === 'recording') await this.stop();
    this.stopTimer();
    await this.saving;
    await this.recorder?.dispose();
    this.recorder = null;
  }

  /** Disk full or its FFmpeg died: the stream (if any) goes on; the file is kept and reported. */
  private endedOnItsOwn(rec: Recorder, why: StudioError): void {
    if (this.recorder !== rec) return;
    this.opts.output.recordingEnded();
    this.opts.notify('error', why.message);
    this.saving = this.finish(rec, why.message);
  }

  private async finish(rec: Recorder, error: string | null): Promise<Result<{ path: string; remuxedPath: string | null }>> {
    this.stopTimer();
    const last = { ...this.current, ...rec.status() };
    this.recorder = null;
    const file = last.path ?? '';
    let remuxedPath: string | null = null;
    // Fragmented MP4 is remuxed too: a plain MP4 suits editors that handle fragments badly.
    if (this.opts.document().output.recording.remuxToMp4) {
      const remuxed = await remuxToMp4(this.ffmpegPath, file, { clock: this.opts.clock, logger: this.opts.logger });
      if (remuxed.ok) remuxedPath = remuxed.value;
      else this.opts.notify('warning', `The recording was saved as ${file}, but the MP4 copy failed: ${remuxed.error.message}`);
    }
    this.set({ ...last, state: error ? 'failed' : 'idle', error });
    this.opts.emit({ type: 'record.saved', data: { path: file, remuxedPath, bytes: last.bytes, durationMs: last.durationMs } });
    this.opts.logger.log('info', 'recording saved', { path: file, remuxedPath, bytes: last.bytes, durationMs: last.durationMs });
    return ok({ path: file, remuxedPath });
  }

  /** A start that cannot happen: the caller shows the reason (the UI beside its button, remote tools in their reply). */
  private refuse(error: StudioError): Result<never> {
    this.opts.logger.log('warn', 'recording refused', { why: error.message });
    return { ok: false, error };
  }

  private stopTimer(): void {
    if (this.timer) this.opts.clock.clearInterval(this.timer);
    this.timer = null;
  }

  private set(next: RecordStatus): void {
    this.current = next;
    this.opts.emit({ type: 'record.state', data: this.status() });
  }
}
