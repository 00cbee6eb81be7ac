#!/usr/bin/env node
/**
 * bench/obs-peer — the same scene in OBS Studio and in our studio, on the same machine in the same
 * run: fresh frames per second (frames actually composited, not the output timeline, which repeats
 * frames when compositing lags) and the CPU of each process tree, at 1280×720@30 and 1920×1080@30.
 *
 *   npm run build && node bench/obs-peer.mjs [--seconds 20]
 *
 * The scene, built in both through the same obs-websocket v5 requests (obs-websocket-js): a looping
 * 1080p30 H.264 clip (FFmpeg's testsrc2, so every frame differs) filling the canvas, with two filters
 * (color_filter_v2, sharpness_filter_v2), two color_source_v3 quads and a text_ft2_source_v2.
 * Variants, to see what each part costs: --filters color|sharpness|none, --clip canvas (a clip at the
 * canvas's own size) or none (no clip, and so no filters).
 *
 * OBS: Debian's obs-studio (installed with apt-get when missing; needs root), which ships the
 * obs-websocket plugin. It runs under a private Xvfb with software GL (LIBGL_ALWAYS_SOFTWARE=1:
 * Mesa's llvmpipe, as our headless Chromium uses SwiftShader), from a private HOME and
 * XDG_CONFIG_HOME holding its global.ini (websocket on a free port with a password, first-run
 * wizard and preview off) and a profile (canvas size, 30 fps, simple output: x264 veryfast CBR
 * 2500 kbps, tune=zerolatency like ours). It records to a throwaway mkv (it has no null output).
 * Fresh fps: GetStats' renderTotalFrames − renderSkippedFrames over the window.
 *
 * Ours: server mode with --headless (the compositor in headless Chromium), streaming to FFmpeg's
 * null muxer (STUDIO_OUTPUT_SINK=null) with libx264 veryfast 2500 kbps zerolatency. Fresh fps: the
 * frame pump's fresh count in stream.stats (as bench/frame-path.mjs). The server runs with V8's
 * --trace-gc, and the engine's collections in the window are reported (engineGc).
 *
 * CPU: /proc per process tree (bench/proc.mjs), in cores: OBS's tree, Xvfb apart (the X server
 * OBS needs and we do not; OBS renders with llvmpipe in its own process), our engine + Chromium +
 * FFmpeg. The load average is saved with every run: a busy machine slows both.
 * Results print as a table and are saved to bench/results/; copy them into docs/PERFORMANCE.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import OBSWebSocket from 'obs-websocket-js';
import WebSocket from 'ws';
import { cpuGroups, machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 20;
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const sizes = [
  { name: '720p30', width: 1280, height: 720, fps: 30 },
  { name: '1080p30', width: 1920, height: 1080, fps: 30 },
];
/** --only obs|ours runs one side (e.g. to rerun ours after a change); --size 720p30|1080p30 one size. */
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
const only = arg('--only');
const sizeArg = arg('--size');
// --filters color,sharpness (default both) or none: which of the clip's two filters to add, to see what each costs.
const filterArg = arg('--filters') ?? 'color,sharpness';
const filterSet = new Set(filterArg === 'none' ? [] : filterArg.split(','));
// --clip 1080p (default): one 1080p clip, scaled to the canvas; canvas: a clip made at each canvas's
// own size, laid 1:1; none: no clip and so no filters (what the scene costs when its video is absent).
const clipArg = arg('--clip') ?? '1080p';
if (!['1080p', 'canvas', 'none'].includes(clipArg)) throw new Error(`--clip must be 1080p, canvas or none (got ${clipArg})`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (pid) => tree(pid).reduce((n, p) => n + p.cpuMs, 0);
const load = () => os.loadavg().map((v) => Number(v.toFixed(2)));

// ---- OBS Studio -----------------------------------------------------------------------------------

function ensureObs() {
  const has = () => spawnSync('sh', ['-c', 'command -v obs'], { encoding: 'utf8' }).status === 0;
  if (!has()) {
    console.log('obs-studio is missing: installing it with apt-get (Debian 12 ships 29.0.2)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'obs-studio'], { stdio: 'inherit', env });
  }
  const version = execFileSync('obs', ['--version'], { encoding: 'utf8' }).trim();
  // Debian's package builds obs-websocket 5 in; without it this bench cannot drive OBS.
  const dirs = ['/usr/lib/x86_64-linux-gnu/obs-plugins', '/usr/lib/aarch64-linux-gnu/obs-plugins', '/usr/lib/obs-plugins', '/usr/local/lib/obs-plugins'];
  const plugin = dirs.map((d) => path.join(d, 'obs-websocket.so')).find((f) => existsSync(f));
  if (!plugin) throw new Error(`${version} has no obs-websocket plugin (looked in ${dirs.join(', ')}); this bench drives OBS through it.`);
  return { version, plugin };
}

function freeTcpPort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** A private X display (as test/harness/xvfb.ts: Xvfb picks the number, -displayfd says it). */
async function startXvfb(width, height) {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const num = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display number:\n${log}`)), 20_000);
    child.stdio[3].on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve(Number(out.trim()));
    });
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`Xvfb exited ${code}:\n${log}`))));
  });
  return { child, display: `:${num}` };
}

async function stop(child, ms = 8000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  await gone;
  clearTimeout(timer);
}

/** OBS's global.ini and a profile for this size, under a private config home. */
function obsConfig(home, size, wsPort, wsPassword, recordDir) {
  const config = path.join(home, '.config', 'obs-studio');
  const profile = path.join(config, 'basic', 'profiles', 'Bench');
  mkdirSync(profile, { recursive: true });
  writeFileSync(
    path.join(config, 'global.ini'),
    [
      '[General]',
      'FirstRun=true', // no auto-configuration wizard
      'LastVersion=486539266', // 29.0.2: no "what's new"
      'EnableAutoUpdates=false',
      'ConfirmOnExit=false',
      '',
      '[BasicWindow]',
      // Our server mode draws no preview; OBS's would cost it a second llvmpipe render a frame.
      'PreviewEnabled=false',
      'SysTrayEnabled=false',
      '',
      '[OBSWebSocket]',
      'FirstLoad=false',
      'ServerEnabled=true',
      `ServerPort=${wsPort}`,
      'AlertsEnabled=false',
      'AuthRequired=true',
      `ServerPassword=${wsPassword}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.join(profile, 'basic.ini'),
    [
      '[General]',
      'Name=Bench',
      '',
      '[Video]',
      `BaseCX=${size.width}`,
      `BaseCY=${size.height}`,
      `OutputCX=${size.width}`,
      `OutputCY=${size.height}`,
      'FPSType=1',
      `FPSInt=${size.fps}`,
      'ColorFormat=NV12',
      'ColorSpace=709',
      'ColorRange=Partial',
      '',
      '[Output]',
      'Mode=Simple',
      '',
      '[SimpleOutput]',
      `FilePath=${recordDir}`,
      'RecFormat=mkv',
      'VBitrate=2500',
      'ABitrate=160',
      'UseAdvanced=true',
      'Preset=veryfast',
      'x264Settings=tune=zerolatency',
      'StreamEncoder=x264',
      'RecQuality=Stream',
      'RecEncoder=x264',
      '',
      '[Audio]',
      'SampleRate=48000',
      'ChannelSetup=Stereo',
      '',
    ].join('\n'),
  );
  return config;
}

async function connectObsWebSocket(url, password, alive, ms = 90_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const obs = new OBSWebSocket();
    try {
      await obs.connect(url, password);
      return obs;
    } catch (error) {
      if (!alive() || Date.now() > deadline) throw new Error(`no obs-websocket at ${url}: ${error.message}`);
      await sleep(500);
    }
  }
}

