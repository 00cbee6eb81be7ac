#!/usr/bin/env node
/**
 * bench/destinations — what many destinations cost, and how fast they heal.
 *
 *   node bench/destinations.mjs [--seconds 20]
 *
 * 1. CPU of the engine process plus its FFmpeg children (one encoder, one pusher per destination;
 *    nginx excluded: it is the "internet") with 1, 2 and 4 destinations sharing one rendition,
 *    720p30 libx264 veryfast 2500 kbps CBR, fed moving synthetic frames at 30 fps, as a ratio to
 *    1 destination. Target ≤ 1.10: the encoder is shared, each extra destination is a copy. One
 *    encoder run steps through 1 → 2 → 4 → 2 → 1 destinations, so the windows compared share the
 *    encoder and the content; the 1-destination windows at both ends bracket the machine's drift.
 * 2. kill -9 of one of two servers: time until the other destination is confirmed unaffected (a
 *    stats report after the kill shows it still live with its bytes sent still growing), and time
 *    until the killed one is seen as lost.
 * 3. The killed server comes back on its port: time from its port opening until that destination
 *    is live again, next to the backoff wait it had announced.
 *
 * It drives the engine's StreamOutput directly (bundled from src/ with rolldown, as vitest would),
 * with nginx-rtmp from the test harness. Results print as a table and go to bench/results/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { machine, tree } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 20);
const FFMPEG = process.env.FFMPEG_PATH ?? process.env.FFMPEG_BIN ?? '/usr/bin/ffmpeg';
const W = 1280;
const H = 720;
const FPS = 30;
const video = { baseWidth: W, baseHeight: H, outputWidth: W, outputHeight: H, fpsNumerator: FPS, fpsDenominator: 1 };
const encoder = { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 160 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the engine, bundled from TypeScript ------------------------------------------------------

const bundleDir = mkdtempSync(path.join(tmpdir(), 'bench-destinations-'));
await build({
  input: {
    output: path.join(root, 'src/engine/output/stream-output.ts'),
    clock: path.join(root, 'src/engine/clock.ts'),
    nginx: path.join(root, 'test/harness/nginx-rtmp.ts'),
    frames: path.join(root, 'test/harness/frames.ts'),
  },
  platform: 'node',
  logLevel: 'warn',
  output: { dir: bundleDir, format: 'esm', entryFileNames: '[name].mjs' },
});
const load = (name) => import(pathToFileURL(path.join(bundleDir, `${name}.mjs`)).href);
const [{ StreamOutput }, { systemClock }, { startNginxRtmp }, { videoMessage, audioMessage, tone }] = await Promise.all(
  ['output', 'clock', 'nginx', 'frames'].map(load),
);

// ---- moving synthetic frames (a scrolling gradient and a box: every block changes, like real video)

const FRAMES = 60;
const frames = Array.from({ length: FRAMES }, (_, i) => {
  const f = new Uint8Array(W * H * 1.5);
  for (let y = 0; y < H; y++) {
    const row = y * W;
    for (let x = 0; x < W; x++) f[row + x] = 16 + ((x + 2 * y + 8 * i) % 219);
  }
  const bx = 100 + i * 15;
  for (let y = 200; y < 400; y++) f.fill(235, y * W + bx, y * W + bx + 200);
  for (let j = W * H; j < f.length; j += 2) {
    f[j] = 128 + (((j >> 7) + i) % 40) - 20;
    f[j + 1] = 128;
  }
  return videoMessage(f, W, H, i);
});

function feeder(out) {
  let n = 0;
  let sample = 0;
  let inFlight = 0;
  const timer = setInterval(() => {
    out.pushFrame(audioMessage(tone(440, sample, 1600), sample), () => {});
    sample += 1600;
    if (inFlight >= 3) return;
    inFlight++;
    out.pushFrame(frames[n++ % FRAMES], () => inFlight--);
  }, 1000 / FPS);
  return () => clearInterval(timer);
}

function rig() {
  const events = [];
  const waiters = new Set();
  const out = new StreamOutput({
    clock: systemClock,
    logger: { log: () => {} },
    emit: (event) => {
      events.push({ event, at: performance.now() });
      for (const w of [...waiters]) w();
    },
  });
  const waitFor = (pred, ms = 60_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = events.find((s) => pred(s.event, s.at));
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error('timed out waiting for an event'));
      }, ms);
      waiters.add(check);
      check();
    });
  return { out, events, waitFor };
}

/**
 * Resolves once every destination is live. One that failed its first connect (a loaded machine can
 * miss the connect timeout) is told to reconnect, and the fact is reported.
 */
