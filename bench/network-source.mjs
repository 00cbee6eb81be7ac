#!/usr/bin/env node
/**
 * bench/network-source — end-to-end latency of a network stream source: from the moment a frame is
 * handed to the publishing encoder to the moment it is in the studio's program.
 *
 *   npx electron-vite build && node bench/network-source.mjs [--flips 12]
 *
 * A loopback nginx-rtmp; a publisher FFmpeg (libx264 ultrafast/zerolatency, 1 s GOP, FLV) fed
 * raw 320×180 frames at 30 fps by this script, which flips them between black and white every
 * 2.5 s and notes when the first frame of each flip was written (T0); a server-mode studio
 * (--headless: the real compositor in headless Chromium) with one scene holding an ffmpeg_source
 * pulling that stream, full canvas (1280×720), streaming its program back to the same nginx.
 *
 * Two arrival times per flip:
 *  - program: GetSourceScreenshot of the program scene over obs-websocket, polled back to back;
 *    the first reply showing the new shade (its arrival; the poll's round trip is the resolution,
 *    printed beside it);
 *  - received: the studio's program stream decoded by a low-delay FFmpeg reader; the first decoded
 *    frame with the new shade (this adds the studio's encoder, RTMP and the reader's decoder).
 * Also the CPU of the pulling FFmpeg (cores, from /proc). Results print and go to bench/results/.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import WebSocket from 'ws';
import OBSWebSocket from 'obs-websocket-js';
import { machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, dflt) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const FLIPS = arg('--flips', 12);
const FLIP_MS = 2500;
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const PW = 320;
const PH = 180;
const FPS = 30;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(path.join(tmpdir(), 'bench-netsrc-'));
const owned = [];

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startNginx() {
  const port = await freePort();
  const conf = `load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;
daemon off; master_process off; pid ${work}/nginx.pid; error_log ${work}/error.log warn;
events { worker_connections 64; }
rtmp { server { listen 127.0.0.1:${port}; application live { live on; record off; wait_key on; wait_video on; } } }
`;
  writeFileSync(path.join(work, 'nginx.conf'), conf);
  const child = spawn('nginx', ['-e', `${work}/error.log`, '-c', `${work}/nginx.conf`, '-p', `${work}/`], { stdio: 'ignore' });
  owned.push(child);
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((r) => net.connect(port, '127.0.0.1').once('connect', function () { this.destroy(); r(true); }).once('error', () => r(false)));
    if (up) return port;
    await sleep(100);
  }
  throw new Error('nginx-rtmp did not start');
}

/** The publisher: raw frames in, H.264/FLV out; shade() says what to send now. */
function startPublisher(url) {
  const child = spawn(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${PW}x${PH}`, '-r', String(FPS), '-i', 'pipe:0',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', String(FPS), '-bf', '0', '-f', 'flv', url,
  ], { stdio: ['pipe', 'ignore', 'inherit'] });
  owned.push(child);
  child.stdin.on('error', () => {});
  const frames = { 0: Buffer.alloc(PW * PH, 16), 1: Buffer.alloc(PW * PH, 235) };
  let shade = 0;
  let flippedAt = null;
  let n = 0;
  const t0 = performance.now();
  const tick = () => {
    // Paced by the clock, not by the timer: frame n is due at t0 + n/FPS.
    while (performance.now() >= t0 + (n * 1000) / FPS) {
      if (flippedAt === 'pending') flippedAt = performance.now();
      child.stdin.write(frames[shade]);
      n++;
    }
  };
  const timer = setInterval(tick, 5);
  return {
    flip(to) {
      shade = to;
      flippedAt = 'pending';
    },
    /** When the first frame of the last flip was handed to the encoder. */
    flippedAt: () => (typeof flippedAt === 'number' ? flippedAt : null),
    stop() {
      clearInterval(timer);
      child.kill('SIGKILL');
    },
  };
}

function startServer(dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--port', '0', '--ws-port', '0', '--data-dir', dataDir, '--headless'], { stdio: ['ignore', 'pipe', 'pipe'] });
  owned.push(child);
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

function studioSocket(url, cookie) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/studio`, { origin: url, headers: { Cookie: cookie } });
  let id = 0;
  const pending = new Map();
  ws.on('message', (data, binary) => {
    if (binary) return;
    const m = JSON.parse(String(data));
    if (m.t === 'reply') pending.get(m.id)?.(m.result);
  });
  const call = (type, args) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, (r) => (r.ok ? resolve(r.value) : reject(new Error(`${type}: ${r.error.message}`))));
      ws.send(JSON.stringify({ t: 'call', id: n, type, args }));
    });
  return new Promise((resolve) => ws.once('open', () => resolve({ call, close: () => ws.close() })));
}

/** Mean of the first channel of a small 8-bit PNG (RGB or RGBA), 0..255. */
function pngMean(png) {
  const w = png.readUInt32BE(16);
  const h = png.readUInt32BE(20);
  const type = png[25];
  const bpp = type === 6 ? 4 : type === 2 ? 3 : type === 0 ? 1 : 2;
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = w * bpp;
  let prev = Buffer.alloc(stride);
  let sum = 0;
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      const p = a + b - c;
      const pr = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      line[i] = (line[i] + [0, a, b, (a + b) >> 1, pr][f]) & 255;
    }
    for (let x = 0; x < w; x++) sum += line[x * bpp];
    prev = line;
  }
  return sum / (w * h);
}

