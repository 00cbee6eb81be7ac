/**
 * The drift correction and the A/V figure on a fake clock: a simulated renderer whose audio clock runs at a known skew
 * against the page clock (which the engine's clock shares) feeds the FramePump stamped frames and
 * chunks for a whole simulated hour. Each picture carries its stamp in its bytes and the sound is a
 * ramp of page time, so what was written can be read back: for every slot, the page time of the
 * sound written at the slot's start against the stamp of the picture written with it.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nv12Bytes } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { AvSyncController, stretchS16 } from './av-sync';
import { FramePump } from './frame-pump';

const W = 16;
const H = 8;
const FPS = 30;
/** The ramp: page time modulo RAMP_MS, SCALE steps per ms, centred on 0. */
const RAMP_MS = 1000;
const SCALE = 32;
/** The simulation's step: the renderer's deliveries are checked this often. */
const STEP_MS = 5;

const rampValue = (pageMs: number): number => Math.round((((pageMs % RAMP_MS) + RAMP_MS) % RAMP_MS) * SCALE) - (RAMP_MS * SCALE) / 2;
const rampMs = (v: number): number => (v + (RAMP_MS * SCALE) / 2) / SCALE;

/** Keeps only each written chunk's first value (the slot's start), so an hour fits in memory. */
class FirstValues extends Writable {
  readonly values: number[] = [];
  constructor(private readonly read: (chunk: Buffer) => number) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.values.push(this.read(chunk));
    cb();
  }
}

interface Run {
  /** Per written slot: sound's page time − picture's stamp, ms (> 0: the sound is late). */
  offsets: number[];
  jumps: number;
  driftPpm: number;
  avOffsetMs: number | null;
  underruns: number;
  trimmed: number;
}

/**
 * minutes of a renderer whose audio clock is `skewPpm` fast (negative: slow) against the page clock,
 * frames arriving `videoDelayMs` after they were composed and chunks `audioDelayMs` after their last
 * sample was rendered, with up to `jitterMs` of extra random delay on each.
 */
function simulate(opts: { minutes: number; skewPpm: number; videoDelayMs?: number; audioDelayMs?: number; jitterMs?: number; startAudioMs?: number; holdPicturesMs?: number }): Run {
  const { minutes, skewPpm, videoDelayMs = 60, audioDelayMs = 12, jitterMs = 4, startAudioMs = 0, holdPicturesMs = 0 } = opts;
  const clock = new FakeClock(0);
  const video = new FirstValues((c) => c.readDoubleLE(0));
  const audio = new FirstValues((c) => c.readInt16LE(0));
  const pump = new FramePump({ clock, width: W, height: H, fpsNumerator: FPS, fpsDenominator: 1, sink: { video, audio }, videoDelayMs: () => holdPicturesMs });
  let seed = 42;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Page time at which the audio graph renders sample f (its clock is skewed), with the page clock
  // starting 5 s before the output (the page was open already).
  const audioRate = 48 * (1 + skewPpm * 1e-6); // samples per page ms
  const pageOfSample = (f: number): number => 200 + f / audioRate;
  const pageStart = 5000;
  pump.start();
  const endMs = minutes * 60_000;
  let nextFrame = 0;
  let nextChunk = Math.ceil((pageStart - 200) * audioRate / 480);
  const pendingV: { at: number; stamp: number }[] = [];
  const pendingA: { at: number; first: number }[] = [];
  for (let t = 0; t <= endMs; t += STEP_MS) {
    // The renderer composes each 1/30 s (page time = engine time + pageStart).
    while (nextFrame * (1000 / FPS) <= t) {
      const stamp = pageStart + nextFrame * (1000 / FPS);
      pendingV.push({ at: nextFrame * (1000 / FPS) + videoDelayMs + random() * jitterMs, stamp });
      nextFrame++;
    }
    while (pageOfSample((nextChunk + 1) * 480) - pageStart <= t) {
      // startAudioMs: the sound of the first 3 s comes that much later (a path still starting up).
      const extra = t < 3000 ? startAudioMs : 0;
      pendingA.push({ at: pageOfSample((nextChunk + 1) * 480) - pageStart + audioDelayMs + extra + random() * jitterMs, first: nextChunk * 480 });
      nextChunk++;
    }
    while (pendingV.length > 0 && pendingV[0]!.at <= t) {
      const { stamp } = pendingV.shift()!;
      const f = new Uint8Array(nv12Bytes(W, H));
      new DataView(f.buffer).setFloat64(0, stamp, true);
      pump.pushVideo(f, 0, () => {}, stamp);
    }
    while (pendingA.length > 0 && pendingA[0]!.at <= t) {
      const { first } = pendingA.shift()!;
      const pcm = new Int16Array(480 * 2);
      for (let i = 0; i < 480; i++) pcm[2 * i] = pcm[2 * i + 1] = rampValue(pageOfSample(first + i));
      pump.pushAudio(new Uint8Array(pcm.buffer), pageOfSample(first));
    }
    clock.advance(STEP_MS);
  }
  const offsets: number[] = [];
  const n = Math.min(video.values.length, audio.values.length);
  for (let k = 0; k < n; k++) {
    const stamp = video.values[k]!;
    if (stamp === 0 || audio.values[k] === 0) continue; // black before the first frame; silence
    let d = rampMs(audio.values[k]!) - (stamp % RAMP_MS);
    if (d > RAMP_MS / 2) d -= RAMP_MS;
    if (d < -RAMP_MS / 2) d += RAMP_MS;
    // Sound whose page time is before the picture's was heard later than it should: a negative d is
    // the sound late.
    offsets.push(-d);
  }
  const c = pump.counters();
  const s = pump.syncStats();
  pump.dispose();
  return { offsets, jumps: s.syncJumps, driftPpm: s.audioDriftPpm, avOffsetMs: s.avOffsetMs, underruns: c.audioUnderruns, trimmed: c.audioTrimmed };
}

