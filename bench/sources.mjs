#!/usr/bin/env node
/**
 * bench/sources — what a full-screen H.264 media source plus a camera cost the program.
 *
 *   npm run build && node bench/sources.mjs [--seconds 15] [--size 720p30|1080p30] [--camera 1920x1080]
 *
 * Server mode with --headless (the real compositor in headless Chromium, given Chromium's fake
 * camera through STUDIO_CHROMIUM_ARGS), encoding libx264 veryfast and discarding the result
 * (STUDIO_OUTPUT_SINK=null). The scene: a looping 1080p30 H.264 + AAC clip made by FFmpeg (testsrc2,
 * so every frame differs) scaled to fill the canvas, and the fake camera (640×480, moving) in a
 * corner (--camera asks it for another size: the camera's frames are uploaded as they come, so a
 * 1080p one shows what that costs). At 720p30 and 1080p30 (or --size's) it reports the frames per second the compositor made fresh, the lagged
 * ones, and the CPU (in cores) of the engine, the browser and FFmpeg, from /proc.
 * Results print as a table and are saved to bench/results/; copy them into docs/PERFORMANCE.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { cpuGroups, machine } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const seconds = Number(arg('--seconds')) || 15;
const sizeArg = arg('--size');
const cameraSize = arg('--camera') ?? '';
if (cameraSize && !/^\d+x\d+$/.test(cameraSize)) throw new Error(`--camera takes WIDTHxHEIGHT, not "${cameraSize}"`);
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const sizes = [
  { name: '720p30', width: 1280, height: 720, fps: 30 },
  { name: '1080p30', width: 1920, height: 1080, fps: 30 },
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const work = mkdtempSync(path.join(tmpdir(), 'bench-sources-'));
const clip = path.join(work, 'clip-1080p30.mp4');
execFileSync(FFMPEG, [
  '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=10', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=10',
  '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-b:v', '6000k', '-g', '60', '-c:a', 'aac', '-movflags', '+faststart', clip,
]);

function startServer(dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--port', '0', '--no-ws', '--data-dir', dataDir, '--headless'], {
    env: { ...process.env, STUDIO_OUTPUT_SINK: 'null', STUDIO_CHROMIUM_ARGS: '--use-fake-device-for-media-stream --use-fake-ui-for-media-stream' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += d;
      const m = /ready at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([\w-]+)/.exec(log);
      if (m) resolve({ child, url: m[1], cookie: `studio-${m[2]}=${m[3]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${log}`)));
  });
}

function connect(url, cookie) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/studio`, { origin: url, headers: { Cookie: cookie } });
  let doc = null;
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data, binary) => {
    if (binary) return;
    const m = JSON.parse(String(data));
    if (m.t === 'reply') pending.get(m.id)?.(m.result);
    if (m.t === 'event' && m.event.type === 'document.changed') doc = m.event.data.document;
    if (m.t === 'event') for (const l of listeners) l(m.event);
  });
  const call = (type, args) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (r) => (r.ok ? resolve(r.value) : reject(new Error(`${type}: ${r.error.message}`))));
      ws.send(JSON.stringify({ t: 'call', id: n, type, args }));
    });
  const next = (pred, ms = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
      const l = (e) => pred(e) && (clearTimeout(timer), listeners.delete(l), resolve(e));
      listeners.add(l);
    });
  return new Promise((resolve) => ws.once('open', () => resolve({ call, next, document: () => doc, close: () => ws.close() })));
}

async function run(size) {
  const { child, url, cookie } = await startServer(mkdtempSync(path.join(work, 'data-')));
  const studio = await connect(url, cookie);
  try {
    await studio.call('video.set', { baseWidth: size.width, baseHeight: size.height, outputWidth: size.width, outputHeight: size.height, fpsNumerator: size.fps, fpsDenominator: 1 });
    const { sceneUuid } = await studio.call('scene.create', { name: 'Bench' });
    await studio.call('scene.setCurrent', { sceneUuid });
    const k = size.width / 1920;
    // The same corner whatever the camera's size: 480 px wide at 1080p.
    const camScale = 0.75 * (640 / (Number(cameraSize.split('x')[0]) || 640));
    await studio.call('input.create', { sceneUuid, name: 'Clip', kind: 'ffmpeg_source', settings: { local_file: clip, looping: true }, transform: { scaleX: k, scaleY: k } });
    await studio.call('input.create', { sceneUuid, name: 'Cam', kind: 'camera_input', settings: cameraSize ? { resolution: cameraSize } : {}, transform: { positionX: size.width * 0.7, positionY: size.height * 0.65, scaleX: camScale * k, scaleY: camScale * k } });
    await studio.call('destination.upsert', { name: 'discard', server: 'rtmp://127.0.0.1/bench', key: 'bench', enabled: true });
    await sleep(5000);
    await studio.call('stream.start', {});
    await studio.next((e) => e.type === 'stream.state' && e.data.state === 'live');
    await sleep(4000);
    const first = await studio.next((e) => e.type === 'stream.stats');
    const cpu0 = cpuGroups(child.pid);
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const last = await studio.next((e) => e.type === 'stream.stats');
    const cpu1 = cpuGroups(child.pid);
    const wall = (performance.now() - t0) / 1000;
    const a = first.data.stats;
    const b = last.data.stats;
    const sent = b.framesSent - a.framesSent;
    const fresh = b.fresh !== undefined ? b.fresh - a.fresh : sent - (b.lagged - a.lagged) - (b.skipped - a.skipped) - ((b.unchanged ?? 0) - (a.unchanged ?? 0));
    // Which GL backend the page drew with (the probe's choice, or STUDIO_GL).
    const health = await fetch(new URL('/healthz', url)).then((r) => r.json()).catch(() => ({}));
    await studio.call('stream.stop', {});
    return {
      gl: health.renderer?.backend ?? '?',
      outputFps: sent / wall,
      freshFps: fresh / wall,
      laggedPerSec: (b.lagged - a.lagged) / wall,
      skippedPerSec: (b.skipped - a.skipped) / wall,
      renderMs: b.renderMs,
      engineCores: (cpu1.engine - cpu0.engine) / 1000 / wall,
      browserCores: (cpu1.browser - cpu0.browser) / 1000 / wall,
      ffmpegCores: (cpu1.ffmpeg - cpu0.ffmpeg) / 1000 / wall,
    };
  } finally {
    studio.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const results = { date: new Date().toISOString(), machine: machine(), seconds, camera: cameraSize || 'device default', runs: [] };
for (const size of sizes.filter((s) => !sizeArg || s.name === sizeArg)) {
  const r = await run(size);
  results.runs.push({ size: size.name, ...r });
  console.log(`${size.name}: fresh ${r.freshFps.toFixed(1)} fps, output ${r.outputFps.toFixed(1)}, lagged ${r.laggedPerSec.toFixed(1)}/s, browser ${r.browserCores.toFixed(2)} cores`);
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/sources-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log('\n| size | GL | fresh fps | output fps | lagged/s | skipped/s | render ms | engine cores | browser cores | ffmpeg cores |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results.runs) {
  console.log(`| ${r.size} | ${r.gl} | ${r.freshFps.toFixed(1)} | ${r.outputFps.toFixed(1)} | ${r.laggedPerSec.toFixed(1)} | ${r.skippedPerSec.toFixed(1)} | ${r.renderMs.toFixed(1)} | ${r.engineCores.toFixed(2)} | ${r.browserCores.toFixed(2)} | ${r.ffmpegCores.toFixed(2)} |`);
}
console.log(`\nsaved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}`);
