#!/usr/bin/env node
/**
 * bench/media-frame-lead — does a <video> hand the page its frames ahead of their sound?
 *
 *   node bench/media-frame-lead.mjs [--seconds 20]
 *
 * Media files and network streams come out of the studio with their sound 18–41 ms after their
 * picture (test/integration/av-sync.test.ts, network-sync.test.ts), while cameras, placed by their
 * capture stamps, come out within a few ms. The guess: the element gives the page each frame for
 * the display refresh to come (requestVideoFrameCallback's expectedDisplayTime), and the compositor
 * draws it at once, so the picture is early by that lead.
 *
 * A bare page (headless Chromium, as server mode launches it) plays a flash + beep clip in a <video>
 * whose sound goes through a MediaElementAudioSourceNode into an AudioWorklet, as the studio's mixer
 * takes it. For each flash it records the frame callback's time (when the compositor could first
 * draw it) and its expectedDisplayTime; for each beep the page time at which it is heard
 * (the sample's context time mapped by getOutputTimestamp, plus the reported output latency). It
 * prints, per flash, heard beep − callback and heard beep − expectedDisplayTime, and their medians.
 * docs/PERFORMANCE.md has the results: the lead to the display refresh is only part of the offset.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { BEEP_TAP_WORKLET } from './beep-tap.mjs';

const arg = (name, def) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : def);
const seconds = arg('--seconds', 20);
const dir = mkdtempSync(path.join(tmpdir(), 'media-frame-lead-'));
const clip = path.join(dir, 'flash-beep.mp4');
// The studio's test clip: a white flash and a 1 kHz beep at the start of every second.
execFileSync('ffmpeg', [
  '-v', 'error', '-y',
  '-f', 'lavfi', '-i', "color=c=black:s=640x360:r=30:d=4,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t\\,1)\\,0.1)',format=yuv420p",
  '-f', 'lavfi', '-i', "aevalsrc='if(lt(mod(t\\,1)\\,0.1)\\,0.5*sin(2*PI*1000*t)\\,0)':s=48000:d=4",
  '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-t', '4', clip,
]);

const PAGE = `<!doctype html><meta charset="utf-8"><video id="v" src="/clip.mp4" loop playsinline></video><script>
window.log = { flashes: [], beeps: [], problem: null };
window.start = async () => {
  const v = document.getElementById('v');
  const ctx = new AudioContext({ sampleRate: 48000 });
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([${JSON.stringify(BEEP_TAP_WORKLET)}], { type: 'text/javascript' })));
  const tap = new AudioWorkletNode(ctx, 'tap');
  const src = new MediaElementAudioSourceNode(ctx, { mediaElement: v });
  src.connect(tap);
  src.connect(ctx.destination);
  tap.port.onmessage = (e) => {
    // The sample's context time → page time by the latest output timestamp, plus the output latency.
    const ts = ctx.getOutputTimestamp();
    const t = e.data.frame / ctx.sampleRate;
    window.log.beeps.push(ts.performanceTime + (t - ts.contextTime) * 1000 + (ctx.outputLatency || 0) * 1000);
  };
  const g = new OffscreenCanvas(8, 8).getContext('2d', { willReadFrequently: true });
  let bright = false;
  const onFrame = (now, m) => {
    g.drawImage(v, 0, 0, 8, 8);
    const px = g.getImageData(0, 0, 8, 8).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += px[i];
    const on = sum / 64 > 128;
    if (on && !bright) window.log.flashes.push({ callback: performance.now(), now, expected: m.expectedDisplayTime });
    bright = on;
    v.requestVideoFrameCallback(onFrame);
  };
  v.requestVideoFrameCallback(onFrame);
  await ctx.resume();
  await v.play();
};
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/clip.mp4') {
    const body = readFileSync(clip);
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length });
    res.end(body);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || undefined,
  args: ['--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate('window.start()');
  await page.waitForTimeout(seconds * 1000);
  const log = await page.evaluate('window.log');
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
  };
  const vsCallback = [];
  const vsExpected = [];
  for (const f of log.flashes) {
    const beep = log.beeps.find((b) => Math.abs(b - f.callback) < 500);
    if (beep === undefined) continue;
    vsCallback.push(beep - f.callback);
    vsExpected.push(beep - f.expected);
    console.log(`flash: heard beep − callback ${(beep - f.callback).toFixed(1)} ms, − expectedDisplayTime ${(beep - f.expected).toFixed(1)} ms (expected − callback ${(f.expected - f.callback).toFixed(1)} ms)`);
  }
  console.log(`${vsCallback.length} flashes paired; median heard beep − callback ${median(vsCallback).toFixed(1)} ms, − expectedDisplayTime ${median(vsExpected).toFixed(1)} ms`);
} finally {
  await browser.close();
  server.close();
}