const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('A/V alignment (FramePump + AvSyncController, fake clock)', () => {
  it('puts the sound on its picture by their stamps at the start, wherever the first seconds\' depth had it', () => {
    // Pictures arrive 48 ms after their sound: the first seconds' depth alone held the sound 35–40 ms
    // early for the whole run. The sound of the first 3 s coming 60 ms late moves that start again;
    // the depth it left is resampled back (2 ms a second), so the last 30 s are judged.
    for (const startAudioMs of [0, 60]) {
      const r = simulate({ minutes: 1.5, skewPpm: 0, startAudioMs });
      const settled = r.offsets.slice(-FPS * 30);
      expect(Math.abs(mean(settled)), `sound late by ${mean(settled).toFixed(1)} ms (start ${startAudioMs} ms late)`).toBeLessThan(8);
      expect(spread(settled)).toBeLessThan(8);
      expect(r.jumps).toBe(0);
    }
    // Pictures held back on purpose (a −200 ms sync offset's lead) leave the sound early by that much.
    const held = simulate({ minutes: 1.5, skewPpm: 0, holdPicturesMs: 200 }).offsets.slice(-FPS * 30);
    expect(Math.abs(mean(held) + 200), `sound late by ${mean(held).toFixed(1)} ms with pictures held 200 ms`).toBeLessThan(8);
  });

  it('holds the sound where the start put it, with no jump', () => {
    const r = simulate({ minutes: 0.5, skewPpm: 0, videoDelayMs: 90, audioDelayMs: 8 });
    const settled = r.offsets.slice(FPS * 3);
    // Within the simulated delivery jitter (4 ms) plus the odd underrun's reserve.
    expect(spread(settled)).toBeLessThan(6);
    expect(r.jumps).toBe(0);
    // The figure the stats show is what was written (the median of its last 2 s).
    expect(Math.abs(r.avOffsetMs! - mean(settled.slice(-FPS * 2)))).toBeLessThan(3);
  });

  // 10 simulated minutes each here; bench/av-drift.mjs runs this file with AV_SYNC_SIM_MINUTES=60.
  const minutes = Number(process.env.AV_SYNC_SIM_MINUTES) || 10;
  for (const skewPpm of [-300, 300]) {
    it(`holds the sound within a frame for ${minutes} simulated minutes with the audio clock ${skewPpm > 0 ? 'fast' : 'slow'} by ${Math.abs(skewPpm)} ppm`, () => {
      const r = simulate({ minutes, skewPpm });
      const settled = r.offsets.slice(FPS * 10);
      const firstMinute = settled.slice(0, FPS * 60);
      const lastMinute = settled.slice(-FPS * 60);
      const moved = mean(lastMinute) - mean(firstMinute);
      console.log(
        `av-sync ${minutes} min at ${skewPpm} ppm: ${settled.length} slots, offset ${Math.min(...settled).toFixed(2)}..${Math.max(...settled).toFixed(2)} ms, ` +
          `first minute mean ${mean(firstMinute).toFixed(3)} ms, last ${mean(lastMinute).toFixed(3)} ms (moved ${moved.toFixed(3)} ms), ` +
          `correction ${r.driftPpm.toFixed(1)} ppm, jumps ${r.jumps}, underruns ${r.underruns}, trims ${r.trimmed}, stats figure ${r.avOffsetMs} ms`,
      );
      expect(settled.length).toBeGreaterThan(FPS * (minutes * 60 - 20));
      expect(Math.abs(moved)).toBeLessThan(1000 / FPS);
      // Held where it started: the whole run within a frame of its first minute.
      expect(Math.max(...settled.map((o) => Math.abs(o - mean(firstMinute))))).toBeLessThan(1000 / FPS);
      expect(Math.abs(r.avOffsetMs! - mean(lastMinute))).toBeLessThan(3);
      expect(r.jumps).toBe(0);
      // Uncorrected, the FIFO would run dry (slow clock: a short slot every 3.5 s) or be trimmed
      // (fast clock: a 100 ms cut every 5.5 minutes); corrected, neither comes back.
      expect(r.trimmed).toBe(0);
      expect(r.underruns).toBeLessThan(settled.length / 200);
      // The correction found the skew (the audio clock makes skew more samples than the frame clock asks).
      expect(Math.abs(r.driftPpm - skewPpm)).toBeLessThan(20);
    });
  }
});

