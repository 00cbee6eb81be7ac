#!/usr/bin/env node
/**
 * bench/destinations — what many destinations cost, and how fast they heal.
 *
 *   node bench/destinations.mjs [--seconds 20]
 *
 * 1. CPU of the engine process plus its FFmpeg children (one encoder, one pusher per destination;
 *    nginx excluded: it is the "internet") with 1, 2 and 4 destinations sharing one rendition,
 *    720p30 libx264 veryfast 2500 kbps CBR, fed moving synthetic frames at 30 fps, as a ratio to
 *    1 destination. Target ≤ 1.10: the encoder is shared, each extra destination is a copy.
 * 2. kill -9 of one of two servers: time until the other destination is confirmed unaffected (a
 *    stats report after the kill shows it still live with its bytes sent still growing), and time
 *    until the killed one is seen as lost.
 * 3. The killed server comes back on its port: time from its port opening until that destination
 *    is live again, next to the backoff wait it had announced.
 *
 * It drives the engine's StreamOutput directly (bundled from src/ with rolldown, as vitest would),
 * with nginx-rtmp from the test harness. Results print as a table and go to bench/results/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** CPU ms so far of this process and its FFmpeg children (nginx, also our child, is left out). */
function engineCpuMs() {
  return tree(process.pid)
    .filter((p) => p.pid === process.pid || p.name === 'ffmpeg')
    .reduce((n, p) => n + p.cpuMs, 0);
}

// ---- 1. CPU with 1, 2 and 4 destinations on one rendition ---------------------------------------

async function cpuRun(server, count) {
  const { out } = rig();
  const stop = feeder(out);
  try {
    const destinations = Array.from({ length: count }, (_, i) => ({ id: `d${i}`, name: `D${i}`, url: server.url(`bench-${count}-${i}`) }));
    const started = await out.start({ ffmpegPath: FFMPEG, video, encoder, destinations });
    if (!started.ok) throw new Error(started.error.message);
    const retried = await allLive(out, destinations.map((d) => d.id));
    await sleep(3000); // settle
    const cpu0 = engineCpuMs();
    const stats0 = out.stats();
    const t0 = performance.now();
    await sleep(seconds * 1000);
    const wall = (performance.now() - t0) / 1000;
    const cpu = (engineCpuMs() - cpu0) / 1000 / wall;
    const stats1 = out.stats();
    const dests = out.destinationStats();
    return {
      destinations: count,
      cores: cpu,
      outputFps: (stats1.framesSent - stats0.framesSent) / wall,
      skippedPerSec: (stats1.skipped - stats0.skipped) / wall,
      droppedPerDestination: dests.map((d) => d.dropped),
      retried,
    };
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
const results = { date: new Date().toISOString(), machine: machine(), loadAverageAtStart: loadavg(), seconds, video: `${W}x${H}@${FPS}`, encoder, cpu: [], kill: null };
try {
  for (const count of [1, 2, 4]) {
    const r = await cpuRun(server, count);
    r.loadAverage = loadavg();
    results.cpu.push(r);
    console.log(`${count} destination(s): ${r.cores.toFixed(3)} cores, output ${r.outputFps.toFixed(1)} fps, skipped ${r.skippedPerSec.toFixed(2)}/s, load average ${r.loadAverage}`);
  }
  const base = results.cpu[0].cores;
  for (const r of results.cpu) r.ratio = r.cores / base;
  results.kill = await killRun(server);
} finally {
  await server.stop();
  rmSync(bundleDir, { recursive: true, force: true });
}

mkdirSync(path.join(root, 'bench/results'), { recursive: true });
const file = path.join(root, `bench/results/destinations-${results.date.slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log('\n| destinations on one rendition | cores (engine + FFmpeg) | ratio to 1 | output fps | skipped/s | 1-min load average after |');
console.log('|---|---|---|---|---|---|');
for (const r of results.cpu) console.log(`| ${r.destinations} | ${r.cores.toFixed(3)} | ${r.ratio.toFixed(3)} | ${r.outputFps.toFixed(1)} | ${r.skippedPerSec.toFixed(2)} | ${r.loadAverage} |`);
const k = results.kill;
console.log('\n| kill -9 of one of two servers | ms |');
console.log('|---|---|');
console.log(`| kill → other destination confirmed unaffected (live, bytes growing) | ${k.killToOthersConfirmedMs.toFixed(0)} |`);
console.log(`| kill → killed destination seen as lost (reconnecting) | ${k.killToLostDetectedMs.toFixed(0)} |`);
console.log(`| server back → that destination live again | ${k.returnToLiveMs.toFixed(0)} (announced backoff ${k.announcedBackoffMs} ms, retry ${k.retryAttempt}) |`);
console.log(`\nsteady destination states: ${k.steadyStates.join(' → ')}, dropped ${k.steadyDropped}`);
console.log(`saved ${path.relative(root, file)}; machine: ${JSON.stringify(results.machine)}`);
