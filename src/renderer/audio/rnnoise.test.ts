import wasmDataUrl from '@jitsi/rnnoise-wasm/dist/rnnoise.wasm?url&inline';
import { describe, expect, it } from 'vitest';
import { FrameBuffer } from './rnnoise-frames';
import { RNNOISE_LATENCY_MS, RNNOISE_LATENCY_SAMPLES, rnnoiseParams } from './rnnoise';
import { rnnoiseState } from './rnnoise-wasm';

const RATE = 48000;

/** Runs a signal through a FrameBuffer in 128-sample quanta, as the worklet does. */
function run(input: Float32Array, process: (f: Float32Array) => void, quantum = 128): { out: Float32Array; delay: number } {
  const buf = new FrameBuffer(480, quantum, process);
  const out = new Float32Array(input.length);
  for (let at = 0; at + quantum <= input.length; at += quantum) buf.push(input.subarray(at, at + quantum), out.subarray(at, at + quantum));
  return { out, delay: buf.delay };
}

const rms = (x: Float32Array, from = 0, to = x.length): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / (to - from));
};
const db = (v: number): number => 20 * Math.log10(v);

/** A fixed pseudo-random white noise (no Math.random: the test must be the same each run). */
function noise(n: number, amp: number): Float32Array {
  const x = new Float32Array(n);
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    x[i] = ((seed / 2 ** 32) * 2 - 1) * amp;
  }
  return x;
}

describe('FrameBuffer (128-sample quanta ↔ 480-sample frames)', () => {
  it('delays by 448 samples (9.33 ms at 48 kHz), the least that never runs dry, and loses nothing', () => {
    const input = new Float32Array(128 * 60).map((_, i) => i + 1);
    const frames: number[] = [];
    const { out, delay } = run(input, (f) => frames.push(f.length));
    expect(delay).toBe(448);
    expect((delay / RATE) * 1000).toBeCloseTo(9.333, 2);
    expect(frames.every((n) => n === 480)).toBe(true);
    expect(frames.length).toBe(Math.floor(input.length / 480));
    // Silence first, then every input sample in order: no gap, no repeat.
    for (let i = 0; i < delay; i++) expect(out[i]).toBe(0);
    for (let i = delay; i < out.length; i++) expect(out[i]).toBe(i - delay + 1);
  });

  it('passes what the frame processor writes', () => {
    const { out, delay } = run(new Float32Array(128 * 30).fill(1), (f) => f.fill(0.5));
    expect(out[delay - 1]).toBe(0);
    expect(out.subarray(delay).every((v) => v === 0.5)).toBe(true);
  });

  it('works for other quantum sizes (the delay is frame − gcd)', () => {
    for (const q of [480, 256, 160, 100]) {
      const input = new Float32Array(q * 40).map((_, i) => i + 1);
      const { out, delay } = run(input, () => {}, q);
      let a = 480;
      let b = q;
      while (b) [a, b] = [b, a % b];
      expect(delay).toBe(480 - a);
      for (let i = delay; i < out.length; i++) expect(out[i]).toBe(i - delay + 1);
    }
  });
});

describe('RNNoise (the real @jitsi/rnnoise-wasm module)', () => {
  // The same inlined asset the renderer decodes (Vitest runs Vite's ?inline too).
  const bin = atob(wasmDataUrl.slice(wasmDataUrl.indexOf(',') + 1));
  const module = new WebAssembly.Module(Uint8Array.from(bin, (c) => c.charCodeAt(0)));

  it('takes white noise down by more than 10 dB, through the frame buffer', () => {
    const state = rnnoiseState(module);
    const input = noise(RATE * 3, 0.1);
    const { out } = run(input, (f) => void state.process(f));
    state.destroy();
    // After the first second (RNNoise learns the noise), compare the same stretch.
    const before = db(rms(input, RATE, RATE * 3));
    const after = db(rms(out, RATE, RATE * 3));
    expect(before - after).toBeGreaterThan(10);
  });

  it('keeps a voice-like signal: pulses of a harmonic tone lose much less than noise does', () => {
    const state = rnnoiseState(module);
    const n = RATE * 3;
    const voice = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / RATE;
      const on = Math.floor(t * 4) % 2 === 0 ? 1 : 0;
      let v = 0;
      for (let h = 1; h <= 8; h++) v += Math.sin(2 * Math.PI * 150 * h * t) / h;
      voice[i] = 0.1 * on * v;
    }
    const { out } = run(voice, (f) => void state.process(f));
    state.destroy();
    const loss = db(rms(voice, RATE, n)) - db(rms(out, RATE, n));
    expect(loss).toBeLessThan(10);
  });

  it('RNNoise adds 480 samples of its own: 928 in all with the buffering, 19.33 ms', () => {
    expect(RNNOISE_LATENCY_SAMPLES).toBe(928);
    expect(RNNOISE_LATENCY_MS).toBeCloseTo(19.333, 2);
  });

  it('speex runs as RNNoise limited to suppress_level; rnnoise is unlimited', () => {
    expect(rnnoiseParams({ method: 'rnnoise', suppress_level: -10 }).floor).toBe(0);
    expect(rnnoiseParams({}).floor).toBe(0);
    expect(rnnoiseParams({ method: 'speex', suppress_level: -20 }).floor).toBeCloseTo(0.1, 6);
    expect(rnnoiseParams({ method: 'speex', suppress_level: -200 }).floor).toBeCloseTo(0.001, 6);
    expect(rnnoiseParams({ method: 'speex' }).floor).toBeCloseTo(10 ** (-30 / 20), 6);
  });

  it('refuses nothing on silence and returns a voice probability in 0..1', () => {
    const state = rnnoiseState(module);
    const f = new Float32Array(480);
    const vad = state.process(f);
    expect(vad).toBeGreaterThanOrEqual(0);
    expect(vad).toBeLessThanOrEqual(1);
    expect(f.every((v) => v === 0)).toBe(true);
    state.destroy();
  });
});
