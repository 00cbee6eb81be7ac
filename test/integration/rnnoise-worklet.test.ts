/**
 * The noise suppression worklet in real Chromium: the very source the renderer loads
 * (rnnoiseWorkletSource) and RNNoise's module compiled in the page, run in an OfflineAudioContext
 * (no clock, no stream: the same result every run). Proves RNNoise runs inside an AudioWorklet
 * with its module posted from the page, that white noise comes out more than 10 dB down, and that
 * speex's suppress_level limits it.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RNNOISE_PROCESSOR, rnnoiseWorkletSource } from '../../src/renderer/audio/rnnoise-worklet';

const wasm = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('@jitsi/rnnoise-wasm/package.json')), 'dist/rnnoise.wasm'));

let server: http.Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // AudioWorklet needs a secure context: http://127.0.0.1 is one.
  server = http.createServer((_req, res) => res.end('<!doctype html><title>rnnoise</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/**
 * In the page (plain JS: this project's Node types have no Web Audio): renders 4 s of white noise
 * (amplitude amp) through the worklet and returns, per channel and per second after the first,
 * input level − output level in dB.
 */
const RENDER = `async ({ source, name, bytes, floor, amp }) => {
  const rate = 48000;
  const seconds = 4;
  const ctx = new OfflineAudioContext(2, rate * seconds, rate);
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  const module = await WebAssembly.compile(Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)));
  const noise = ctx.createBuffer(2, rate * seconds, rate);
  const data = noise.getChannelData(0);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    data[i] = ((seed / 2 ** 32) * 2 - 1) * amp;
  }
  noise.copyToChannel(data, 1);
  const src = new AudioBufferSourceNode(ctx, { buffer: noise });
  const node = new AudioWorkletNode(ctx, name, {
    outputChannelCount: [2],
    channelCount: 2,
    channelCountMode: 'explicit',
    processorOptions: { params: { floor }, module },
  });
  src.connect(node).connect(ctx.destination);
  src.start();
  const out = await ctx.startRendering();
  const db = (x, from, to) => {
    let s = 0;
    for (let i = from; i < to; i++) s += x[i] * x[i];
    return 10 * Math.log10(s / (to - from));
  };
  const result = [];
  for (let c = 0; c < 2; c++) {
    for (let s = 1; s < seconds; s++) result.push(db(data, s * rate, (s + 1) * rate) - db(out.getChannelData(c), s * rate, (s + 1) * rate));
  }
  return result;
}`;

function reduction(floor: number, amp = 0.1): Promise<number[]> {
  const args = { source: rnnoiseWorkletSource(), name: RNNOISE_PROCESSOR, bytes: wasm.toString('base64'), floor, amp };
  return page.evaluate(`(${RENDER})(${JSON.stringify(args)})`) as Promise<number[]>;
}

describe('the RNNoise worklet in real Chromium (OfflineAudioContext)', () => {
  it('takes white noise down by more than 10 dB in both channels, every second after the first', async () => {
    const drops = await reduction(0);
    for (const d of drops) expect(d, JSON.stringify(drops)).toBeGreaterThan(10);
  });

  it('with speex at −6 dB takes at most 6 dB away', async () => {
    // What is let through is the input one frame back, so it adds to what RNNoise kept: a little under 6 dB.
    const drops = await reduction(10 ** (-6 / 20));
    for (const d of drops) {
      expect(d, JSON.stringify(drops)).toBeGreaterThan(3);
      expect(d, JSON.stringify(drops)).toBeLessThanOrEqual(6);
    }
  });
});
