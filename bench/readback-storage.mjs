#!/usr/bin/env node
/**
 * bench/readback-storage — what the program readback costs in Debian's Chromium when its
 * PIXEL_PACK_BUFFERs keep their storage ("reuse", as src/renderer/compositor/gl/readback.ts did
 * until 2026-12-07) against fresh storage for every read ("fresh": bufferData before readPixels,
 * as it does now).
 *
 *   node bench/readback-storage.mjs [--seconds 20] [--backends swiftshader,llvmpipe] [--sizes 720p,1080p]
 *
 * A headless Chromium (server mode's flags and GL backend flags, launched through Playwright's
 * launchServer so its process tree is known) runs the compositor's readback pattern at 30 Hz: clear
 * an NV12-sized RGBA target (width/4 × height·1.5), readPixels into the next buffer of a ring of
 * three, fence, flush; on later ticks getBufferSubData each buffer whose fence has signalled. Reported
 * per variant: Chromium's CPU over the run (all its processes, from /proc), the mean
 * getBufferSubData call, and how many console messages the page got (Chromium's "READ-usage buffer
 * was written, then fenced, but written again before being read back" warning, one per reused read,
 * until the context's cap of 256). Results print as a table and are saved to
 * bench/results/readback-storage-<date>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';
import { machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const seconds = Number(arg('--seconds', '20')) || 20;
const backends = arg('--backends', 'swiftshader,llvmpipe').split(',');
const sizes = arg('--sizes', '720p,1080p').split(',');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GL_FLAGS = { swiftshader: [], llvmpipe: ['--use-angle=gl-egl'] };
const SIZE = { '720p': [1280, 720], '1080p': [1920, 1080] };
const VARIANTS = ['reuse', 'fresh'];

const cpuMs = (pid) => tree(pid).reduce((sum, p) => sum + p.cpuMs, 0);

/** Runs in the page: the ring at 30 Hz for `ms`; returns reads and the mean getBufferSubData time. */
async function ringInPage({ width, height, fresh, ms }) {
  const W = width / 4;
  const H = height * 1.5;
  const bytes = W * H * 4;
  const gl = document.createElement('canvas').getContext('webgl2');
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.RGBA8, W, H);
  const fb = gl.createFramebuffer();
  gl.bindFramebuffer(gl.FRAMEBUFFER, fb);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, tex, 0);
  const slots = [0, 1, 2].map(() => {
    const buffer = gl.createBuffer();
    if (!fresh) {
      gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buffer);
      gl.bufferData(gl.PIXEL_PACK_BUFFER, bytes, gl.STREAM_READ);
    }
    return { buffer, sync: null };
  });
  gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
  const dst = new Uint8Array(bytes);
  let head = 0;
  let count = 0;
  let reads = 0;
  let readMs = 0;
  const start = performance.now();
  await new Promise((done) => {
    const tick = (k) => {
      while (count > 0) {
        const s = slots[head];
        if (gl.getSyncParameter(s.sync, gl.SYNC_STATUS) !== gl.SIGNALED) break;
        gl.bindBuffer(gl.PIXEL_PACK_BUFFER, s.buffer);
        const t = performance.now();
        gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, dst, 0, bytes);
        readMs += performance.now() - t;
        reads++;
        gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
        gl.deleteSync(s.sync);
        s.sync = null;
        head = (head + 1) % slots.length;
        count--;
      }
      if (count < slots.length) {
        const s = slots[(head + count) % slots.length];
        gl.clearColor((k % 30) / 30, 0.5, 0.25, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        gl.bindBuffer(gl.PIXEL_PACK_BUFFER, s.buffer);
        if (fresh) gl.bufferData(gl.PIXEL_PACK_BUFFER, bytes, gl.STREAM_READ);
        gl.readPixels(0, 0, W, H, gl.RGBA, gl.UNSIGNED_BYTE, 0);
        gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
        s.sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
        count++;
        gl.flush();
      }
      const next = start + (k + 1) * (1000 / 30);
      if (next - start > ms) done();
      else setTimeout(() => tick(k + 1), Math.max(0, next - performance.now()));
    };
    tick(0);
  });
  return { reads, readMs: reads ? readMs / reads : 0 };
}

const rows = [];
for (const backend of backends) {
  for (const size of sizes) {
    for (const variant of VARIANTS) {
      const server = await chromium.launchServer({
        executablePath: CHROMIUM,
        args: ['--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-timer-throttling', ...GL_FLAGS[backend]],
      });
      const pid = server.process().pid;
      const browser = await chromium.connect(server.wsEndpoint());
      try {
        const page = await browser.newPage();
        let messages = 0;
        page.on('console', () => messages++);
        await page.setContent('<title>readback</title>');
        const [width, height] = SIZE[size];
        const before = cpuMs(pid);
        const t0 = performance.now();
        const r = await page.evaluate(ringInPage, { width, height, fresh: variant === 'fresh', ms: seconds * 1000 });
        const wallMs = performance.now() - t0;
        const cores = (cpuMs(pid) - before) / wallMs;
        rows.push({ backend, size, variant, reads: r.reads, readsPerSecond: +((r.reads * 1000) / wallMs).toFixed(1), readMs: +r.readMs.toFixed(2), chromiumCores: +cores.toFixed(3), consoleMessages: messages });
        console.log(`${backend.padEnd(12)} ${size.padEnd(6)} ${variant.padEnd(6)} ${String(rows.at(-1).readsPerSecond).padStart(5)} reads/s  getBufferSubData ${String(rows.at(-1).readMs).padStart(6)} ms  Chromium ${rows.at(-1).chromiumCores.toFixed(3)} cores  ${messages} console messages`);
      } finally {
        await browser.close();
        await server.close();
      }
    }
  }
}

const out = path.join(root, 'bench', 'results', `readback-storage-${new Date().toISOString().slice(0, 10)}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), chromium: CHROMIUM, seconds, rows }, null, 2)}\n`);
console.log(`saved ${path.relative(root, out)}`);