async function runObs(size, clip, work) {
  const home = mkdtempSync(path.join(work, 'obs-home-'));
  const recordDir = mkdtempSync(path.join(work, 'obs-rec-'));
  const wsPort = await freeTcpPort();
  const wsPassword = randomBytes(12).toString('hex');
  const config = obsConfig(home, size, wsPort, wsPassword, recordDir);
  const x = await startXvfb(size.width, size.height);
  const child = spawn('obs', ['--multi', '--disable-updater', '--disable-missing-files-check', '--minimize-to-tray', '--profile', 'Bench'], {
    cwd: home,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), DISPLAY: x.display, LIBGL_ALWAYS_SOFTWARE: '1', QT_QPA_PLATFORM: 'xcb' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-8000)));
  const alive = () => child.exitCode === null && child.signalCode === null;
  let obs;
  try {
    obs = await connectObsWebSocket(`ws://127.0.0.1:${wsPort}`, wsPassword, alive).catch((e) => {
      throw new Error(`${e.message}\nOBS said:\n${stderr}`);
    });
    const { obsVersion, obsWebSocketVersion } = await obs.call('GetVersion');
    await obs.call('SetVideoSettings', { baseWidth: size.width, baseHeight: size.height, outputWidth: size.width, outputHeight: size.height, fpsNumerator: size.fps, fpsDenominator: 1 });
    await buildScene(obs, size, clip);
    await sleep(3000); // the clip opens, the text renders
    await obs.call('StartRecord');
    // Recording, and frames reach the encoder (a busy machine takes a while).
    for (let i = 0; i < 1200 && (await obs.call('GetStats')).outputTotalFrames < 10; i++) await sleep(100);
    await sleep(3000); // settle
    const a = await obs.call('GetStats');
    const cpu0 = cpuMs(child.pid);
    const x0 = cpuMs(x.child.pid);
    const load0 = load();
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const b = await obs.call('GetStats');
    const cpu1 = cpuMs(child.pid);
    const x1 = cpuMs(x.child.pid);
    const wall = (performance.now() - t0) / 1000;
    const load1 = load();
    await obs.call('StopRecord');
    const rendered = b.renderTotalFrames - b.renderSkippedFrames - (a.renderTotalFrames - a.renderSkippedFrames);
    return {
      version: `OBS ${obsVersion}, obs-websocket ${obsWebSocketVersion}`,
      freshFps: rendered / wall,
      renderLaggedPerSec: (b.renderSkippedFrames - a.renderSkippedFrames) / wall,
      outputFps: (b.outputTotalFrames - a.outputTotalFrames) / wall,
      outputSkippedPerSec: (b.outputSkippedFrames - a.outputSkippedFrames) / wall,
      renderMs: b.averageFrameRenderTime,
      cores: (cpu1 - cpu0) / 1000 / wall,
      xvfbCores: (x1 - x0) / 1000 / wall,
      load: [load0, load1],
      encoder: encoderLine(config),
      stats: [a, b],
    };
  } finally {
    await obs?.disconnect().catch(() => {});
    await stop(child);
    await stop(x.child);
    rmSync(recordDir, { recursive: true, force: true });
  }
}

