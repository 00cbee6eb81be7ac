#!/usr/bin/env node
/**
 * bench/fake-devices — how far apart do Chromium's fake camera and fake microphone play a flash and
 * a beep made to coincide, with no studio in between?
 *
 *   node bench/fake-devices.mjs [--seconds 20] [--fps 5] [--file-s 40] [--loop [--frames 5]]
 *
 * A bare page (headless Chromium, the same flags the camera-mic test gives the compositor) opens
 * both devices in one getUserMedia and reads both tracks with MediaStreamTrackProcessor: every
 * VideoFrame's and AudioData's capture timestamp (and its arrival on the page), every frame's luma,
 * every beep's onset to the sample. Per loop it prints the flash's and the beep's capture time and
 * whether each device kept time since the open (the camera: frame timestamps one interval apart;
 * the microphone: chunk timestamps back to back). It also runs the studio's two paths for the same
 * devices: the picture as a <video> shows it (requestVideoFrameCallback) and the sound as an
 * AudioWorklet after a MediaStreamAudioSourceNode renders it, both on the page clock.
 * Run it idle and under load (stress-ng) to see whether the devices themselves drift. It prints
 * the devices' phase per flash (beep − flash by their capture stamps), what the studio-like paths
 * add to it (heard − shown − phase: what the studio's first camera path, a <video> and a
 * MediaStreamAudioSourceNode, added), and the same with the picture held by the context's output
 * latency (the first fix tried). The studio now places both halves by their capture stamps
 * (src/renderer/compositor/sources/timed-audio.ts and camera-frames.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { BEEP_TAP_WORKLET } from './beep-tap.mjs';

const arg = (name, def) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : def);
const seconds = arg('--seconds', 20);
const fps = arg('--fps', 5);
const frames = arg('--frames', 5);
const dir = mkdtempSync(path.join(tmpdir(), 'fake-devices-'));
const y4m = path.join(dir, 'flash.y4m');
const wav = path.join(dir, 'beep.wav');
const rate = 48000;
// --loop (the looped pair: N frames, the WAV as long as the camera's N + 1-frame loop) or the long
// pair (default): --file-s seconds of both, a flash and a beep at 0.2 s into every second, so the
// first --file-s seconds after the open hold no loop at all.
const looped = process.argv.includes('--loop');
const fileS = arg('--file-s', 40);
const loopSamples = looped ? Math.round(((frames + 1) / fps) * rate) : fileS * rate;
const camRate = String(fps);
const beepAt = Math.round(rate / fps);
const nFrames = looped ? frames : fileS * fps;
const flashOn = looped ? 'eq(n\\,1)' : `eq(mod(n\\,${fps})\\,1)`;
const beepOn = looped ? `between(n\\,${beepAt}\\,${beepAt + 4800})` : `between(mod(n\\,${rate})\\,${beepAt}\\,${beepAt + 4800})`;
execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=black:s=640x360:r=${camRate},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='${flashOn}',format=yuv420p`, '-frames:v', String(nFrames), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', y4m]);
execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc='if(${beepOn}\\,0.5*sin(2*PI*1000*(n-${beepAt})/${rate})\\,0)':s=${rate}:n=480`, '-af', `atrim=end_sample=${loopSamples}`, '-ac', '1', '-c:a', 'pcm_s16le', wav]);
console.log(`camera ${camRate} fps, ${frames} frames; WAV ${loopSamples} samples, beep at sample ${beepAt}; y4m header ${execFileSync('head', ['-c', '80', y4m]).toString().split('\n')[0]}`);


const PAGE = `<!doctype html><video id=v muted playsinline></video><script>
window.log = { video: [], audio: [], shown: [], heard: [], gaps: { video: [], audio: [] } };
window.start = async (seconds) => {
  const s = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360, frameRate: ${Number(fps)} }, audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  const opened = performance.now();
  const [vt] = s.getVideoTracks(), [at] = s.getAudioTracks();
  // The studio's paths: a <video> for the picture, Web Audio for the sound.
  const v = document.getElementById('v');
  v.srcObject = new MediaStream([vt.clone()]);
  await v.play();
  const cv = new OffscreenCanvas(8, 8), g = cv.getContext('2d', { willReadFrequently: true });
  let wasBright = false;
  const onShown = (now, m) => {
    g.drawImage(v, 0, 0, 8, 8);
    const y = g.getImageData(0, 0, 8, 8).data[0];
    if (y > 128 && !wasBright) log.shown.push({ presented: m.presentationTime, expected: m.expectedDisplayTime, capture: m.captureTime });
    wasBright = y > 128;
    v.requestVideoFrameCallback(onShown);
  };
  v.requestVideoFrameCallback(onShown);
  const ctx = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([${JSON.stringify(BEEP_TAP_WORKLET)}], { type: 'text/javascript' })));
  const tap = new AudioWorkletNode(ctx, 'tap');
  new MediaStreamAudioSourceNode(ctx, { mediaStream: new MediaStream([at.clone()]) }).connect(tap);
  tap.connect(ctx.destination);
  tap.port.onmessage = (e) => {
    const ts = ctx.getOutputTimestamp();
    log.heard.push({ frame: e.data.frame, heard: ts.performanceTime + (e.data.frame / 48000 - ts.contextTime) * 1000, arrival: performance.now(), outLat: ctx.outputLatency, base: ctx.baseLatency });
  };
  // The devices' own stamps.
  const readVideo = async () => {
    const r = new MediaStreamTrackProcessor({ track: vt }).readable.getReader();
    let last = null, bright = false;
    for (;;) {
      const { value: f, done } = await r.read();
      if (done) return;
      const arrival = performance.now();
      const c = new OffscreenCanvas(8, 8), cg = c.getContext('2d');
      cg.drawImage(f, 0, 0, 8, 8);
      const y = cg.getImageData(0, 0, 8, 8).data[0];
      if (last !== null) log.gaps.video.push((f.timestamp - last) / 1000);
      last = f.timestamp;
      if (y > 128 && !bright) log.video.push({ ts: f.timestamp / 1000, arrival });
      bright = y > 128;
      f.close();
    }
  };
  const readAudio = async () => {
    const r = new MediaStreamTrackProcessor({ track: at }).readable.getReader();
    let end = null, quiet = 1e9, samples = 0;
    for (;;) {
      const { value: a, done } = await r.read();
      if (done) return;
      const arrival = performance.now();
      const n = a.numberOfFrames, buf = new Float32Array(n);
      a.copyTo(buf, { planeIndex: 0, format: 'f32-planar' });
      const ts = a.timestamp / 1000;
      if (end !== null) log.gaps.audio.push(ts - end);
      end = ts + (n / a.sampleRate) * 1000;
      for (let i = 0; i < n; i++) {
        if (Math.abs(buf[i]) > 0.1) { if (quiet > 14400) log.audio.push({ ts: ts + (i / a.sampleRate) * 1000, arrival, sample: samples + i, rate: a.sampleRate }); quiet = 0; } else quiet++;
      }
      samples += n;
      a.close();
    }
  };
  readVideo(); readAudio();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of s.getTracks()) t.stop();
  log.opened = opened;
  log.origin = performance.timeOrigin;
  return log;
};
</script>`;

const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`, `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required'],
});
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}/`);
const log = await page.evaluate((s) => window.start(s), seconds);
await browser.close();
server.close();

const f = (x) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(1));
const loopMs = (loopSamples / rate) * 1000;
const stepsV = log.gaps.video.filter((g) => Math.abs(g - 1000 / fps) > 1000 / fps / 2);
const stepsA = log.gaps.audio.filter((g) => Math.abs(g) > 2);
console.log(`loop ${loopMs} ms; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`video frames ${log.gaps.video.length + 1}, uneven gaps ${stepsV.map(f).join(' ')}; audio chunks ${log.gaps.audio.length + 1}, timestamp jumps ${stepsA.map(f).join(' ')}`);
console.log(`flash capture ts (ms): ${log.video.map((v) => f(v.ts)).join(' ')}`);
console.log(`beep capture ts (ms):  ${log.audio.map((a) => f(a.ts)).join(' ')}`);
// VideoFrame timestamps are on another clock (TimeTicks): the frames' arrival places them within a
// few ms, and the flash's own requestVideoFrameCallback captureTime (page clock) exactly.
const coarse = Math.min(...log.video.map((v) => v.arrival - v.ts));
const exact = log.shown.map((s) => log.video.find((v) => Math.abs(v.ts + coarse - s.capture) < 100)).map((v, i) => (v ? log.shown[i].capture - v.ts : NaN)).filter(Number.isFinite);
const toPage = exact.length ? exact[0] : coarse;
// Each flash with the beep nearest it (within 500 ms), on each clock.
const near = (t, list, key) => list.reduce((best, x) => (Math.abs(x[key] - t) < 500 && (best === null || Math.abs(x[key] - t) < Math.abs(best[key] - t)) ? x : best), null);
const capture = log.video.map((v) => v.ts + toPage).map((t) => ({ t, b: near(t, log.audio, 'ts') })).filter((p) => p.b);
const byTs = capture.map((p) => p.b.ts - p.t);
console.log(`beep − flash by capture stamps (the devices' phase): ${byTs.map(f).join(' ')}`);
const lead = ((log.heard[0]?.outLat ?? 0) + (log.heard[0]?.base ?? 0)) * 1000;
// The studio's paths: the sound as heard after the mixer, the picture when the <video> shows it.
const paths = log.shown.map((s) => ({ s, c: s.capture, h: near(s.presented, log.heard, 'heard') })).filter((p) => p.h);
const phaseAt = (c) => byTs[capture.findIndex((p) => Math.abs(p.t - c) < 50)] ?? NaN;
const added = paths.map((p) => p.h.heard - p.s.presented - phaseAt(p.c));
console.log(`heard − shown − devices' phase (what the capture paths add): ${added.map(f).join(' ')}; median ${f(added.filter(Number.isFinite).sort((x, y) => x - y)[added.filter(Number.isFinite).length >> 1])} ms`);
console.log(`the same with the picture held ${f(lead)} ms (the context's output latency, the first fix tried): ${added.map((x) => f(x - lead)).join(' ')}`);
console.log(`beep sample gaps: ${log.audio.slice(1).map((a, i) => a.sample - log.audio[i].sample).join(' ')} at ${log.audio[0]?.rate} Hz; beep ts gaps ${log.audio.slice(1).map((a, i) => f(a.ts - log.audio[i].ts)).join(' ')}`);
