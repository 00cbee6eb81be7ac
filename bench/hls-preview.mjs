#!/usr/bin/env node
/**
 * bench/hls-preview — how far behind the encoder the producers' HLS preview is.
 *
 *   node bench/hls-preview.mjs [--seconds 30]
 *
 * An in-process studio (no renderer: black and silence, 1280x720 at 30 fps, libx264 with the
 * studio's 2 s keyframe interval) behind the real obs-websocket server; StartPreviewHls, then
 * StartRecord starts the encoder, whose frame pump runs on the wall clock from that moment (t0, the
 * StartRecord reply: the pump starts before the request answers, so t0 is at most the loopback
 * round trip late). The playlist is fetched with the token every 50 ms; each new segment's
 * availability lag = (wall time it first appears − t0) − (media time at its end: the sum of the
 * EXTINF durations so far, the preview starting at the encoder's first keyframe). That is what the
 * preview adds beyond the segment length itself: encoder delay, the fan-out's 100 ms batches, the
 * HLS muxer waiting for the next keyframe to close a segment, and the file rename. A player then
 * holds back some segments (hls.js: liveSyncDurationCount × target duration; the web remote uses 1).
 * behindEncoderMs / behindPumpMs compare the same edge with the frames the encoder had encoded and the
 * pump had sent (the studio's stats): on a loaded machine the encoder can run below real time, and
 * then the wall-clock lag also holds that backlog, which is not the preview's doing.
 *
 * Results print and go to bench/results/hls-preview-<date>.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';
import { machine } from './proc.mjs';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('seconds', 30);
const FPS = 30;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Inside the repository, so the bundle's external packages resolve from node_modules.
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const bundleDir = mkdtempSync(path.join(root, 'node_modules/.cache/bench-hls-'));
await build({
  input: { remote: path.join(root, 'test/harness/in-process-remote.ts') },
  platform: 'node',
  logLevel: 'warn',
  external: ['obs-websocket-js', 'ws', 'vitest'],
  output: { dir: bundleDir, format: 'esm', entryFileNames: '[name].mjs' },
});
const { startInProcessRemote } = await import(pathToFileURL(path.join(bundleDir, 'remote.mjs')).href);

const remote = await startInProcessRemote({ prefix: 'bench-hls-', eventSubscriptions: 0, listen: [] });
const vendor = async (requestType) =>
  (await remote.obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType, requestData: {} })).responseData;
const base = remote.url.replace(/^ws/, 'http');
const { url } = await vendor('StartPreviewHls');
const playlistUrl = new URL(url, base);

await remote.obs.call('StartRecord');
const t0 = performance.now();
const seen = new Map(); // segment name → { appearedMs, endMediaSec }
let mediaEnd = 0;
let firstSeq = null;
let targetDuration = null;
const deadline = t0 + seconds * 1000;
while (performance.now() < deadline) {
  const res = await fetch(playlistUrl).catch(() => null);
  const now = performance.now();
  if (res?.status === 200) {
    const text = await res.text();
    const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    targetDuration ??= Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)?.[1]);
    firstSeq ??= seq;
    const lines = text.split('\n');
    let index = seq;
    for (let i = 0; i < lines.length; i++) {
      const m = /^#EXTINF:([\d.]+),/.exec(lines[i]);
      if (!m) continue;
      const name = lines.slice(i + 1).find((l) => l && !l.startsWith('#'))?.split('?')[0];
      if (name && !seen.has(name)) {
        // Segments are listed in order and never skipped at 50 ms polling; sum durations in order.
        if (index === firstSeq + seen.size) {
          mediaEnd += Number(m[1]);
          const st = remote.studio.status().stream;
          seen.set(name, { appearedMs: now - t0, durationSec: Number(m[1]), endMediaSec: mediaEnd, encodedSec: st.framesEncoded / FPS, sentSec: st.framesSent / FPS });
        }
      }
      index++;
    }
  }
  await sleep(50);
}
await remote.obs.call('StopRecord');
await remote.close();
rmSync(bundleDir, { recursive: true, force: true });

const rows = [...seen.entries()].map(([name, s]) => ({
  name,
  ...s,
  lagMs: Math.round(s.appearedMs - s.endMediaSec * 1000),
  // The same edge against what the encoder had encoded and what the pump had sent by then
  // (the studio's per-second stats: ±0.5 s each).
  behindEncoderMs: Math.round((s.encodedSec - s.endMediaSec) * 1000),
  behindPumpMs: Math.round((s.sentSec - s.endMediaSec) * 1000),
}));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The first segment includes the encoder's and muxers' start-up; steady state is the rest.
const steady = rows.slice(1).map((r) => r.lagMs).sort((a, b) => a - b);
const pct = (p) => steady[Math.min(steady.length - 1, Math.floor((p / 100) * steady.length))];
const result = {
  date: new Date().toISOString(),
  machine: machine(),
  seconds,
  targetDurationSec: targetDuration,
  segments: rows.length,
  firstSegmentLagMs: rows[0]?.lagMs ?? null,
  availabilityLagMs: { median: pct(50), p90: pct(90), max: steady.at(-1) },
  behindEncoderMedianMs: median(rows.slice(1).map((r) => r.behindEncoderMs)),
  behindPumpMedianMs: median(rows.slice(1).map((r) => r.behindPumpMs)),
  meanSegmentSec: rows.length ? rows.reduce((a, r) => a + r.durationSec, 0) / rows.length : null,
  rows,
};
// A player 1 segment behind the live edge (the web remote's hls.js), the edge itself on average half
// a segment behind the newest frame (it closes only at the next keyframe), plus what the preview
// adds behind the frames sent to the encoder. On a loaded machine the encoder may run below real
// time (skipped ticks): lagMs above then also holds that backlog, which is not the preview's.
const seg = result.meanSegmentSec ?? 0;
result.estimatedPlayerLatencySec = Math.round((seg + seg / 2 + (result.behindPumpMedianMs ?? 0) / 1000) * 100) / 100;
console.table(rows.map((r) => ({ segment: r.name, durationSec: r.durationSec, appearedMs: Math.round(r.appearedMs), lagMs: r.lagMs, behindEncoderMs: r.behindEncoderMs, behindPumpMs: r.behindPumpMs })));
console.log(JSON.stringify({ ...result, rows: undefined }, null, 2));
mkdirSync(path.join(root, 'bench/results'), { recursive: true });
writeFileSync(path.join(root, `bench/results/hls-preview-${result.date.slice(0, 10)}.json`), `${JSON.stringify(result, null, 2)}\n`);
