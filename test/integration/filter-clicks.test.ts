/**
 * Filter changes are click-free, judged by samples in real Chromium: the renderer's own Mixer,
 * ChannelStrip and filter units (bundled here with Vite from src/renderer/audio) run in a page's
 * AudioContext; a steady tone plays through one input's strip while its filter list changes 160
 * times (gain +6 dB on and off, a noise gate added and removed, the two reordered, RNNoise on and
 * off, and bursts of changes that land during a crossfade). A recorder worklet takes every sample
 * of the master bus. No sample may step from the last by more than the tone itself can at its
 * loudest (+6 dB), with room for a crossfade's shape; around each RNNoise change the level must
 * not drop. Afterwards the strip holds one chain again (nothing leaks). Rebuilding the chain at
 * once, as before, stepped by 0.5 (35 times the tone's step) and dropped the level by 40 dB.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'filter-clicks-'));

let server: http.Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // The page gets the renderer's modules as they are, bundled like the app bundles them (RNNoise's wasm inlined).
  const entry = path.join(dir, 'entry.ts');
  const audio = path.join(repo, 'src/renderer/audio');
  writeFileSync(entry, `export { Mixer } from '${audio}/mixer';\nexport { loadDynamics } from '${audio}/filters';\n`);
  await build({
    configFile: false,
    root: dir,
    logLevel: 'error',
    build: { outDir: path.join(dir, 'out'), minify: false, lib: { entry, formats: ['es'], fileName: () => 'page.js' } },
  });
  const html = '<!doctype html><title>filter clicks</title><script type="module">import * as m from "./page.js"; window.studio = m;</script>';
  // AudioWorklet needs a secure context: http://127.0.0.1 is one.
  server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]!;
    if (name === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    let body: Buffer;
    try {
      body = readFileSync(path.join(dir, 'out', path.basename(name)));
    } catch {
      return res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined, args: ['--autoplay-policy=no-user-gesture-required'] });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction('window.studio !== undefined');
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** −12 dBFS. */
const TONE_AMP = 0.25;

/**
 * In the page (plain JS: this project's Node types have no Web Audio). Plays the tone through the
 * mixer, records the master bus while the filter list changes, and returns what the samples say.
 */