async function allLive(out, ids, ms = 120_000) {
  const end = performance.now() + ms;
  const retried = [];
  for (;;) {
    const stats = out.destinationStats().filter((d) => ids.includes(d.id));
    if (stats.length === ids.length && stats.every((d) => d.state === 'live')) return retried;
    for (const d of stats) {
      if (d.state !== 'failed') continue;
      retried.push(`${d.name}: ${d.lastError}`);
      console.warn(`(${d.name} failed to connect: ${d.lastError}; reconnecting it)`);
      out.reconnectDestination(d.id);
    }
    if (performance.now() > end) throw new Error(`not all live within ${ms} ms: ${stats.map((d) => `${d.name} ${d.state}`).join(', ')}`);
    await sleep(250);
  }
}

const isState = (id, state, since = -Infinity) => (e, at) => e.type === 'destination.state' && e.data.id === id && e.data.state === state && at >= since;

// ---- 1. CPU with 1, 2 and 4 destinations on one rendition ---------------------------------------

/** CPU ms so far by part: this process (engine + frame feeding), the encoder, and each pusher. */
function cpuParts() {
  const parts = { engine: 0, encoder: 0, pushers: 0 };
  for (const p of tree(process.pid)) {
    if (p.pid === process.pid) parts.engine += p.cpuMs;
    else if (p.name === 'ffmpeg' && isEncoder(p.pid)) parts.encoder += p.cpuMs;
    else if (p.name === 'ffmpeg') parts.pushers += p.cpuMs;
  }
  return parts;
}

/** The encoder reads raw video; pushers read MPEG-TS. */
function isEncoder(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('rawvideo');
  } catch {
    return false;
  }
}

/**
 * One encoder run whose destination count steps 1 → 2 → 4 → 2 → 1, measuring `seconds` at each
 * step. Comparing windows of the same run, with the 1-destination windows at both ends, keeps the
 * drift of a shared machine's load out of the ratios as far as possible.
 */
async function cpuSteps(server) {
  const { out } = rig();
  const stop = feeder(out);
  const dest = (i) => ({ id: `d${i}`, name: `D${i}`, url: server.url(`bench-${i}`) });
  const windows = [];
  try {
    const started = await out.start({ ffmpegPath: FFMPEG, video, encoder, destinations: [dest(0)] });
    if (!started.ok) throw new Error(started.error.message);
    for (const count of [1, 2, 4, 2, 1]) {
      const running = out.destinationStats().filter((d) => d.state !== 'idle').map((d) => d.id);
      for (let i = running.length; i < count; i++) out.startDestination(dest(i));
      for (let i = running.length - 1; i >= count; i--) await out.stopDestination(`d${i}`);
      const retried = await allLive(out, Array.from({ length: count }, (_, i) => `d${i}`));
      await sleep(3000); // settle
      const cpu0 = cpuParts();
      const stats0 = out.stats();
      const t0 = performance.now();
      await sleep(seconds * 1000);
      const wall = (performance.now() - t0) / 1000;
      const cpu1 = cpuParts();
      const stats1 = out.stats();
      const cores = (k) => (cpu1[k] - cpu0[k]) / 1000 / wall;
      const w = {
        destinations: count,
        cores: cores('engine') + cores('encoder') + cores('pushers'),
        engineCores: cores('engine'),
        encoderCores: cores('encoder'),
        pusherCores: cores('pushers'),
        outputFps: (stats1.framesSent - stats0.framesSent) / wall,
        skippedPerSec: (stats1.skipped - stats0.skipped) / wall,
        dropped: out.destinationStats().reduce((n, d) => n + d.dropped, 0),
        loadAverage: loadavg(),
        retried,
      };
      windows.push(w);
      console.log(
        `${count} destination(s): ${w.cores.toFixed(3)} cores (engine ${w.engineCores.toFixed(3)}, encoder ${w.encoderCores.toFixed(3)}, ` +
          `pushers ${w.pusherCores.toFixed(3)}), output ${w.outputFps.toFixed(1)} fps, skipped ${w.skippedPerSec.toFixed(2)}/s, load ${w.loadAverage}`,
      );
    }
    return windows;
  } finally {
    stop();
    await out.stop();
    await out.dispose();
  }
}

// ---- 2 and 3. kill -9 one server, then bring it back ------------------------------------------

