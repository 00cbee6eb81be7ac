/**
 * The output clock. FFmpeg stamps raw input by counting (frame n is at n/fps, sample m at m/48000),
 * so the only way to keep the stream's timeline equal to real time and audio in sync with video is
 * to write exactly one video frame per tick of the engine's clock, and with each frame exactly the
 * samples that cover it. The renderer's frames only decide what each tick shows:
 *
 * - a small jitter buffer (oldest dropped) absorbs uneven arrival; an empty buffer repeats the last
 *   frame (lagged), and before the first frame arrives the pump writes black;
 * - when FFmpeg has not yet read the frames already written (pipe backpressure), the tick writes
 *   nothing (skipped) but owes its slot; owed slots are repaid with repeats once the pipe drains, at
 *   most one extra per tick, so bursts of encoder lag do not shorten the timeline;
 * - audio is slaved to video: a FIFO fed by the renderer, padded with silence when short and
 *   trimmed when it runs ahead. Each tick writes exactly the samples of its slot;
 * - the audio clock's drift against the frame clock is resampled away: the FIFO's depth is held
 *   where the first two seconds put it, or, where the renderer stamps both halves, where the stamps
 *   put the sound on its picture (AvSyncController, ./av-sync.ts), so over an hour the sound
 *   neither falls behind nor runs ahead and is never trimmed or padded for drift;
 * - when the renderer stamps its frames and chunks (captureMs, its own clock), each pair the main
 *   encoder gets (picture + the sound written with it) is measured: the median of the last 2 s is
 *   the output's A/V offset (avOffsetMs, in the stats and GetStats).
 *
 * Several encoders can read the same frames (one per rendition): each is a sink with its own pipe
 * room, its own owed slots and its own queue of per-slot audio, so a slow rendition encoder never
 * holds back the main one, and each encoder's timeline still gets one frame (with its samples) per tick.
 * The first sink (the constructor's) is the main one; counters() reports its numbers.
 *
 * Each frame accepted into the buffer is acknowledged when it leaves it (written or dropped), so the
 * renderer's flow control (frames in flight) follows the pump's pace.
 */
import type { Writable } from 'node:stream';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, nv12Bytes } from '../../shared';
import type { Clock, TimerHandle } from '../api';
import { AvSyncController, stretchS16 } from './av-sync';

export interface PumpSink {
  video: Writable;
  audio: Writable;
}

export interface FramePumpOptions {
  clock: Clock;
  width: number;
  height: number;
  fpsNumerator: number;
  fpsDenominator: number;
  sink: PumpSink;
  /** Frames the jitter buffer holds before dropping the oldest; default 3. */
  bufferFrames?: number;
  /** A tick writes only while fewer than this many frames wait unread in the video pipe; default 2. */
  maxPendingFrames?: number;
  /** The audio FIFO is trimmed when it holds more than this; default 200 ms. */
  audioMaxMs?: number;
  /** At most this many slots are owed; beyond it the timeline gives way (counted as skipped); default 1 s of frames. */
  maxOwed?: number;
  /**
   * How long the program's pictures wait before they are written, ms (read each tick): the lead
   * that negative sync offsets need (src/shared/sync-lead.ts), since the sound is delayed by it.
   */
  videoDelayMs?: () => number;
  /**
   * Interleaved channels of the sound pushed and written: 2 (stereo) by default, or the six
   * tracks' AUDIO_WIRE_CHANNELS. Every slot moves all of them together, so the tracks stay aligned.
   */
  channels?: number;
}

export interface PumpCounters {
  /** Frames written to the main FFmpeg: fresh, repeated or repaid. */
  framesSent: number;
  /** Ticks with no fresh frame from the renderer (a repeat was written). */
  lagged: number;
  /** Frames the renderer sent as "unchanged" (VideoFormat.Repeat): the last picture, on time. */
  unchanged: number;
  /** Freshly composited frames written (NV12 from the renderer, not repeats of any kind). */
  fresh: number;
  /** Ticks at which the video pipe had no room, so nothing was written then. */
  skipped: number;
  /** Slots still owed to the timeline (repaid when the pipe drains). */
  owed: number;
  /** Frames the jitter buffer dropped because newer ones arrived. */
  dropped: number;
  /** Frames for which the audio FIFO had too few samples (padded with silence). */
  audioUnderruns: number;
  /** Times the audio FIFO ran more than audioMaxMs ahead and was cut back. */
  audioTrimmed: number;
}

