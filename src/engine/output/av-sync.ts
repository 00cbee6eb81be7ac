/**
 * Keeps the program's sound on its pictures for as long as the show runs. The renderer's audio
 * clock (the sound card's, or the browser's fake one) and the engine's frame clock are different
 * clocks: the FramePump takes exactly 48000/fps samples per frame, so a renderer whose audio runs
 * 100 ppm fast piles up 360 ms of sound an hour (which the old FIFO trimmed in 100 ms cuts), one
 * 100 ppm slow runs dry. The pump feeds this controller its FIFO's depth each slot (as an error:
 * more sound waiting = the sound further behind), and the controller says what the slot takes:
 *
 * - the first 2 s set the error to hold; where the renderer stamps both halves, the sound is first
 *   moved onto its picture by their stamps (the first seconds' depth says only how the two paths
 *   happened to start: a camera and its microphone stayed 50–60 ms apart for a whole stream), and
 *   from then on the depth held follows what the stamps say, slowly; without stamps the paths' own
 *   alignment is held; errors are the median of the last 2 s, so bursts move nothing;
 * - a small departure is resampled away: the slot takes a few samples more or fewer from the FIFO
 *   and stretches them to its exact length, at most 0.2 % (2 ms a second; clocks differ by
 *   ~0.01 %). A proportional correction spread over 2 s leaves drift · 2 s (0.2 ms at 100 ppm)
 *   however long the show runs;
 * - a large one lasting the whole window is removed at once (silence inserted or sound discarded).
 */
import { AUDIO_CHANNELS } from '../../shared';

/** Departures beyond this, lasting a whole window, are removed at once. */
export const SYNC_JUMP_MS = 200;
/** A start whose stamps put the sound this close to its picture is left as it is. */
const ALIGN_MIN_MS = 5;
/** Stamps further apart than this at the start are not trusted to align by (a renderer starting up). */
const ALIGN_MAX_MS = 500;
/** The error is the median of the measures of the last WINDOW_S seconds... */
const WINDOW_S = 2;
/** ...once there are at least this many. */
const MIN_MEASURES = 5;
/** Seconds over which a small error is resampled away. */
const SETTLE_S = 2;
/** The most a slot is stretched or squeezed by resampling. */
const MAX_STRETCH = 0.002;

export interface SlotPlan {
  /** Samples of silence to write before this slot's sound (> 0), or samples to discard first (< 0). */
  jump: number;
  /** Samples to take from the FIFO for this slot (stretched or squeezed to the slot's length). */
  take: number;
}

export class AvSyncController {
  /** The latest errors measured (ms), oldest first. */
  private readonly window: number[] = [];
  private median: number | null = null;
  /** The error held (ms): the first window's median. */
  private setpoint: number | null = null;
  private sinceJump = 0;
  private frac = 0;
  private readonly samplesPerMs: number;
  private readonly settleSlots: number;
  private readonly windowSize: number;
  /** Net samples taken beyond the slots' lengths by resampling (> 0: the audio clock ran fast). */
  resampled = 0;
  /** Samples that the slots asked for (the engine's clock, in samples). */
  slotSamples = 0;
  /** Large errors removed at once. */
  jumps = 0;

  constructor(opts: { sampleRate: number; slotsPerSecond: number }) {
    this.samplesPerMs = opts.sampleRate / 1000;
    this.settleSlots = SETTLE_S * opts.slotsPerSecond;
    this.windowSize = Math.max(5, Math.round(WINDOW_S * opts.slotsPerSecond));
  }

  /** The error, ms (audio stamp − picture stamp; > 0: the sound is ahead): the window's median, or null before any. */
  get errorMs(): number | null {
    return this.median;
  }

  /** Correction rate since the start, in ppm of the engine's clock (> 0: audio clock fast). */
  get driftPpm(): number {
    return this.slotSamples > 0 ? (this.resampled / this.slotSamples) * 1e6 : 0;
  }

  /**
   * The held error moves by `ms`: the sound was moved on purpose (silence padded for an underrun
   * adds that much reserve; a trim removes some), and the correction must not undo it.
   */
  shift(ms: number): void {
    if (this.setpoint !== null) this.setpoint += ms;
    for (let i = 0; i < this.window.length; i++) this.window[i]! += ms;
    if (this.median !== null) this.median += ms;
  }

  /** Forget the error (the output restarted). */
  reset(): void {
    this.window.length = 0;
    this.median = null;
    this.setpoint = null;
    this.frac = 0;
  }