async function killRun(steady) {
  const victim = await startNginxRtmp();
  let revived = null;
  const { out, events, waitFor } = rig();
  const stop = feeder(out);
  try {
    const started = await out.start({
      ffmpegPath: FFMPEG,
      video,
      encoder,
      destinations: [
        { id: 'victim', name: 'Victim', url: victim.url('kill-victim') },
        { id: 'steady', name: 'Steady', url: steady.url('kill-steady') },
      ],
    });
    if (!started.ok) throw new Error(started.error.message);
    await allLive(out, ['victim', 'steady']);
    await sleep(3000);
    const before = out.destinationStats().find((d) => d.id === 'steady').bytesSent;
    const killedAt = performance.now();
    victim.kill('SIGKILL');
    const confirmed = await waitFor(
      (e, at) =>
        at > killedAt &&
        e.type === 'destination.stats' &&
        e.data.stats.some((d) => d.id === 'steady' && d.state === 'live' && d.bytesSent > before),
    );
    const lost = await waitFor(isState('victim', 'reconnecting', killedAt));
    await sleep(5000);
    const pending = events.filter((s) => s.event.type === 'destination.state' && s.event.data.id === 'victim' && s.event.data.state === 'reconnecting').at(-1);
    revived = await startNginxRtmp({ port: victim.port });
    const revivedAt = performance.now();
    const back = await waitFor(isState('victim', 'live', lost.at), 120_000);
    const steadyStates = events.filter((s) => s.event.type === 'destination.state' && s.event.data.id === 'steady').map((s) => s.event.data.state);
    return {
      killToOthersConfirmedMs: confirmed.at - killedAt,
      killToLostDetectedMs: lost.at - killedAt,
      returnToLiveMs: back.at - revivedAt,
      announcedBackoffMs: pending.event.data.retryInMs,
      retryAttempt: pending.event.data.attempt,
      steadyStates,
      steadyDropped: out.destinationStats().find((d) => d.id === 'steady').dropped,
    };
  } finally {
    stop();
    await out.stop();
    await out.dispose();
    await victim.stop();
    await revived?.stop();
  }
}

// ---- run -----------------------------------------------------------------------------------------

const server = await startNginxRtmp();
const loadavg = () => (os.loadavg()[0] ?? 0).toFixed(2);
const results = { date: new Date().toISOString(), machine: machine(), loadAverageAtStart: loadavg(), seconds, video: `${W}x${H}@${FPS}`, encoder, windows: [], cpu: [], kill: null };
try {
  results.windows = await cpuSteps(server);
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const of = (n) => results.windows.filter((w) => w.destinations === n);
  const base = mean(of(1).map((w) => w.cores));
  // The encoder's work does not depend on the destination count, but on a shared machine its CPU
  // time swings with the neighbours' load; the ratio "by parts" holds it at its mean over all
  // windows and adds what does depend on the count: the engine (fan-out) and the pushers.
  const encoderAll = mean(results.windows.map((w) => w.encoderCores));
  const parts = (n) => encoderAll + mean(of(n).map((w) => w.engineCores + w.pusherCores));
  for (const n of [1, 2, 4]) {
    const ws = of(n);
    results.cpu.push({
      destinations: n,
      cores: mean(ws.map((w) => w.cores)),
      ratio: mean(ws.map((w) => w.cores)) / base,
      ratioByParts: parts(n) / parts(1),
      pusherCoresEach: mean(ws.map((w) => w.pusherCores)) / n,
      encoderCores: mean(ws.map((w) => w.encoderCores)),
      engineCores: mean(ws.map((w) => w.engineCores)),
    });
  }
  results.kill = await killRun(server);
} finally {
  await server.stop();
  rmSync(bundleDir, { recursive: true, force: true });
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/destinations-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log('\n| destinations on one rendition | cores (engine + encoder + pushers) | ratio to 1 | ratio by parts | encoder cores | engine cores | cores per pusher |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results.cpu) {
  console.log(
    `| ${r.destinations} | ${r.cores.toFixed(3)} | ${r.ratio.toFixed(3)} | ${r.ratioByParts.toFixed(3)} | ${r.encoderCores.toFixed(3)} | ${r.engineCores.toFixed(3)} | ${r.pusherCoresEach.toFixed(4)} |`,
  );
}
const k = results.kill;
console.log('\n| kill -9 of one of two servers | ms |');
console.log('|---|---|');
console.log(`| kill → other destination confirmed unaffected (live, bytes growing) | ${k.killToOthersConfirmedMs.toFixed(0)} |`);
console.log(`| kill → killed destination seen as lost (reconnecting) | ${k.killToLostDetectedMs.toFixed(0)} |`);
console.log(`| server back → that destination live again | ${k.returnToLiveMs.toFixed(0)} (announced backoff ${k.announcedBackoffMs} ms, retry ${k.retryAttempt}) |`);
console.log(`\nsteady destination states: ${k.steadyStates.join(' → ')}, dropped ${k.steadyDropped}`);
console.log(`saved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}`);