export interface PumpSync {
  /** Sound minus picture of what is written now, ms (> 0: sound late), smoothed; null without stamps. */
  avOffsetMs: number | null;
  /** Resampling applied to keep the sound on the picture, ppm of the frame clock (> 0: audio clock fast). */
  audioDriftPpm: number;
  /** Large A/V errors removed at once (silence inserted or sound discarded). */
  syncJumps: number;
}

interface Pending {
  /** null: the renderer said the picture is unchanged (the last frame again). */
  frame: Uint8Array | null;
  sequence: number;
  /** The renderer's stamp of this picture (ms, its clock); NaN when not stamped. */
  captureMs: number;
  ack: (sequence: number) => void;
}

/** One encoder's pipes and where its timeline stands. */
interface SinkState {
  sink: PumpSink;
  framesSent: number;
  skipped: number;
  owed: number;
  /** Audio of the slots not yet written (owed ones, then the current one): one chunk per slot. */
  audio: SlotAudio[];
}

/** One slot's sound and the stamp of its first sample (renderer ms; NaN when not stamped). */
interface SlotAudio {
  pcm: Uint8Array;
  stamp: number;
}

export interface SinkCounters {
  framesSent: number;
  skipped: number;
  owed: number;
}

/** Ticks processed per wakeup when the event loop fell behind; the rest follow on the next turn. */
const MAX_TICKS_PER_WAKE = 8;
/** Falling further behind than this (a suspended machine) jumps the schedule instead of bursting. */
const MAX_BEHIND_MS = 1000;
/** Audio pipe room: more unread than this also counts as backpressure. */
const AUDIO_PENDING_MS = 500;
export const MAIN_SINK = 'main';

export class FramePump {
  private readonly frameBytes: number;
  /** Bytes of one sample frame (every channel). */
  private readonly sampleBytes: number;
  private readonly periodMs: number;
  private readonly black: Uint8Array;
  private readonly buffer: Pending[] = [];
  /** Pictures held back by videoDelayMs (already acknowledged), each with when it may go on. */
  private readonly delayed: { p: Pending; due: number }[] = [];
  private readonly sinks = new Map<string, SinkState>();
  private last: Uint8Array | null = null;
  private started = false;
  private timer: TimerHandle | null = null;
  private origin = 0;
  private tickIndex = 0;
  /** Slots whose audio has been taken from the FIFO (the sample count of slot k depends on k). */
  private slots = 0;
  private audio: Uint8Array[] = [];
  /** Stamp of each FIFO chunk's first sample (renderer ms), NaN when not stamped. */
  private audioStamps: number[] = [];
  private audioOffset = 0;
  /** Silence (samples) still to be written before the FIFO's sound: a jump not yet done. */
  private silenceOwed = 0;
  /** The stamp of the picture nextFrame() chose this tick: NaN for a repeat of a late renderer's. */
  private pictureStamp = NaN;
  /** Sound stamp − picture stamp of the last pair the main encoder got with a sent picture, ms; NaN once used. */
  private measured = NaN;
  /** The last 2 s of those measures (their median is the output's A/V offset). */
  private readonly pairs: number[] = [];
  /** The picture delay the pairs were measured under (videoDelayMs). */
  private heldMs = 0;
  private readonly pairWindow: number;
  private readonly sync: AvSyncController;
  private audioBytes = 0;
  private audioSeen = false;
  private readonly c = { lagged: 0, unchanged: 0, fresh: 0, dropped: 0, audioUnderruns: 0, audioTrimmed: 0 };

  constructor(private readonly opts: FramePumpOptions) {
    this.frameBytes = nv12Bytes(opts.width, opts.height);
    this.sampleBytes = 2 * (opts.channels ?? AUDIO_CHANNELS);
    this.periodMs = (1000 * opts.fpsDenominator) / opts.fpsNumerator;
    this.black = blackNv12(opts.width, opts.height);
    this.sync = new AvSyncController({ sampleRate: AUDIO_SAMPLE_RATE, slotsPerSecond: opts.fpsNumerator / opts.fpsDenominator });
    this.pairWindow = Math.max(5, Math.round((2 * opts.fpsNumerator) / opts.fpsDenominator));
    this.addSink(MAIN_SINK, opts.sink);
  }

  /** Bytes of one NV12 frame this pump expects. */
  get expectedFrameBytes(): number {
    return this.frameBytes;
  }

  /** The main sink's timeline plus the shared counters. */
  counters(): PumpCounters {
    const main = this.sinkCounters(MAIN_SINK) ?? { framesSent: 0, skipped: 0, owed: 0 };
    return { ...main, ...this.c };
  }

