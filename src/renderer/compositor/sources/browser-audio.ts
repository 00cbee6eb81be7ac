/**
 * A browser source's sound in the renderer: chunks of s16le stereo 48 kHz (browser.audio) arrive in
 * bursts over the studio's link; each becomes an AudioBufferSourceNode scheduled back to back on the
 * AudioContext's clock, a jitter buffer of about 100 ms, into one node attached once to the input's
 * strip. The source's node stays attached while the runtime lives, so the strip, its meters and its
 * filters are there even while the page is silent (or its sound is off).
 */
import type { CaptureDelay } from './capture-delay';
import { playBuffer, stopNodes } from './play-buffer';
import { placeByStamp, TimedSchedule } from './timed-audio';
import type { SourceAudioPort } from './types';

export const PAGE_RATE = 48_000;
/** How far ahead a chunk is placed when sound (re)starts, at first: a late chunk of ~43 ms or two. */
export const JITTER_TARGET_S = 0.1;
/** Each underrun adds this to the target, up to JITTER_TARGET_MAX_S (a loaded machine's delivery jitter). */
export const JITTER_GROW_S = 0.05;
export const JITTER_TARGET_MAX_S = 0.4;
/** After this long without an underrun, the target shrinks by JITTER_GROW_S (it applies at the next start). */
export const JITTER_CALM_S = 20;
/** A backlog this far beyond the target (the page's clock runs ahead of ours, a burst after a stall) is trimmed. */
export const JITTER_HEADROOM_S = 0.3;
/** A chunk due sooner than this is too late to start cleanly: the schedule starts over at the target. */
const LATE_S = 0.005;
/** A run that ended longer ago than this was silence on the page, not an underrun. */
const SILENCE_S = 0.5;

/**
 * Where chunks go on the audio clock. Back to back while they come in time; after a gap the next
 * one starts the target ahead. A gap that is an underrun (the run ended less than 0.5 s ago: a chunk
 * came late) raises the target by 50 ms, up to 400 ms, and 20 s without one lowers it again, down to
 * 100 ms: an adaptive jitter buffer. A chunk that would end more than 300 ms beyond the target is
 * dropped, which trims the delay when the page's clock runs ahead of ours.
 */
export class JitterSchedule {
  private next = -Infinity;
  private target = JITTER_TARGET_S;
  private calmSince = -Infinity;

  /** The current target delay, s. */
  get delay(): number {
    return this.target;
  }

  /** When a chunk of `duration` s should start, given the clock's `now`; null = drop it. */
  place(now: number, duration: number): number | null {
    if (this.next < now + LATE_S) {
      if (this.next > now - SILENCE_S) {
        this.target = Math.min(JITTER_TARGET_MAX_S, this.target + JITTER_GROW_S);
        this.calmSince = now;
      } else if (now - this.calmSince > JITTER_CALM_S) {
        this.target = Math.max(JITTER_TARGET_S, this.target - JITTER_GROW_S);
        this.calmSince = now;
      }
      this.next = now + this.target;
    }
    if (this.next + duration > now + this.target + JITTER_HEADROOM_S) return null;
    const at = this.next;
    this.next += duration;
    return at;
  }

  /** The page stopped: the next chunk starts a new run. */
  reset(): void {
    this.next = -Infinity;
  }
}

/** base64 s16le interleaved stereo → its frames, as floats per channel. */
export function decodePcm(base64: string): [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>] {
  const text = atob(base64);
  const frames = Math.floor(text.length / 4);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  const s16 = (i: number): number => {
    const v = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 8);
    return (v >= 0x8000 ? v - 0x10000 : v) / 32768;
  };
  for (let f = 0; f < frames; f++) {
    left[f] = s16(f * 4);
    right[f] = s16(f * 4 + 2);
  }
  return [left, right];
}

export interface PagePlayer {
  /** The node attached to the strip: a captured stream (the desktop app's) connects here. */
  readonly input: AudioNode;
  /**
   * A chunk, played back to back through the jitter buffer; or, stamped (`stampMs`: when the page
   * played it, on this page's clock), heard the page's delay after its stamp, where its pictures
   * are shown (./browser-frames.ts).
   */
  push(base64: string, stampMs?: number | null): void;
  /** Drops what is scheduled (the page stopped or its sound was turned off). */
  clear(): void;
  dispose(): void;
}

export function createPagePlayer(port: SourceAudioPort, delay: CaptureDelay): PagePlayer {
  const { context } = port;
  const out = new GainNode(context, { channelCount: 2, channelCountMode: 'explicit' });
  const detach = port.attach(out);
  const schedule = new JitterSchedule();
  const timed = new TimedSchedule();
  const playing = new Set<AudioBufferSourceNode>();
  const stopAll = (): void => {
    stopNodes(playing);
    schedule.reset();
    timed.reset();
  };
  return {
    input: out,
    push(base64, stampMs) {
      let channels: [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>];
      try {
        channels = decodePcm(base64);
      } catch {
        return;
      }
      const frames = channels[0].length;
      if (frames === 0) return;
      const heardAt = port.heardAt;
      const at =
        stampMs != null && heardAt
          ? placeByStamp(timed, heardAt, context, stampMs, frames / PAGE_RATE, delay)
          : schedule.place(context.currentTime, frames / PAGE_RATE);
      if (at === null) return;
      // At the page's rate; the context resamples a buffer of another rate as it plays it.
      const buffer = new AudioBuffer({ numberOfChannels: 2, length: frames, sampleRate: PAGE_RATE });
      buffer.copyToChannel(channels[0], 0);
      buffer.copyToChannel(channels[1], 1);
      playBuffer(buffer, at, out, playing);
    },
    clear: stopAll,
    dispose() {
      stopAll();
      detach();
      out.disconnect();
    },
  };
}