const RUN = `async ({ hz, amp, cycles, waitMs, limit }) => {
  const { Mixer, loadDynamics } = window.studio;
  const ctx = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
  await ctx.resume();
  const recorder = \`class Rec extends AudioWorkletProcessor {
    constructor() {
      super();
      this.on = false;
      this.buf = new Float32Array(4096);
      this.n = 0;
      this.port.onmessage = (e) => {
        this.on = e.data === 'start';
        if (this.on) this.port.postMessage({ start: currentFrame });
        if (!this.on) { this.port.postMessage(this.buf.slice(0, this.n)); this.port.postMessage('end'); }
      };
    }
    process(inputs) {
      if (!this.on) return true;
      const x = inputs[0].length > 0 ? inputs[0][0] : null;
      for (let i = 0; i < 128; i++) {
        this.buf[this.n++] = x ? x[i] : 0;
        if (this.n === this.buf.length) { this.port.postMessage(this.buf, [this.buf.buffer]); this.buf = new Float32Array(4096); this.n = 0; }
      }
      return true;
    }
  }
  registerProcessor('rec', Rec);\`;
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([recorder], { type: 'text/javascript' })));
  const master = new GainNode(ctx, { channelCount: 2, channelCountMode: 'explicit' });
  const rec = new AudioWorkletNode(ctx, 'rec', { channelCount: 2, channelCountMode: 'explicit' });
  master.connect(rec).connect(ctx.destination);
  const chunks = [];
  let startFrame = 0;
  const ended = new Promise((resolve) => {
    rec.port.onmessage = (e) => {
      if (e.data === 'end') resolve();
      else if (e.data.start !== undefined) startFrame = e.data.start;
      else chunks.push(e.data);
    };
  });
  const mixer = new Mixer(ctx, master);
  await loadDynamics(ctx);

  const doc = ({ gain, gate, gateFirst, ns }) => {
    const g = { name: 'Gain', kind: 'gain_filter', enabled: gain, settings: { db: 6 } };
    const n = { name: 'Gate', kind: 'noise_gate_filter', enabled: true, settings: {} };
    const filters = [{ name: 'Noise', kind: 'noise_suppress_filter_v2', enabled: ns, settings: { method: 'rnnoise' } }];
    if (gate) filters.push(...(gateFirst ? [n, g] : [g, n])); else filters.push(g);
    return {
      currentSceneUuid: 's',
      scenes: [{ uuid: 's', name: 'S', items: [{ id: 1, sourceUuid: 'in', enabled: true }], filters: [] }],
      inputs: [{ uuid: 'in', name: 'Tone', kind: 'test_tone', settings: {}, muted: false, volumeMul: 1, filters }],
    };
  };
  const state = { gain: false, gate: false, gateFirst: false, ns: false };
  /** Where RNNoise went on and off: the frame the page had reached (the graph runs a few ms ahead). */
  const marks = [];
  const apply = (change) => {
    if (change.ns !== undefined && change.ns !== state.ns) marks.push({ on: change.ns, frame: Math.round(ctx.currentTime * 48000) });
    Object.assign(state, change);
    mixer.sync(doc(state));
  };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));

  apply({});
  const osc = new OscillatorNode(ctx, { frequency: hz });
  const level = new GainNode(ctx, { gain: amp });
  osc.connect(level);
  osc.start();
  mixer.port('in').attach(level);
  // The first change after loading moves the chain onto the crossfader (the one switch not faded).
  await wait(100);
  apply({ gain: true });
  apply({ gain: false });
  await wait(200);

  rec.port.postMessage('start');
  await wait(100);
  let changes = 0;
  const steps = [{ gain: true }, { gate: true }, { gateFirst: true }, { ns: true }, { gain: false }, { gateFirst: false }, { ns: false }, { gate: false }];
  for (let c = 0; c < cycles; c++) {
    for (const s of steps) {
      // Lone RNNoise changes (not the bursts) are where a comb between the two copies would show.
      if (s.ns !== undefined) marks.push('lone');
      apply(s);
      changes++;
      await wait(waitMs);
    }
    // Changes while a crossfade runs: in one task, then a few ms apart.
    for (const gain of [true, false, true, false]) { apply({ gain }); changes++; }
    await wait(waitMs);
    for (const ns of [true, false, true, false]) { apply({ ns }); changes++; await wait(4); }
    await wait(waitMs);
  }
  await wait(200);
  rec.port.postMessage('stop');
  await ended;
  const strip = mixer.strip('in');
  for (let i = 0; i < 100 && strip.filterChains !== 1; i++) await wait(20);
  const chains = strip.filterChains;

  let total = 0;
  for (const c of chunks) total += c.length;
  const x = new Float32Array(total);
  let at = 0;
  for (const c of chunks) { x.set(c, at); at += c.length; }
  let maxStep = 0, stepAt = 0, maxD2 = 0, peak = 0;
  for (let i = 2; i < x.length; i++) {
    const d = Math.abs(x[i] - x[i - 1]);
    if (d > maxStep) { maxStep = d; stepAt = i; }
    maxD2 = Math.max(maxD2, Math.abs(x[i] - 2 * x[i - 1] + x[i - 2]));
    peak = Math.max(peak, Math.abs(x[i]));
  }
  // Steps over the limit, counted once per 10 ms (one per change that clicked).
  let clicks = 0, last = -Infinity;
  for (let i = 1; i < x.length; i++) {
    if (Math.abs(x[i] - x[i - 1]) > limit && i - last > 480) { clicks++; last = i; }
  }
  // 20 ms windows at +6 dB and at unity: the gain changes were heard.
  let loud = 0, plain = 0;
  for (let i = 0; i + 960 <= x.length; i += 960) {
    let p = 0;
    for (let j = i; j < i + 960; j++) p = Math.max(p, Math.abs(x[j]));
    if (p > amp * 1.8) loud++;
    else if (p > amp * 0.9 && p < amp * 1.1) plain++;
  }
  // Around each lone RNNoise change: the quietest 5 ms (a comb's dip) against the level before and after, dB.
  const rms = (from, to) => {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i] * x[i];
    return Math.sqrt(s / (to - from));
  };
  const ms = 48;
  const dips = { on: [], off: [] };
  for (let k = 0; k < marks.length; k++) {
    if (marks[k] !== 'lone') continue;
    const m = marks[k + 1];
    const at = m.frame - startFrame;
    // The change is heard after the new chain's 50 ms warm-up and 15 ms fade; the next comes ≥ 120 ms on.
    if (at - 20 * ms < 0 || at + 115 * ms > x.length) continue;
    const level = Math.min(rms(at - 20 * ms, at), rms(at + 100 * ms, at + 115 * ms));
    let low = Infinity;
    for (let i = at; i + 5 * ms <= at + 100 * ms; i += ms) low = Math.min(low, rms(i, i + 5 * ms));
    dips[m.on ? 'on' : 'off'].push(Math.round(200 * Math.log10(low / level)) / 10);
  }
  mixer.dispose();
  await ctx.close();
  return { samples: x.length, changes, maxStep, stepAt, maxD2, peak, clicks, loud, plain, chains, dips };
}`;