  /** Where the sound stands against the picture (from the renderer's stamps). */
  syncStats(): PumpSync {
    // Sound stamp − picture stamp > 0: the sound written is newer than its picture (early).
    const e = this.pairs.length >= 5 ? medianOf(this.pairs) : null;
    return { avOffsetMs: e === null ? null : Math.round(-e * 10) / 10, audioDriftPpm: this.sync.driftPpm, syncJumps: this.sync.jumps };
  }

  sinkCounters(id: string): SinkCounters | null {
    const s = this.sinks.get(id);
    return s ? { framesSent: s.framesSent, skipped: s.skipped, owed: s.owed } : null;
  }

  /** Another encoder reading the same frames from the next tick on (a rendition started while live). */
  addSink(id: string, sink: PumpSink): void {
    this.sinks.set(id, { sink, framesSent: 0, skipped: 0, owed: 0, audio: [] });
  }

  /**
   * A restarted encoder takes over a sink's place (the main one included): its counters go on,
   * what the old pipes still owed is forgotten (those pipes are gone).
   */
  replaceSink(id: string, sink: PumpSink): void {
    const s = this.sinks.get(id);
    if (!s) return this.addSink(id, sink);
    s.sink = sink;
    s.owed = 0;
    s.audio = [];
  }

  removeSink(id: string): void {
    if (id !== MAIN_SINK) this.sinks.delete(id);
  }

