#!/usr/bin/env node
/**
 * bench/frame-path — how many composited frames per second reach FFmpeg, and what the engine
 * spends per frame, compared with a bare Node → FFmpeg pipe carrying the same bytes.
 *
 *   npm run build && npm run bench:frame-path [-- --seconds 20] [--scene demo|static|both]
 *
 * Composited: server mode with --headless (the real compositor in headless Chromium, the demo
 * scene: test pattern + text + watermark), encoding libx264 as configured and discarding the
 * result (STUDIO_OUTPUT_SINK=null → FFmpeg's null muxer). Bare: this script writes NV12 frames of
 * the same size straight into FFmpeg with the same encoder arguments, as fast as FFmpeg takes them.
 * Scenes: demo (as created on first start; its test pattern changes every frame) and static (the
 * demo without the test pattern, plus two colour quads: nothing on program moves, so the compositor
 * sends "unchanged" instead of recompositing). Fresh fps counts frames the compositor made; unchanged
 * ticks are counted apart (they are on time, not lagged).
 * Results print as a table and are saved to bench/results/; copy them into docs/PERFORMANCE.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { cpuGroups, machine } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 20;
const sceneArg = process.argv.includes('--scene') ? process.argv[process.argv.indexOf('--scene') + 1] : 'both';
const scenes = sceneArg === 'both' ? ['demo', 'static'] : [sceneArg];
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const sizes = [
  { name: '720p30', width: 1280, height: 720, fps: 30 },
  { name: '1080p30', width: 1920, height: 1080, fps: 30 },
];

function x264Args(w, h, fps, input) {
  return [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', `${w}x${h}`, '-framerate', `${fps}`, '-i', input,
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-b:v', '2500k', '-maxrate', '2500k',
    '-bufsize', '2500k', '-g', `${fps * 2}`, '-pix_fmt', 'yuv420p', '-f', 'null', '-',
  ];
}

/** Node writes `count` NV12 frames into FFmpeg as fast as it drains them. */
async function bare(w, h, fps, count, encode) {
  const frame = Buffer.alloc(w * h * 1.5);
  for (let i = 0; i < w * h; i++) frame[i] = 16 + ((i % w) * 219) / w; // a luma ramp, chroma neutral
  frame.fill(128, w * h);
  const args = encode
    ? x264Args(w, h, fps, 'pipe:0')
    : ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', `${w}x${h}`, '-i', 'pipe:0', '-f', 'null', '-'];
  const child = spawn(FFMPEG, args, { stdio: ['pipe', 'ignore', 'inherit'] });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    if (!child.stdin.write(frame)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  await new Promise((r) => child.once('exit', r));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { fps: (count * 1000) / ms, nodeCpuMsPerFrame: (cpu.user + cpu.system) / 1000 / count };
}

function startServer(dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--port', '0', '--no-ws', '--data-dir', dataDir, '--headless'], {
    env: { ...process.env, STUDIO_OUTPUT_SINK: 'null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += d;
      // The ready URL carries this run's secret; the page socket wants it as the studio cookie.
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

/** The demo without its test pattern, plus two colour quads: nothing on program moves. */
async function makeStatic(studio, size) {
  for (let i = 0; i < 100 && studio.document() === null; i++) await new Promise((r) => setTimeout(r, 100));
  const doc = studio.document();
  for (const input of doc.inputs) if (input.kind === 'studio_test_pattern') await studio.call('input.remove', { inputUuid: input.uuid });
  const sceneUuid = doc.currentSceneUuid;
  const quad = (name, color, x) =>
    studio.call('input.create', { sceneUuid, name, kind: 'color_source_v3', settings: { color, width: size.width / 4, height: size.height / 4 }, transform: { positionX: x, positionY: size.height / 8 } });
  await quad('Quad A', 0xff3060c0, size.width / 8);
  await quad('Quad B', 0xc0c08030, size.width / 2);
}

async function composited(size, scene) {
  const { child, url, cookie } = await startServer(mkdtempSync(path.join(tmpdir(), 'bench-studio-')));
  const studio = await connect(url, cookie);
  try {
    await studio.call('video.set', { baseWidth: size.width, baseHeight: size.height, outputWidth: size.width, outputHeight: size.height, fpsNumerator: size.fps, fpsDenominator: 1 });
    if (scene === 'static') await makeStatic(studio, size);
    await studio.call('destination.upsert', { name: 'discard', server: 'rtmp://127.0.0.1/bench', key: 'bench', enabled: true });
    // Give the headless compositor time to load and claim output.
    await new Promise((r) => setTimeout(r, 4000));
    await studio.call('stream.start', {});
    await studio.next((e) => e.type === 'stream.state' && e.data.state === 'live');
    await new Promise((r) => setTimeout(r, 3000)); // settle
    const first = await studio.next((e) => e.type === 'stream.stats');
    const cpu0 = cpuGroups(child.pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const last = await studio.next((e) => e.type === 'stream.stats');
    const cpu1 = cpuGroups(child.pid);
    const wall = (performance.now() - t0) / 1000;
    const a = first.data.stats;
    const b = last.data.stats;
    const sent = b.framesSent - a.framesSent;
    const unchanged = (b.unchanged ?? 0) - (a.unchanged ?? 0);
    // Fresh frames as the pump counted them: composited NV12 written, no repeat of any kind.
    const fresh = b.fresh !== undefined ? b.fresh - a.fresh : sent - (b.lagged - a.lagged) - (b.skipped - a.skipped);
    await studio.call('stream.stop', {});
    return {
      outputFps: sent / wall,
      compositedFps: fresh / wall,
      laggedPerSec: (b.lagged - a.lagged) / wall,
      unchangedPerSec: unchanged / wall,
      skippedPerSec: (b.skipped - a.skipped) / wall,
      renderMs: b.renderMs,
      engineCpuMsPerFrame: (cpu1.engine - cpu0.engine) / sent,
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

const results = { date: new Date().toISOString(), machine: machine(), seconds, runs: [] };
for (const size of sizes) {
  const pipeOnly = await bare(size.width, size.height, size.fps, 300, false);
  const pipeX264 = await bare(size.width, size.height, size.fps, 300, true);
  for (const scene of scenes) {
    const comp = await composited(size, scene);
    results.runs.push({ size: size.name, scene, pipeOnly, pipeX264, composited: comp, ratio: (comp.compositedFps + comp.unchangedPerSec) / Math.min(pipeX264.fps, size.fps) });
    console.log(`${size.name} ${scene}: bare pipe ${pipeOnly.fps.toFixed(0)} fps, bare pipe + x264 ${pipeX264.fps.toFixed(1)} fps, composited ${comp.compositedFps.toFixed(1)} fps + unchanged ${comp.unchangedPerSec.toFixed(1)}/s (output ${comp.outputFps.toFixed(1)}), engine ${comp.engineCpuMsPerFrame.toFixed(2)} CPU-ms/frame`);
  }
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/frame-path-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log('\n| size | scene | bare pipe fps | bare pipe + x264 fps | fresh fps | unchanged/s | output fps | lagged/s | skipped/s | render ms | engine CPU-ms/frame | engine cores | browser cores | ffmpeg cores | (fresh + unchanged) ÷ min(bare x264, target) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results.runs) {
  const c = r.composited;
  console.log(`| ${r.size} | ${r.scene} | ${r.pipeOnly.fps.toFixed(0)} | ${r.pipeX264.fps.toFixed(1)} | ${c.compositedFps.toFixed(1)} | ${c.unchangedPerSec.toFixed(1)} | ${c.outputFps.toFixed(1)} | ${c.laggedPerSec.toFixed(1)} | ${c.skippedPerSec.toFixed(1)} | ${c.renderMs.toFixed(1)} | ${c.engineCpuMsPerFrame.toFixed(2)} | ${c.engineCores.toFixed(2)} | ${c.browserCores.toFixed(2)} | ${c.ffmpegCores.toFixed(2)} | ${r.ratio.toFixed(2)} |`);
}
console.log(`\nsaved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}`);