/** The tone's largest step from one sample to the next, at +6 dB. */
const toneStep = (hz: number): number => 2 * TONE_AMP * 2 * Math.sin((Math.PI * hz) / 48000);

interface Result {
  samples: number;
  changes: number;
  maxStep: number;
  stepAt: number;
  maxD2: number;
  peak: number;
  clicks: number;
  loud: number;
  plain: number;
  chains: number;
  /** dB, per lone change of RNNoise: the quietest 5 ms against the level before and after. */
  dips: { on: number[]; off: number[] };
}

/**
 * Plays the tone through the strip while its filters change 160 times. The limit leaves room for
 * the crossfades: an equal-power fade between copies that happen to line up is +3 dB (×1.41) at
 * its middle. A chain cut off mid-wave steps by up to the whole amplitude (≥ 0.25).
 */
async function run(hz: number): Promise<Result & { limit: number }> {
  const limit = 1.5 * toneStep(hz);
  const args = { hz, amp: TONE_AMP, cycles: 10, waitMs: 120, limit };
  const r = (await page.evaluate(`(${RUN})(${JSON.stringify(args)})`)) as Result;
  console.info(`filter clicks at ${hz} Hz: ${JSON.stringify({ ...r, toneStep: toneStep(hz), limit })}`);
  // Seconds of sound were recorded, and the gain changes were heard both ways.
  expect(r.samples).toBeGreaterThan(48000 * 5);
  expect(r.changes).toBeGreaterThanOrEqual(10 * 16);
  expect(r.loud).toBeGreaterThan(10);
  expect(r.plain).toBeGreaterThan(10);
  expect(r.peak).toBeGreaterThan(TONE_AMP * 1.8);
  expect(r.clicks, JSON.stringify(r)).toBe(0);
  expect(r.maxStep, JSON.stringify(r)).toBeLessThanOrEqual(limit);
  // Every chain but the one heard was disposed.
  expect(r.chains).toBe(1);
  return { ...r, limit };
}

describe('filter changes in a channel strip, in real Chromium', () => {
  it('toggle, add, remove and reorder gain, noise gate and RNNoise without a step larger than the tone makes', async () => {
    const r = await run(220);
    // At 220 Hz RNNoise's 19.33 ms shift the two copies a quarter turn apart: an equal-power fade
    // between them holds the level (a cut, or a gate that starts shut, drops it 40 dB).
    for (const d of [...r.dips.on, ...r.dips.off]) expect(d, JSON.stringify(r.dips)).toBeGreaterThan(-3);
    expect(r.dips.on.length + r.dips.off.length).toBeGreaterThan(10);
  });

  it('at 440 Hz, where the copies with and without RNNoise are half a turn apart, the fade between them dips smoothly but never steps', async () => {
    // A comb at its deepest for the fade's 15 ms: heard as a short dip, not a click (the steps hold).
    await run(440);
  });
});