  /** Starts the clock; the first tick runs at once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.origin = this.opts.clock.now();
    this.tickIndex = 0;
    this.wake();
  }

  /** Stops the clock and acknowledges every buffered frame; nothing more is written. */
  stop(): void {
    this.started = false;
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const p of this.buffer.splice(0)) p.ack(p.sequence);
    this.delayed.length = 0;
    this.audio = [];
    this.audioStamps = [];
    this.audioBytes = 0;
    this.audioOffset = 0;
    this.silenceOwed = 0;
    this.measured = NaN;
    this.pairs.length = 0;
    this.sync.reset();
    for (const s of this.sinks.values()) s.audio = [];
  }

  dispose(): void {
    this.stop();
    this.last = null;
  }

  /** A frame from the renderer (NV12 payload of exactly expectedFrameBytes), stamped with its compose time. */
  pushVideo(frame: Uint8Array, sequence: number, ack: (sequence: number) => void, captureMs = NaN): void {
    if (!this.started || frame.byteLength !== this.frameBytes) {
      ack(sequence);
      return;
    }
    this.accept({ frame, sequence, ack, captureMs });
  }

  /**
   * Into the jitter buffer, or first into the delay line while pictures are held back. Held ones
   * are acknowledged at once: the renderer's flow control counts frames in flight, not in the line.
   */
  private accept(p: Pending): void {
    const delay = this.opts.videoDelayMs?.() ?? 0;
    if (delay > 0) {
      p.ack(p.sequence);
      this.delayed.push({ p: { ...p, ack: () => {} }, due: this.opts.clock.now() + delay });
      return;
    }
    this.enqueue(p);
  }

  private enqueue(p: Pending): void {
    this.buffer.push(p);
    while (this.buffer.length > (this.opts.bufferFrames ?? 3)) {
      const old = this.buffer.shift()!;
      this.c.dropped++;
      // The repeats after a dropped picture mean that picture, not the one written before it: a
      // renderer whose readback is slow sends a new picture and the repeats queued behind it at once.
      if (old.frame) this.last = old.frame;
      old.ack(old.sequence);
    }
  }

  /** The renderer's "same picture as its previous frame" for this slot (no payload). */
  pushRepeat(sequence: number, ack: (sequence: number) => void, captureMs = NaN): void {
    if (!this.started) {
      ack(sequence);
      return;
    }
    this.accept({ frame: null, sequence, ack, captureMs });
  }

  /** Interleaved s16le (`channels` of them) from the renderer; whole sample frames only; captureMs: its first sample's stamp. */
  pushAudio(pcm: Uint8Array, captureMs = NaN): void {
    if (!this.started || pcm.byteLength === 0) return;
    this.audioSeen = true;
    this.audio.push(pcm.byteLength % this.sampleBytes ? pcm.subarray(0, pcm.byteLength - (pcm.byteLength % this.sampleBytes)) : pcm);
    this.audioStamps.push(captureMs);
    this.audioBytes += pcm.byteLength - (pcm.byteLength % this.sampleBytes);
    const limitMs = this.opts.audioMaxMs ?? 200;
    if (this.audioBytes > this.msToBytes(limitMs)) {
      // Cut back to half the limit, not to the limit, so a slightly fast source does not trim every push.
      const cut = this.audioBytes - this.msToBytes(limitMs / 2);
      this.discardAudio(cut);
      this.sync.shift(this.bytesToMs(cut));
      this.c.audioTrimmed++;
    }
  }

  private wake(): void {
    this.timer = null;
    if (!this.started) return;
    const clock = this.opts.clock;
    let now = clock.now();
    const behind = now - this.dueAt(this.tickIndex);
    if (behind > MAX_BEHIND_MS) {
      // The process was frozen: the missed slots are gone, not owed.
      const missed = Math.floor(behind / this.periodMs);
      for (const s of this.sinks.values()) s.skipped += missed;
      this.tickIndex += missed;
    }
    for (let n = 0; n < MAX_TICKS_PER_WAKE && this.started && now >= this.dueAt(this.tickIndex); n++) {
      this.tick();
      this.tickIndex++;
    }
    if (!this.started) return;
    now = clock.now();
    this.timer = clock.setTimeout(() => this.wake(), Math.max(0, this.dueAt(this.tickIndex) - now));
  }

  /** Scheduled from the origin each time, so fractional rates (30000/1001) never drift. */
  private dueAt(index: number): number {
    return this.origin + (index * 1000 * this.opts.fpsDenominator) / this.opts.fpsNumerator;
  }

  private tick(): void {
    // Held-back pictures whose time has come (all of them once no delay is asked for).
    if (this.delayed.length > 0) {
      const now = (this.opts.videoDelayMs?.() ?? 0) > 0 ? this.opts.clock.now() : Infinity;
      while (this.delayed.length > 0 && this.delayed[0]!.due <= now) this.enqueue(this.delayed.shift()!.p);
    }
    // The slot's samples leave the FIFO every tick: audio keeps real time even when no encoder has room.
    const chunk = this.slotAudio(this.samplesOfSlot(this.slots++));
    let frame: Uint8Array | null = null;
    for (const s of this.sinks.values()) {
      s.audio.push(chunk);
      if (!this.hasRoom(s.sink)) {
        s.skipped++;
        const maxOwed = this.opts.maxOwed ?? Math.ceil(this.opts.fpsNumerator / this.opts.fpsDenominator);
        if (s.owed < maxOwed) s.owed++;
        else s.audio.shift(); // the timeline gives way: the oldest slot is lost, video and audio together
        continue;
      }
      // The frame for this tick is chosen once, by the first sink with room, and shared by the rest.
      frame ??= this.nextFrame();
      this.write(s, frame, this.pictureStamp);
      if (s.owed > 0 && this.hasRoom(s.sink)) {
        this.write(s, frame, NaN);
        s.owed--;
      }
    }
  }

  /** The renderer's next frame, or a repeat of the last (lagged), or black before the first one. */
  private nextFrame(): Uint8Array {
    const next = this.buffer.shift();
    this.pictureStamp = next ? next.captureMs : NaN;
    if (next) {
      next.ack(next.sequence);
      if (next.frame === null) {
        this.c.unchanged++;
        return this.last ?? this.black;
      }
      this.last = next.frame;
      this.c.fresh++;
      return next.frame;
    }
    if (this.last) this.c.lagged++;
    return this.last ?? this.black;
  }

  private hasRoom(sink: PumpSink): boolean {
    const { video, audio } = sink;
    if (!video.writable || !audio.writable) return false;
    return (
      video.writableLength < (this.opts.maxPendingFrames ?? 2) * this.frameBytes &&
      audio.writableLength < this.msToBytes(AUDIO_PENDING_MS)
    );
  }

  /** Writes one slot: the picture, and the oldest slot's sound this sink has not written yet. */
  private write(s: SinkState, frame: Uint8Array, pictureStamp: number): void {
    const audio = s.audio.shift();
    s.sink.video.write(frame);
    s.sink.audio.write(audio?.pcm ?? new Uint8Array(this.samplesOfSlot(0) * this.sampleBytes));
    s.framesSent++;
    // The A/V error is measured on what the main encoder really pairs: a picture the renderer sent
    // and the sound written with it (an owed slot's, when the encoder fell behind).
    if (s === this.sinks.get(MAIN_SINK) && audio) this.measured = audio.stamp - pictureStamp;
  }

  /** Samples up to the end of slot k, minus those up to its start: fractions never accumulate. */
  private samplesOfSlot(k: number): number {
    const { fpsNumerator: n, fpsDenominator: d } = this.opts;
    return Math.floor(((k + 1) * AUDIO_SAMPLE_RATE * d) / n) - Math.floor((k * AUDIO_SAMPLE_RATE * d) / n);
  }

  /** The stamp of the sample at the FIFO's head, NaN when unknown. */
  private headStamp(): number {
    if (this.audio.length === 0) return NaN;
    return this.audioStamps[0]! + (this.audioOffset / this.sampleBytes) * (1000 / AUDIO_SAMPLE_RATE);
  }

  /**
   * This slot's sound: exactly `samples` sample frames. With stamps on both sides, the sample at the
   * FIFO's head is brought to the picture's stamp first (see AvSyncController).
   */
  private slotAudio(samples: number): SlotAudio {
    const e = this.measured;
    this.measured = NaN;
    if (Number.isFinite(e)) {
      this.pairs.push(e);
      if (this.pairs.length > this.pairWindow) this.pairs.shift();
    }
    let take = samples;
    if (this.audioSeen && this.silenceOwed === 0) {
      // The FIFO's depth is what the audio clock's drift against the frame clock moves: it is held
      // where the first two seconds put it (more sound waiting = the sound behind: a negative error),
      // after the stamps, where there are any, have put the sound on its picture.
      // Pictures held back on purpose (a negative sync offset's lead) are not the sound early.
      const held = this.opts.videoDelayMs?.() ?? 0;
      if (held !== this.heldMs) {
        // Pairs from before the change would say the sound moved: the window starts again.
        this.heldMs = held;
        this.pairs.length = 0;
      }
      const stamps = this.pairs.length >= 5 ? medianOf(this.pairs) - held : null;
      const plan = this.sync.plan(-this.bytesToMs(this.audioBytes), samples, stamps);
      if (plan.jump < 0) this.discardAudio(-plan.jump * this.sampleBytes);
      else this.silenceOwed += plan.jump;
      take = plan.take;
    }
    const msPerSample = 1000 / AUDIO_SAMPLE_RATE;
    if (this.silenceOwed > 0) {
      const quiet = Math.min(samples, this.silenceOwed);
      this.silenceOwed -= quiet;
      // The sound after the silence is stamped where it is: the slot's first sample is `quiet` before it.
      const stamp = this.headStamp() - quiet * msPerSample;
      const pcm = new Uint8Array(samples * this.sampleBytes);
      if (quiet < samples) pcm.set(this.takeAudio((samples - quiet) * this.sampleBytes), quiet * this.sampleBytes);
      return { pcm, stamp };
    }
    const stamp = this.headStamp();
    if (take === samples || this.audioBytes < take * this.sampleBytes) return { pcm: this.takeAudio(samples * this.sampleBytes), stamp };
    return { pcm: stretchS16(this.takeAudio(take * this.sampleBytes), take, samples, this.sampleBytes / 2), stamp };
  }

  private takeAudio(bytes: number): Uint8Array {
    const out = new Uint8Array(bytes);
    let filled = 0;
    while (filled < bytes && this.audio.length > 0) {
      const head = this.audio[0]!;
      const take = Math.min(bytes - filled, head.byteLength - this.audioOffset);
      out.set(head.subarray(this.audioOffset, this.audioOffset + take), filled);
      filled += take;
      this.consume(take);
    }
    // The rest of `out` is already zero: silence. It delays the sound after it: the drift
    // correction keeps that reserve (error = -depth, so more depth is a lower error).
    if (filled < bytes && this.audioSeen) {
      this.c.audioUnderruns++;
      this.sync.shift(-this.bytesToMs(bytes - filled));
    }
    return out;
  }

  private discardAudio(bytes: number): void {
    let left = bytes - (bytes % this.sampleBytes);
    while (left > 0 && this.audio.length > 0) {
      const take = Math.min(left, this.audio[0]!.byteLength - this.audioOffset);
      this.consume(take);
      left -= take;
    }
  }

  private consume(bytes: number): void {
    this.audioOffset += bytes;
    this.audioBytes -= bytes;
    if (this.audioOffset >= this.audio[0]!.byteLength) {
      this.audio.shift();
      this.audioStamps.shift();
      this.audioOffset = 0;
    }
  }

  private bytesToMs(bytes: number): number {
    return bytes / this.sampleBytes / (AUDIO_SAMPLE_RATE / 1000);
  }

  private msToBytes(ms: number): number {
    return Math.round((ms * AUDIO_SAMPLE_RATE) / 1000) * this.sampleBytes;
  }
}

/** Black in BT.709 limited range: Y = 16, U = V = 128. */
export function blackNv12(width: number, height: number): Uint8Array {
  const frame = new Uint8Array(nv12Bytes(width, height));
  frame.fill(16, 0, width * height);
  frame.fill(128, width * height);
  return frame;
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}