/** What OBS's log says about its x264 encoder, to show it encoded as configured. */
function encoderLine(config) {
  try {
    const dir = path.join(config, 'logs');
    const log = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const lines = log.split('\n').filter((l) => /\[x264 encoder|preset:|bitrate:|x264 options/.test(l));
    return lines.slice(0, 8).map((l) => l.replace(/^\S+:\s*/, '').trim()).join(' | ');
  } catch {
    return null;
  }
}

// ---- The scene (the same requests to both) --------------------------------------------------------

async function buildScene(obs, size, clip) {
  const sceneName = 'Bench';
  await obs.call('CreateScene', { sceneName });
  await obs.call('SetCurrentProgramScene', { sceneName });
  const k = size.width / 1920;
  const add = async (inputName, inputKind, inputSettings, transform) => {
    const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName, inputKind, inputSettings });
    if (transform) await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: transform });
  };
  if (clip) {
    const scale = size.width / clip.width;
    await add('Bench clip', 'ffmpeg_source', { is_local_file: true, local_file: clip.file, looping: true }, { scaleX: scale, scaleY: scale });
    if (filterSet.has('color')) await obs.call('CreateSourceFilter', { sourceName: 'Bench clip', filterName: 'Grade', filterKind: 'color_filter_v2', filterSettings: { saturation: 0.4, contrast: 0.1, brightness: 0.02 } });
    if (filterSet.has('sharpness')) await obs.call('CreateSourceFilter', { sourceName: 'Bench clip', filterName: 'Sharpen', filterKind: 'sharpness_filter_v2', filterSettings: { sharpness: 0.3 } });
  }
  await add('Bench quad A', 'color_source_v3', { color: 0xc03060c0, width: Math.round(size.width / 4), height: Math.round(size.height / 4) }, { positionX: size.width / 16, positionY: size.height / 16 });
  await add('Bench quad B', 'color_source_v3', { color: 0xc0c08030, width: Math.round(size.width / 4), height: Math.round(size.height / 6) }, { positionX: size.width * 0.7, positionY: size.height * 0.75 });
  await add('Bench title', 'text_ft2_source_v2', { text: 'Broadcast Studio bench', font: { face: 'Sans Serif', size: Math.round(64 * k), style: 'Regular', flags: 0 }, color1: 0xffffffff, color2: 0xffffffff }, { positionX: size.width / 16, positionY: size.height * 0.85 });
}

