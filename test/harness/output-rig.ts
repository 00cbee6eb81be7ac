/**
 * A StreamOutput fed like a renderer feeds it (synthetic NV12 frames with a red box, and a tone,
 * 30 times a second), recording every event it emits: the rig the output's integration tests share.
 */
import { expect } from 'vitest';
import type { DestinationState, DestinationStats, EncoderSettings, StudioEvent, VideoSettings } from '../../src/shared';
import type { Logger } from '../../src/engine/api';
import { systemClock } from '../../src/engine/clock';
import { StreamOutput, type OutputDestination, type StreamOutputOptions, type StreamStartParams } from '../../src/engine/output/stream-output';
import { audioMessage, tone, videoMessage } from './frames';
import { makeNv12Frame, rects } from './nv12';

export const RIG_W = 640;
export const RIG_H = 360;
export const RIG_VIDEO: VideoSettings = { baseWidth: RIG_W, baseHeight: RIG_H, outputWidth: RIG_W, outputHeight: RIG_H, fpsNumerator: 30, fpsDenominator: 1 };
export const RIG_ENCODER: EncoderSettings = {
  encoder: 'libx264',
  rateControl: 'CBR',
  bitrateKbps: 1000,
  // Short GOPs: a (re)joining destination waits for a keyframe, and tests should not wait long.
  keyframeIntervalSec: 1,
  preset: 'ultrafast',
  profile: 'main',
  bFrames: 0,
  audioBitrateKbps: 128,
};
export const RIG_FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';

export interface Seen {
  event: StudioEvent;
  at: number;
}

export interface Rig {
  out: StreamOutput;
  seen: Seen[];
  logs: string[];
  start(destinations: OutputDestination[], over?: Partial<EncoderSettings>, params?: Partial<StreamStartParams>): Promise<void>;
  /** The first event (since the start) that matches; `at` is when it arrived. */
  waitFor(pred: (e: StudioEvent, at: number) => boolean, ms: number, what: string): Promise<Seen>;
  /** The destination.state events of one destination, in order. */
  states(id: string): DestinationState[];
  /** That destination's numbers from every destination.stats event, with when it arrived. */
  statsOf(id: string): Array<{ at: number; stats: DestinationStats }>;
  /** Starts feeding frames without starting a stream (a recording starts the encoders itself). */
  feedFrames(): void;
  /** What the fed frames show from the next one on (NV12 of RIG_W × RIG_H). */
  setPicture(nv12: Uint8Array): void;
  /** Stops feeding frames and disposes of the output. */
  dispose(): Promise<void>;
}

export function outputRig(opts: Partial<Omit<StreamOutputOptions, 'clock' | 'logger' | 'emit'>> = {}): Rig {
  const seen: Seen[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const out = new StreamOutput({
    clock: systemClock,
    logger,
    ...opts,
    emit: (event) => {
      seen.push({ event, at: Date.now() });
      for (const w of [...waiters]) w();
    },
  });
  let stopFeed: (() => void) | null = null;
  let nv12 = makeNv12Frame(RIG_W, RIG_H, rects([16, 32, 64], [{ x: 100, y: 60, width: 200, height: 120, color: [230, 20, 20] }]));
  const feed = (): (() => void) => {
    let seq = 0;
    let sample = 0;
    let inFlight = 0;
    const timer = setInterval(() => {
      out.pushFrame(audioMessage(tone(1000, sample, 1600), sample), () => {});
      sample += 1600;
      if (inFlight >= 3) return;
      inFlight++;
      out.pushFrame(videoMessage(nv12, RIG_W, RIG_H, seq++), () => inFlight--);
    }, 1000 / 30);
    return () => clearInterval(timer);
  };
  return {
    out,
    seen,
    logs,
    async start(destinations, over = {}, params = {}) {
      stopFeed ??= feed();
      const started = await out.start({ ffmpegPath: RIG_FFMPEG, video: RIG_VIDEO, encoder: { ...RIG_ENCODER, ...over }, destinations, ...params });
      expect(started).toEqual({ ok: true, value: null });
    },
    waitFor(pred, ms, what) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = seen.find((s) => pred(s.event, s.at));
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const states = seen.flatMap((s) => (s.event.type === 'destination.state' ? [`${s.event.data.id}:${s.event.data.state}`] : []));
          reject(new Error(`${what}: not within ${ms} ms; destination states so far: ${states.join(', ')}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    states: (id) => seen.flatMap((s) => (s.event.type === 'destination.state' && s.event.data.id === id ? [s.event.data.state] : [])),
    statsOf: (id) =>
      seen.flatMap((s) => {
        if (s.event.type !== 'destination.stats') return [];
        const stats = s.event.data.stats.find((x) => x.id === id);
        return stats ? [{ at: s.at, stats }] : [];
      }),
    feedFrames() {
      stopFeed ??= feed();
    },
    setPicture(next) {
      nv12 = next;
    },
    async dispose() {
      stopFeed?.();
      await out.dispose();
    },
  };
}

/** A destination.state event of `id` into `state`, arriving at or after `since` (ms since epoch). */
export const destIs =
  (id: string, state: DestinationState, since = 0) =>
  (e: StudioEvent, at = Date.now()): boolean =>
    e.type === 'destination.state' && e.data.id === id && e.data.state === state && at >= since;
