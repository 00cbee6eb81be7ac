#!/usr/bin/env node
/**
 * bench/av-drift — does the sound stay on the picture over an hour?
 *
 *   npx electron-vite build && node bench/av-drift.mjs [--minutes 5] [--sim-minutes 60]
 *
 * Two measurements, stated separately:
 *
 * 1. Simulated hour (exact, fast): src/engine/output/av-sync.test.ts run with AV_SYNC_SIM_MINUTES,
 *    the real FramePump + AvSyncController on a fake clock fed by a simulated renderer whose audio
 *    clock runs 300 ppm slow and 300 ppm fast against the frame clock (three times ordinary crystal
 *    error), with delivery jitter. Every written slot is read back (pictures carry their stamp,
 *    sound is a ramp of page time) and the offset of sound against picture is compared between the
 *    first and the last minute.
 * 2. Real run (--minutes of wall time): server mode, headless Chromium, a looping flash + beep
 *    media source, the output encoded and discarded (STUDIO_OUTPUT_SINK=null). Each second's stats
 *    carry the studio's A/V figure (avOffsetMs: sound − picture of what the encoder gets, by the
 *    renderer's stamps) and the resampling applied (audioDriftPpm). The offset's slope over the run
 *    (least squares) is extrapolated to 60 minutes; the correction says how far the sound would have
 *    moved in an hour without it.
 *
 * Results print and are saved to bench/results/av-drift-<date>.json; copy them into docs/PERFORMANCE.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { machine } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, def) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : def);
const minutes = arg('--minutes', 5);
const simMinutes = arg('--sim-minutes', 60);
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? 'ffmpeg';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- 1. the simulated hour -------------------------------------------------------------------
function simulate() {
  if (simMinutes <= 0) return [];
  console.log(`simulating ${simMinutes} minutes at -300 and +300 ppm (vitest, fake clock)…`);
  let out = '';
  try {
    out = execFileSync('npx', ['vitest', 'run', 'src/engine/output/av-sync.test.ts', '-t', 'simulated minutes', '--testTimeout', String(simMinutes * 60_000)], {
      cwd: root,
      env: { ...process.env, AV_SYNC_SIM_MINUTES: String(simMinutes) },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
  } catch (err) {
    out = String(err.stdout ?? '') + String(err.stderr ?? '');
    console.error('the simulation failed:\n' + out.slice(-4000));
  }
  const lines = out.split('\n').filter((l) => /av-sync \d+ min at/.test(l)).map((l) => l.replace(/^.*?(av-sync)/, '$1').trim());
  for (const l of lines) console.log('  ' + l);
  return lines;
}

// ---- 2. the real run -------------------------------------------------------------------------
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
  const on = (l) => (listeners.add(l), () => listeners.delete(l));
  return new Promise((resolve) => ws.once('open', () => resolve({ call, next, on, close: () => ws.close() })));
}

function fit(points) {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return { slope: sxx > 0 ? sxy / sxx : 0, mean: my };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

async function realRun() {
  if (minutes <= 0) return null;
  const work = mkdtempSync(path.join(tmpdir(), 'bench-av-drift-'));
  const clip = path.join(work, 'flash-beep.mp4');
  execFileSync(FFMPEG, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', "color=c=black:s=640x360:r=30:d=4,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)',format=yuv420p",
    '-f', 'lavfi', '-i', "aevalsrc='if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:d=4",
    '-c:v', 'libx264', '-g', '30', '-c:a', 'aac', '-movflags', '+faststart', '-t', '4', clip,
  ]);
  const { child, url, cookie } = await startServer(mkdtempSync(path.join(work, 'data-')));
  const studio = await connect(url, cookie);
  const samples = [];
  try {
    await studio.call('video.set', { baseWidth: 640, baseHeight: 360, outputWidth: 640, outputHeight: 360, fpsNumerator: 30, fpsDenominator: 1 });
    const { sceneUuid } = await studio.call('scene.create', { name: 'Drift' });
    await studio.call('scene.setCurrent', { sceneUuid });
    await studio.call('input.create', { sceneUuid, name: 'Clip', kind: 'ffmpeg_source', settings: { local_file: clip, looping: true } });
    await studio.call('destination.upsert', { name: 'discard', server: 'rtmp://127.0.0.1/bench', key: 'bench', enabled: true });
    await sleep(3000);
    await studio.call('stream.start', {});
    await studio.next((e) => e.type === 'stream.state' && e.data.state === 'live');
    const t0 = performance.now();
    const off = studio.on((e) => {
      if (e.type !== 'stream.stats') return;
      const s = e.data.stats;
      samples.push({ t: (performance.now() - t0) / 60_000, avOffsetMs: s.avOffsetMs ?? null, audioDriftPpm: s.audioDriftPpm ?? null, lagged: s.lagged, framesSent: s.framesSent });
    });
    console.log(`real run: ${minutes} minutes of a looping flash + beep media source…`);
    await sleep(minutes * 60_000);
    off();
    await studio.call('stream.stop', {});
  } finally {
    studio.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  // The first 20 s settle (the first window sets the error held); the rest is judged.
  const judged = samples.filter((s) => s.t >= 20 / 60 && s.avOffsetMs !== null);
  const f = fit(judged.map((s) => ({ x: s.t, y: s.avOffsetMs })));
  const firstMin = judged.filter((s) => s.t < 20 / 60 + 1).map((s) => s.avOffsetMs);
  const lastMin = judged.filter((s) => s.t >= minutes - 1).map((s) => s.avOffsetMs);
  const ppm = samples.at(-1)?.audioDriftPpm ?? null;
  const last = samples.at(-1);
  return {
    minutes,
    samples: judged.length,
    firstMinuteMedianMs: median(firstMin),
    lastMinuteMedianMs: median(lastMin),
    slopeMsPerMinute: f.slope,
    extrapolated60MinMs: f.slope * 60,
    correctionPpm: ppm,
    uncorrectedMsPerHour: ppm === null ? null : (ppm * 1e-6) * 3600 * 1000,
    laggedShare: last ? last.lagged / Math.max(1, last.framesSent) : null,
    series: samples,
  };
}

const sim = simulate();
const real = await realRun();
const results = { date: new Date().toISOString(), machine: machine(), simulation: sim, real };
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/av-drift-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
if (real) {
  console.log(
    `real ${real.minutes} min: offset first minute ${real.firstMinuteMedianMs?.toFixed(1)} ms, last ${real.lastMinuteMedianMs?.toFixed(1)} ms, ` +
      `slope ${real.slopeMsPerMinute.toFixed(3)} ms/min → ${real.extrapolated60MinMs.toFixed(1)} ms in 60 min; ` +
      `correction ${real.correctionPpm?.toFixed(1)} ppm (uncorrected: ${real.uncorrectedMsPerHour?.toFixed(0)} ms an hour); lagged ${(100 * (real.laggedShare ?? 0)).toFixed(1)} %`,
  );
}
console.log(`saved ${path.relative(root, file)}`);