// ---- Our studio -----------------------------------------------------------------------------------

/**
 * The engine's garbage collections, from V8's --trace-gc lines on its stdout: each one's kind and
 * the engine thread's time in it (the pause plus, for a full collection, its incremental steps).
 */
function gcTally() {
  const events = [];
  let partial = '';
  return {
    feed(chunk) {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        const m = /ms: (Mark-Compact|Scavenge|Minor Mark-Compact)[^,]*, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in)?/.exec(line);
        if (m) events.push({ at: performance.now(), full: m[1] === 'Mark-Compact', ms: Number(m[2]) + Number(m[3] ?? 0) });
      }
    },
    between(t0, t1) {
      const inside = events.filter((e) => e.at >= t0 && e.at <= t1);
      const sum = (list) => list.reduce((n, e) => n + e.ms, 0);
      const full = inside.filter((e) => e.full);
      return { full: full.length, fullMs: sum(full), young: inside.length - full.length, youngMs: sum(inside) - sum(full) };
    },
  };
}

function startServer(dataDir) {
  // --trace-gc: the engine's collections are part of its CPU (see gcTally).
  const child = spawn(process.execPath, ['--trace-gc', path.join(root, 'out/main/server.js'), '--port', '0', '--ws-port', '0', '--data-dir', dataDir, '--headless'], {
    env: { ...process.env, STUDIO_OUTPUT_SINK: 'null' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gc = gcTally();
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  child.stdout.on('data', (d) => gc.feed(String(d)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      if (log.includes('ready at')) return;
      log += d;
      const m = /ready at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([\w-]+)/.exec(log);
      if (m) resolve({ child, gc, url: m[1], cookie: `studio-${m[2]}=${m[3]}` });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${log}`)));
  });
}

/** The studio's own socket: outputs and their stats (obs-websocket has no fresh-frame count). */
function connect(url, cookie) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/studio`, { origin: url, headers: { Cookie: cookie } });
  let id = 0;
  const pending = new Map();
  const listeners = new Set();
  ws.on('message', (data, binary) => {
    if (binary) return;
    const m = JSON.parse(String(data));
    if (m.t === 'reply') pending.get(m.id)?.(m.result);
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
  return new Promise((resolve) => ws.once('open', () => resolve({ call, next, close: () => ws.close() })));
}

async function runOurs(size, clip, work) {
  const dataDir = mkdtempSync(path.join(work, 'studio-'));
  const { child, gc, url, cookie } = await startServer(dataDir);
  const studio = await connect(url, cookie);
  let obs;
  try {
    const info = await studio.call('remote.info', {});
    obs = new OBSWebSocket();
    await obs.connect(info.url, info.password);
    await obs.call('SetVideoSettings', { baseWidth: size.width, baseHeight: size.height, outputWidth: size.width, outputHeight: size.height, fpsNumerator: size.fps, fpsDenominator: 1 });
    await buildScene(obs, size, clip);
    await studio.call('destination.upsert', { name: 'discard', server: 'rtmp://127.0.0.1/bench', key: 'bench', enabled: true });
    await sleep(5000); // the headless compositor loads and claims output; the clip opens
    await studio.call('stream.start', {});
    await studio.next((e) => e.type === 'stream.state' && e.data.state === 'live');
    // The compositor is drawing: fresh frames reach the encoder (a busy machine takes a while).
    await studio.next((e) => e.type === 'stream.stats' && (e.data.stats.fresh ?? 0) > 0, 180_000);
    await sleep(3000); // settle
    const first = await studio.next((e) => e.type === 'stream.stats');
    const cpu0 = cpuGroups(child.pid);
    const load0 = load();
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const last = await studio.next((e) => e.type === 'stream.stats');
    const cpu1 = cpuGroups(child.pid);
    const t1 = performance.now();
    const wall = (t1 - t0) / 1000;
    const load1 = load();
    const collections = gc.between(t0, t1);
    const a = first.data.stats;
    const b = last.data.stats;
    // Which GL backend the page drew with (the probe's choice, or STUDIO_GL), and why.
    const health = await fetch(new URL('/healthz', url)).then((r) => r.json()).catch(() => ({}));
    await studio.call('stream.stop', {});
    const sent = b.framesSent - a.framesSent;
    const total = (g) => g.engine + g.browser + g.ffmpeg;
    return {
      freshFps: (b.fresh - a.fresh) / wall,
      unchangedPerSec: ((b.unchanged ?? 0) - (a.unchanged ?? 0)) / wall,
      laggedPerSec: (b.lagged - a.lagged) / wall,
      skippedPerSec: (b.skipped - a.skipped) / wall,
      outputFps: sent / wall,
      renderMs: b.renderMs,
      cores: (total(cpu1) - total(cpu0)) / 1000 / wall,
      engineCores: (cpu1.engine - cpu0.engine) / 1000 / wall,
      browserCores: (cpu1.browser - cpu0.browser) / 1000 / wall,
      ffmpegCores: (cpu1.ffmpeg - cpu0.ffmpeg) / 1000 / wall,
      engineGc: { fullPerSec: collections.full / wall, youngPerSec: collections.young / wall, cores: (collections.fullMs + collections.youngMs) / 1000 / wall },
      load: [load0, load1],
      gl: health.renderer ? { backend: health.renderer.backend, source: health.renderer.source, reason: health.renderer.reason } : null,
      stats: [a, b],
    };
  } catch (error) {
    const log = readFileSync(path.join(dataDir, 'logs', 'studio.log'), 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${error.message}\nthe studio's log ends:\n${log}`);
  } finally {
    await obs?.disconnect().catch(() => {});
    studio.close();
    await stop(child, 10_000);
  }
}

// ---- Run ------------------------------------------------------------------------------------------

const peer = ensureObs();
const work = mkdtempSync(path.join(tmpdir(), 'bench-obs-peer-'));
/** A looping 30 fps H.264 clip with sound, every frame different (testsrc2). */
function makeClip(width, height) {
  const file = path.join(work, `clip-${height}p30.mp4`);
  if (!existsSync(file)) {
    execFileSync(FFMPEG, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30:duration=10`, '-f', 'lavfi', '-i', 'sine=frequency=440:duration=10',
      '-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-b:v', '6000k', '-g', '60', '-c:a', 'aac', '-movflags', '+faststart', file,
    ]);
  }
  return { file, width, height };
}

const results = { date: new Date().toISOString(), machine: machine(), loadBefore: load(), seconds, peer, clip: clipArg, filters: [...filterSet], runs: [] };
try {
  for (const size of sizes.filter((s) => !sizeArg || s.name === sizeArg)) {
    const clip = clipArg === 'none' ? null : clipArg === 'canvas' ? makeClip(size.width, size.height) : makeClip(1920, 1080);
    const theirs = only === 'ours' ? null : await runObs(size, clip, work);
    if (theirs) console.log(`${size.name} OBS: fresh ${theirs.freshFps.toFixed(1)} fps, ${theirs.cores.toFixed(2)} cores (+ Xvfb ${theirs.xvfbCores.toFixed(2)}), load ${theirs.load[1].join(' ')}`);
    const ours = only === 'obs' ? null : await runOurs(size, clip, work);
    if (ours) console.log(`${size.name} ours: fresh ${ours.freshFps.toFixed(1)} fps, ${ours.cores.toFixed(2)} cores, load ${ours.load[1].join(' ')}`);
    results.runs.push({ size: size.name, obs: theirs, ours, freshRatio: ours && theirs ? ours.freshFps / theirs.freshFps : null, cpuRatio: ours && theirs ? ours.cores / theirs.cores : null });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
results.loadAfter = load();
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const variant = [only, clipArg !== '1080p' && `clip-${clipArg}`, filterArg !== 'color,sharpness' && `filters-${filterArg.replace(',', '+')}`].filter(Boolean);
const file = path.join(root, `bench/results/obs-peer-${results.date.slice(0, 10)}${variant.map((v) => `-${v}`).join('')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));

const f = (n, d = 1) => n.toFixed(d);
console.log('\n| size | who | fresh fps | output fps | lagged/s | render ms | CPU cores (tree) | detail | load avg (1 min, end) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results.runs) {
  const o = r.obs;
  const u = r.ours;
  if (o) console.log(`| ${r.size} | OBS ${peer.version.replace(/^OBS Studio - /, '')} | ${f(o.freshFps)} | ${f(o.outputFps)} | ${f(o.renderLaggedPerSec)} render, ${f(o.outputSkippedPerSec)} encode | ${f(o.renderMs, 2)} | ${f(o.cores, 2)} | Xvfb ${f(o.xvfbCores, 2)} more | ${o.load[1][0]} |`);
  if (u) console.log(`| ${r.size} | ours | ${f(u.freshFps)} | ${f(u.outputFps)} | ${f(u.laggedPerSec)} lagged, ${f(u.skippedPerSec)} encode | ${f(u.renderMs, 2)} | ${f(u.cores, 2)} | engine ${f(u.engineCores, 2)} (GC ${f(u.engineGc.cores, 2)}: ${f(u.engineGc.fullPerSec)} full/s), browser ${f(u.browserCores, 2)}, ffmpeg ${f(u.ffmpegCores, 2)}; GL ${u.gl ? `${u.gl.backend} (${u.gl.source})` : '?'} | ${u.load[1][0]} |`);
}
console.log('\n| size | ours ÷ OBS fresh fps | ours ÷ OBS CPU | goal |');
console.log('|---|---|---|---|');
for (const r of results.runs.filter((x) => x.obs && x.ours)) {
  const goal = r.size === '720p30' ? `30 fresh fps on ≤ OBS's CPU: ${r.ours.freshFps >= 29.5 && r.cpuRatio <= 1 ? 'met' : 'not met'}` : `≥ 1.5× OBS's fresh fps: ${r.freshRatio >= 1.5 ? 'met' : 'not met'}`;
  console.log(`| ${r.size} | ${f(r.freshRatio, 2)} | ${f(r.cpuRatio, 2)} | ${goal} |`);
}
console.log(`\nsaved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}; load average before ${results.loadBefore.join(' ')}, after ${results.loadAfter.join(' ')}`);