describe('pictures held back for negative sync offsets (videoDelayMs)', () => {
  it('writes each picture the delay later, acknowledged at once, and lets all go when the delay ends', () => {
    const clock = new FakeClock(0);
    const video = new FirstValues((c) => c.readDoubleLE(0));
    const audio = new FirstValues(() => 0);
    let delay = 200;
    const pump = new FramePump({ clock, width: W, height: H, fpsNumerator: FPS, fpsDenominator: 1, sink: { video, audio }, videoDelayMs: () => delay });
    pump.start();
    const acks: number[] = [];
    const frame = (tag: number): Uint8Array => {
      const f = new Uint8Array(nv12Bytes(W, H));
      new DataView(f.buffer).setFloat64(0, tag, true);
      return f;
    };
    // One picture per tick from t = 0; the first written at or after 200 ms.
    for (let k = 0; k < 30; k++) {
      pump.pushVideo(frame(k + 1), k, (s) => acks.push(s), 1000 + k);
      clock.advance(1000 / FPS);
    }
    expect(acks).toHaveLength(30);
    const firstShown = video.values.findIndex((v) => v === 1);
    expect(firstShown * (1000 / FPS)).toBeGreaterThanOrEqual(200);
    expect(firstShown * (1000 / FPS)).toBeLessThan(200 + 2 * (1000 / FPS));
    delay = 0;
    clock.advance(1000 / FPS);
    // The rest went on at once: the jitter buffer kept the newest.
    expect(video.values.at(-1)).toBeGreaterThan(25);
    pump.dispose();
  });
});

describe('AvSyncController and stretchS16', () => {
  it('holds the first window\'s error, resamples small departures and jumps only lasting large ones', () => {
    const c = new AvSyncController({ sampleRate: 48000, slotsPerSecond: 30 });
    // Two seconds of measures at -30 ms set the error held; nothing moves meanwhile.
    const first = Array.from({ length: 60 }, () => c.plan(-30, 1600));
    expect(first.every((p) => p.jump === 0 && p.take === 1600)).toBe(true);
    expect(c.errorMs).toBe(-30);
    // 10 ms ahead of it: fewer samples taken, at most 0.2 % (3.2 samples) a slot; no jump.
    const takes = Array.from({ length: 60 }, () => c.plan(-20, 1600));
    expect(takes.every((p) => p.jump === 0 && p.take <= 1600 && p.take >= 1596)).toBe(true);
    expect(takes.some((p) => p.take < 1600)).toBe(true);
    // A few late pictures move nothing; a departure of 300 ms lasting the window jumps, once.
    expect(Array.from({ length: 10 }, () => c.plan(500, 1600).jump).every((j) => j === 0)).toBe(true);
    const lasting = Array.from({ length: 70 }, () => c.plan(270, 1600).jump).filter((j) => j !== 0);
    expect(lasting).toEqual([300 * 48]);
  });

  it('stretches by linear interpolation and keeps the ends', () => {
    const input = new Int16Array([0, 0, 100, 100, 200, 200, 300, 300]);
    const out = new Int16Array(stretchS16(new Uint8Array(input.buffer), 4, 7).buffer);
    expect([...out].filter((_, i) => i % 2 === 0)).toEqual([0, 50, 100, 150, 200, 250, 300]);
  });

  it('stretches the six tracks (12 channels) alike, each channel on its own', () => {
    // Channel c of frame k holds k * 100 + c: after stretching, every channel keeps its own offset.
    const input = new Int16Array(4 * 12).map((_, i) => Math.floor(i / 12) * 100 + (i % 12));
    const out = new Int16Array(stretchS16(new Uint8Array(input.buffer), 4, 7, 12).buffer);
    expect(out.length).toBe(7 * 12);
    for (let c = 0; c < 12; c++) expect([...out].filter((_, i) => i % 12 === c)).toEqual([0, 50, 100, 150, 200, 250, 300].map((v) => v + c));
  });
});