  /**
   * One slot of `samples` samples. errorMs: how far the audio FIFO's head is ahead of the picture
   * written with this slot, or null when this slot's picture says nothing (a repeat for a late
   * renderer, a slot the encoder had no room for). stampErrorMs: where the renderer's stamps put the
   * sound written against its picture (sound stamp − picture stamp, the median of the last 2 s; > 0:
   * the sound is early), or null without stamps: it aligns the start.
   */
  plan(errorMs: number | null, samples: number, stampErrorMs: number | null = null): SlotPlan {
    this.slotSamples += samples;
    this.sinceJump++;
    if (errorMs !== null && Number.isFinite(errorMs)) {
      this.window.push(errorMs);
      if (this.window.length > this.windowSize) this.window.shift();
      if (this.window.length >= MIN_MEASURES) this.median = medianOf(this.window);
    }
    const m = this.median;
    if (m === null) return { jump: 0, take: samples };
    // The first full window sets where the sound stays against the picture (the paths' own
    // alignment, measured end to end within a frame); from then on only departures from it count.
    if (this.setpoint === null) {
      if (this.window.length < this.windowSize) return { jump: 0, take: samples };
      this.setpoint = m;
      const e = stampErrorMs;
      if (e !== null && Number.isFinite(e) && Math.abs(e) >= ALIGN_MIN_MS && Math.abs(e) <= ALIGN_MAX_MS) {
        // Early sound waits (silence first: more sound waiting, a lower error), late sound is
        // skipped; the depth that results is the one held from here on.
        this.setpoint = m - e;
        this.window.length = 0;
        this.median = this.setpoint;
        this.sinceJump = 0;
        this.frac = 0;
        return { jump: Math.round(e * this.samplesPerMs), take: samples };
      }
    }
    // From then on the depth held follows the stamps, slowly: the depth at which they would agree
    // (now − what they say) moves the setpoint when it is more than ALIGN_MIN_MS away, so a path that
    // was still starting up when the start was aligned is made good by resampling, not by a jump.
    const e = stampErrorMs;
    if (e !== null && Number.isFinite(e) && Math.abs(e) <= ALIGN_MAX_MS) {
      const gap = m - e - this.setpoint;
      if (Math.abs(gap) > ALIGN_MIN_MS) this.setpoint += gap / this.windowSize;
    }
    const off = m - this.setpoint;
    // Only a lasting, large departure (a stall, a new renderer) jumps: the window's median beyond it.
    if (Math.abs(off) > SYNC_JUMP_MS && this.sinceJump >= this.windowSize) {
      const jump = Math.round(off * this.samplesPerMs);
      this.jumps++;
      this.sinceJump = 0;
      this.window.length = 0;
      this.median = this.setpoint;
      this.frac = 0;
      return { jump, take: samples };
    }
    // Sound ahead (off > 0): take fewer samples, so the head moves back toward the picture.
    const max = samples * MAX_STRETCH;
    this.frac += Math.max(-max, Math.min(max, (off * this.samplesPerMs) / this.settleSlots));
    const whole = Math.trunc(this.frac);
    this.frac -= whole;
    this.resampled -= whole;
    return { jump: 0, take: samples - whole };
  }
}

function medianOf(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}

/**
 * Stretches interleaved s16 of `channels` channels (stereo, or the six tracks' twelve: each
 * channel alike, so the tracks stay aligned) from `from` sample frames to `to` frames by linear
 * interpolation (the last input frame is held at the end).
 */
export function stretchS16(input: Uint8Array, from: number, to: number, channels: number = AUDIO_CHANNELS): Uint8Array {
  const out = new Uint8Array(to * 2 * channels);
  if (from <= 0) return out;
  const src = new Int16Array(input.buffer, input.byteOffset, from * channels);
  const dst = new Int16Array(out.buffer);
  if (from === to) {
    dst.set(src);
    return out;
  }
  const step = to > 1 ? (from - 1) / (to - 1) : 0;
  for (let i = 0; i < to; i++) {
    const pos = i * step;
    const k = Math.min(from - 1, Math.floor(pos));
    const f = pos - k;
    const k1 = Math.min(from - 1, k + 1);
    for (let c = 0; c < channels; c++) {
      const a = src[k * channels + c]!;
      const b = src[k1 * channels + c]!;
      dst[i * channels + c] = Math.round(a + (b - a) * f);
    }
  }
  return out;
}
