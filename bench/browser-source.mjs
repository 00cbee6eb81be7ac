#!/usr/bin/env node
/**
 * bench/browser-source — what an animated full-canvas browser source costs in server mode.
 *
 *   npx electron-vite build && node bench/browser-source.mjs [--seconds 15]
 *
 * Server mode with --headless; the scene holds one browser_source the size of the canvas showing a
 * page that animates continuously (a moving box and a counter, so every frame differs), at the
 * canvas rate (30 fps). A stream runs into nothing (STUDIO_OUTPUT_SINK=null) so the compositor packs
 * and sends as on air. At 720p30 and 1080p30 it reports the page frames per second that reach a
 * renderer (browser.frame events, as the compositor receives them) and their mean size, the program's
 * fresh frames per second and lagged ones, and the CPU (cores) of the engine, the pages' Chromium,
 * the compositing Chromium and FFmpeg, from /proc. Saved to bench/results/.
 */
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 15;
const sizes = [
  { name: '720p30', width: 1280, height: 720, fps: 30 },
  { name: '1080p30', width: 1920, height: 1080, fps: 30 },
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const work = mkdtempSync(path.join(tmpdir(), 'bench-browser-'));

const PAGE = `<!doctype html><body style="margin:0;background:#203040;overflow:hidden">
<div id="b" style="position:absolute;top:30%;width:20vw;height:20vh;background:#e04040"></div>
<div id="n" style="position:absolute;left:2vw;top:2vh;font:bold 10vh sans-serif;color:#fff"></div>
<script>let i = 0; (function f() { i++; document.getElementById('b').style.left = (i * 7 % 80) + 'vw';
document.getElementById('n').textContent = i; requestAnimationFrame(f); })();</script></body>`;

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
      const m = /ready at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([\w-]+)/.exec(log);
      if (m) resolve({ child, url: m[1], cookie: `studio-${m[2]}=${m[3]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${log}`)));
  });
}

function connect(url, cookie) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/studio`, { origin: url, headers: { Cookie: cookie } });
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  const frames = { count: 0, bytes: 0 };
  ws.on('message', (data, binary) => {
    if (binary) return;
    const m = JSON.parse(String(data));
    if (m.t === 'reply') pending.get(m.id)?.(m.result);
    if (m.t === 'event' && m.event.type === 'browser.frame') {
      frames.count++;
      frames.bytes += m.event.data.data.length * 0.75;
    }
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
  return new Promise((resolve) => ws.once('open', () => resolve({ call, next, frames, close: () => ws.close() })));
}

/** CPU ms of the engine, the pages' Chromium, the compositing Chromium and FFmpeg (by the engine's direct children). */
function cpu(rootPid) {
  const all = tree(rootPid);
  const cmd = (pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  };
  const out = { engine: 0, pages: 0, compositor: 0, ffmpeg: 0 };
  const groupOf = new Map();
  for (const p of all) {
    if (p.pid === rootPid) groupOf.set(p.pid, 'engine');
    else if (p.ppid === rootPid) groupOf.set(p.pid, p.name === 'ffmpeg' ? 'ffmpeg' : cmd(p.pid).includes('broadcast-studio-pages-') ? 'pages' : 'compositor');
  }
  for (const p of all) {
    let g = groupOf.get(p.pid);
    let q = p;
    while (!g && q) {
      q = all.find((x) => x.pid === q.ppid);
      g = q && groupOf.get(q.pid);
    }
    out[g ?? 'compositor'] += p.cpuMs;
  }
  return out;
}

async function run(size) {
  const { child, url, cookie } = await startServer(mkdtempSync(path.join(work, 'data-')));
  const studio = await connect(url, cookie);
  try {
    await studio.call('video.set', { baseWidth: size.width, baseHeight: size.height, outputWidth: size.width, outputHeight: size.height, fpsNumerator: size.fps, fpsDenominator: 1 });
    const { sceneUuid } = await studio.call('scene.create', { name: 'Bench' });
    await studio.call('scene.setCurrent', { sceneUuid });
    const html = `data:text/html;base64,${Buffer.from(PAGE).toString('base64')}`;
    await studio.call('input.create', { sceneUuid, name: 'Page', kind: 'browser_source', settings: { url: html, width: size.width, height: size.height, css: '' } });
    await studio.next((e) => e.type === 'browser.frame');
    await studio.call('destination.upsert', { name: 'discard', server: 'rtmp://127.0.0.1/bench', key: 'bench', enabled: true });
    await studio.call('stream.start', {});
    await studio.next((e) => e.type === 'stream.state' && e.data.state === 'live');
    await sleep(4000);
    const first = await studio.next((e) => e.type === 'stream.stats');
    const cpu0 = cpu(child.pid);
    const f0 = { ...studio.frames };
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const last = await studio.next((e) => e.type === 'stream.stats');
    const cpu1 = cpu(child.pid);
    const wall = (performance.now() - t0) / 1000;
    const a = first.data.stats;
    const b = last.data.stats;
    const sent = b.framesSent - a.framesSent;
    const fresh = b.fresh !== undefined ? b.fresh - a.fresh : sent - (b.lagged - a.lagged) - (b.skipped - a.skipped) - ((b.unchanged ?? 0) - (a.unchanged ?? 0));
    const pageFrames = studio.frames.count - f0.count;
    await studio.call('stream.stop', {});
    return {
      pageFps: pageFrames / wall,
      pageFrameKiB: (studio.frames.bytes - f0.bytes) / Math.max(1, pageFrames) / 1024,
      freshFps: fresh / wall,
      laggedPerSec: (b.lagged - a.lagged) / wall,
      engineCores: (cpu1.engine - cpu0.engine) / 1000 / wall,
      pagesCores: (cpu1.pages - cpu0.pages) / 1000 / wall,
      compositorCores: (cpu1.compositor - cpu0.compositor) / 1000 / wall,
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
  const r = await run(size);
  results.runs.push({ size: size.name, ...r });
  console.log(`${size.name}: page ${r.pageFps.toFixed(1)} fps (${r.pageFrameKiB.toFixed(0)} KiB each), program fresh ${r.freshFps.toFixed(1)} fps`);
}
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/browser-source-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log('\n| size | page fps | KiB/frame | program fresh fps | lagged/s | engine cores | pages Chromium cores | compositor cores | ffmpeg cores |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results.runs) {
  console.log(
    `| ${r.size} | ${r.pageFps.toFixed(1)} | ${r.pageFrameKiB.toFixed(0)} | ${r.freshFps.toFixed(1)} | ${r.laggedPerSec.toFixed(1)} | ${r.engineCores.toFixed(2)} | ${r.pagesCores.toFixed(2)} | ${r.compositorCores.toFixed(2)} | ${r.ffmpegCores.toFixed(2)} |`,
  );
}
console.log(`\nsaved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}`);