/** A low-delay reader of the studio's program stream: calls back with each frame's mean luma. */
function startReader(url, onFrame) {
  const child = spawn(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-fflags', 'nobuffer', '-flags', 'low_delay', '-probesize', '32768', '-analyzeduration', '0',
    '-i', url, '-an', '-vf', 'scale=16:9', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ], { stdio: ['ignore', 'pipe', 'ignore'] });
  owned.push(child);
  let buf = Buffer.alloc(0);
  child.stdout.on('data', (d) => {
    const now = performance.now();
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 144) {
      let s = 0;
      for (let i = 0; i < 144; i++) s += buf[i];
      buf = buf.subarray(144);
      onFrame(s / 144, now);
    }
  });
  return child;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

async function main() {
  const port = await startNginx();
  const publisher = startPublisher(`rtmp://127.0.0.1:${port}/live/source`);
  const { child, url, cookie } = await startServer(mkdtempSync(path.join(work, 'data-')));
  const studio = await studioSocket(url, cookie);
  const info = await studio.call('remote.info', {});
  const obs = new OBSWebSocket();
  await obs.connect(info.url, info.password);
  await obs.call('CreateScene', { sceneName: 'Bench' });
  await obs.call('SetCurrentProgramScene', { sceneName: 'Bench' });
  const { sceneItemId } = await obs.call('CreateInput', {
    sceneName: 'Bench',
    inputName: 'Remote',
    inputKind: 'ffmpeg_source',
    inputSettings: { is_local_file: false, input: `rtmp://127.0.0.1:${port}/live/source`, reconnect_delay_sec: 2 },
  });
  await obs.call('SetSceneItemTransform', { sceneName: 'Bench', sceneItemId, sceneItemTransform: { scaleX: 4, scaleY: 4 } });
  for (let i = 0; ; i++) {
    if ((await obs.call('GetMediaInputStatus', { inputName: 'Remote' })).mediaState === 'OBS_MEDIA_STATE_PLAYING') break;
    if (i > 300) throw new Error('the source never played');
    await sleep(100);
  }
  await studio.call('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${port}/live`, key: 'program', enabled: true });
  await obs.call('StartStream');
  await sleep(3000);

  // Received program: the latest decoded shade and when it arrived.
  let received = { shade: null, at: 0 };
  const reader = startReader(`rtmp://127.0.0.1:${port}/live/program`, (mean, at) => {
    const shade = mean > 170 ? 1 : mean < 60 ? 0 : null;
    if (shade !== null && shade !== received.shade) received = { shade, at };
  });
  await sleep(3000);

  const pullCpu = () => tree(child.pid).filter((p) => p.name === 'ffmpeg').reduce((n, p) => n + p.cpuMs, 0);
  // Only the pulling FFmpeg, found by its argv (the encoder and pusher are FFmpegs too).
  const pullPids = () => {
    const out = [];
    for (const p of tree(child.pid)) {
      if (p.name !== 'ffmpeg') continue;
      try {
        if (readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes('concat')) out.push(p);
      } catch {}
    }
    return out;
  };
  const cpuA = pullPids().reduce((n, p) => n + p.cpuMs, 0);
  const allA = pullCpu();
  const wallA = performance.now();

  const programMs = [];
  const receivedMs = [];
  const roundTrips = [];
  let shade = 0;
  for (let flip = 0; flip < FLIPS; flip++) {
    shade = 1 - shade;
    publisher.flip(shade);
    let t0 = null;
    while ((t0 = publisher.flippedAt()) === null) await sleep(1);
    const deadline = t0 + FLIP_MS;
    let seen = null;
    while (performance.now() < deadline) {
      const sent = performance.now();
      const shot = await obs.call('GetSourceScreenshot', { sourceName: 'Bench', imageFormat: 'png', imageWidth: 16, imageHeight: 9 });
      const got = performance.now();
      roundTrips.push(got - sent);
      const mean = pngMean(Buffer.from(shot.imageData.slice(shot.imageData.indexOf(',') + 1), 'base64'));
      if (seen === null && (shade ? mean > 170 : mean < 60)) seen = got - t0;
      if (seen !== null && received.shade === shade && received.at >= t0) break;
    }
    while (performance.now() < deadline) await sleep(10);
    if (seen !== null) programMs.push(seen);
    if (received.shade === shade && received.at >= t0) receivedMs.push(received.at - t0);
    console.log(`flip ${flip + 1}: program ${seen?.toFixed(0) ?? '—'} ms, received ${received.shade === shade ? (received.at - t0).toFixed(0) : '—'} ms`);
  }
  const wall = (performance.now() - wallA) / 1000;
  const pullCores = (pullPids().reduce((n, p) => n + p.cpuMs, 0) - cpuA) / 1000 / wall;
  const ffmpegCores = (pullCpu() - allA) / 1000 / wall;

  await obs.call('StopStream').catch(() => {});
  await obs.disconnect();
  studio.close();
  reader.kill('SIGKILL');
  publisher.stop();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    flips: FLIPS,
    source: `${PW}x${PH}@${FPS} H.264 (x264 ultrafast zerolatency, 1 s GOP) + no audio, RTMP via loopback nginx-rtmp; canvas 1280x720@30`,
    programMs: { median: quantile(programMs, 0.5), p90: quantile(programMs, 0.9), min: Math.min(...programMs), max: Math.max(...programMs), n: programMs.length },
    screenshotRoundTripMs: { median: quantile(roundTrips, 0.5), p90: quantile(roundTrips, 0.9) },
    receivedMs: receivedMs.length ? { median: quantile(receivedMs, 0.5), p90: quantile(receivedMs, 0.9), n: receivedMs.length } : null,
    pullFfmpegCores: pullCores,
    allFfmpegCores: ffmpegCores,
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const file = path.join(root, `bench/results/network-source-${results.date.slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  console.log(`saved ${path.relative(root, file)}`);
}

try {
  await main();
} finally {
  for (const c of owned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
