/**
 * A camera + microphone pair for Chromium's fake capture devices, and a watch on what the devices
 * themselves play: a Y4M that flashes white and a WAV that beeps at 1 kHz at the same instant of
 * every second (the av-sync signals), the Chromium flags that feed them to the fake devices, and a
 * script for the page that opens them which records when each flash and each beep was captured by
 * the devices' own timestamps.
 *
 * The fake devices are not a clock-locked pair (measured with bench/fake-devices.mjs, headless
 * Chromium 156, a bare page, capture timestamps):
 * - each plays its file on a timer of its own from when it is opened; opened in one getUserMedia
 *   they start together only roughly: sound after picture by 5 ms on an idle machine, by 65–75 ms
 *   (then steady) at load 11;
 * - the microphone reads its WAV in 441-sample pieces and pads the last one of each loop with
 *   silence (a 1200 ms WAV loops every 1203.56 ms, a 1190 ms one every 1194.4 or 1203.6), while
 *   the camera plays N frames as N + 1 per loop and only at whole frame rates (a Y4M at 32000/6419
 *   fps plays at 4) — so no looped pair keeps step; these files are long (`seconds`, 40 by default)
 *   and a measurement ends before they loop;
 * - each loses time when it runs late: the microphone in 10 ms steps (jumps of 10–230 ms in its
 *   timestamps at load 4–12; some move the beep against the flash by as much, some only lose the
 *   samples), the camera beyond one frame interval (200 ms of slack at 5 fps). At load 20–30 the
 *   pair's phase moves by tens to hundreds of ms within 12 s in nearly every try.
 * So a test cannot know from the stream alone where the devices put the beep against the flash:
 * WATCH_DEVICES records it in the page, from the same tracks the studio plays, and studioOffset
 * takes it out of each event the stream shows.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { BEEP_HZ, PULSE_MS, beepOnsets, decodeAv, flashOnsets, median, pairOffsets, type SyncMeasure } from './av-sync';

function ffmpeg(args: string[], timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (error, _out, stderr) => {
      if (error) reject(new Error(`ffmpeg ${args.join(' ')} failed: ${String(error)}\n${String(stderr).slice(-2000)}`));
      else resolve();
    });
  });
}

export interface FakePair {
  y4m: string;
  wav: string;
  /** The files' length, s: the devices loop them after this long. */
  seconds: number;
  /** For STUDIO_CHROMIUM_ARGS (or a launch's args): fake devices, no prompt, these files. */
  chromiumArgs: string;
}

/**
 * Writes the pair into `dir`: `seconds` s of Y4M at `fps` (whole: the fake camera plays no other)
 * whose frame 1 of every second is white, and a WAV of exactly as long that beeps at the same
 * instant (1/fps into every second) for PULSE_MS.
 */
export async function makeFakeCameraPair(dir: string, opts: { width?: number; height?: number; fps?: number; seconds?: number } = {}): Promise<FakePair> {
  const { width = 320, height = 180, fps = 5, seconds = 40 } = opts;
  if (!Number.isInteger(fps) || fps < 2) throw new Error(`fps must be a whole number of at least 2 (Chromium's fake camera plays no other), got ${fps}`);
  const y4m = path.join(dir, 'flash.y4m');
  const wav = path.join(dir, 'beep.wav');
  const rate = 48000;
  const at = rate / fps;
  await ffmpeg([
    '-v', 'error', '-y', '-f', 'lavfi',
    '-i', `color=c=black:s=${width}x${height}:r=${fps},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(mod(n\\,${fps})\\,1)',format=yuv420p`,
    '-frames:v', String(seconds * fps), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', y4m,
  ]);
  const len = (rate * PULSE_MS) / 1000;
  const beep = `if(between(mod(n\\,${rate})\\,${at}\\,${at + len - 1})\\,0.5*sin(2*PI*${BEEP_HZ}*(mod(n\\,${rate})-${at})/${rate})\\,0)`;
  await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc='${beep}':s=${rate}:n=480`, '-af', `atrim=end_sample=${seconds * rate}`, '-ac', '1', '-c:a', 'pcm_s16le', wav]);
  return {
    y4m,
    wav,
    seconds,
    chromiumArgs: `--use-fake-device-for-media-stream --use-fake-ui-for-media-stream --use-file-for-fake-video-capture=${y4m} --use-file-for-fake-audio-capture=${wav}`,
  };
}

/** What the devices played since one open (one getUserMedia for picture and sound), page ms. */
export interface DeviceSession {
  /** performance.now() when the getUserMedia resolved. */
  opened: number;
  /** Capture time of each flash's first frame (requestVideoFrameCallback's captureTime). */
  flashes: number[];
  /** Capture time of each beep's first sample (the AudioData's timestamp + its offset in it). */
  beeps: number[];
  /** Jumps in the microphone's timestamps beyond back-to-back (time it lost), ms. */
  audioJumps: number[];
  /** Frames shown to the watch, and audio chunks read. */
  frames: number;
  chunks: number;
  /** Capture time of the latest frame and chunk read (how far the log reaches). */
  lastFrame: number;
  lastChunk: number;
  /** Set when something the watch needs is missing (no captureTime, a timestamp on another clock). */
  problem: string | null;
}

/**
 * For the page that opens the devices (page.evaluate; plain JS, the harness has no DOM types): wraps
 * getUserMedia so every open of picture and sound starts a DeviceSession in
 * `window.__deviceSessions`, fed from the very tracks returned (no clones, which would keep a device
 * open after the page stops its track): the picture through a <video> of its own and
 * requestVideoFrameCallback (captureTime is the device's stamp), the sound through
 * MediaStreamTrackProcessor (each AudioData's timestamp). Picture and sound opened apart (a camera
 * and an audio_input, each its own getUserMedia) make one session when the second comes within
 * PAIR_MS of the first; a session is listed once it has both. Flash: the frame's mean luma crosses
 * half. Beep: a sample beyond 0.1 after 300 ms of quiet, counted only when the chunk before it was
 * read back to back (a reader that fell behind loses chunks, and an onset in a lost one would be late).
 */
export const WATCH_DEVICES = `(() => {
  if (window.__deviceSessions) return;
  const PAIR_MS = 5000;
  const sessions = [];
  window.__deviceSessions = sessions;
  let half = null;
  const md = navigator.mediaDevices;
  const open = md.getUserMedia.bind(md);
  md.getUserMedia = async (c) => {
    const stream = await open(c);
    const vt = stream.getVideoTracks()[0];
    const at = stream.getAudioTracks()[0];
    if (!vt && !at) return stream;
    let s;
    if (vt && at) s = { opened: performance.now(), flashes: [], beeps: [], audioJumps: [], frames: 0, chunks: 0, lastFrame: NaN, lastChunk: NaN, problem: null };
    else if (half && (vt ? !half.video : !half.audio) && performance.now() - half.s.opened < PAIR_MS) {
      s = half.s;
      half = null;
    } else {
      s = { opened: performance.now(), flashes: [], beeps: [], audioJumps: [], frames: 0, chunks: 0, lastFrame: NaN, lastChunk: NaN, problem: null };
      half = { s, video: Boolean(vt), audio: Boolean(at) };
    }
    if (half?.s !== s) sessions.push(s);
    if (vt) watchPicture(vt, s);
    if (at) watchSound(at, s);
    return stream;
  };
  function watchPicture(vt, s) {
    const v = document.createElement('video');
    v.muted = true;
    v.srcObject = new MediaStream([vt]);
    const g = new OffscreenCanvas(8, 8).getContext('2d', { willReadFrequently: true });
    let bright = false;
    const onFrame = (_now, m) => {
      if (vt.readyState === 'ended') { v.srcObject = null; return; }
      g.drawImage(v, 0, 0, 8, 8);
      const px = g.getImageData(0, 0, 8, 8).data;
      let sum = 0;
      for (let i = 0; i < px.length; i += 4) sum += px[i];
      const on = sum / 64 > 128;
      if (m.captureTime === undefined) s.problem ??= 'the camera frames carry no captureTime';
      else {
        if (on && !bright) s.flashes.push(m.captureTime);
        s.lastFrame = m.captureTime;
      }
      bright = on;
      s.frames++;
      v.requestVideoFrameCallback(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
    v.play().catch(() => {});
  }
  function watchSound(at, s) {
    (async () => {
      const reader = new MediaStreamTrackProcessor({ track: at }).readable.getReader();
      let end = NaN;
      let quiet = Infinity;
      for (;;) {
        const { value: a, done } = await reader.read();
        if (done || !a) return;
        const arrival = performance.now();
        const n = a.numberOfFrames;
        const rate = a.sampleRate;
        const buf = new Float32Array(n);
        a.copyTo(buf, { planeIndex: 0, format: 'f32-planar' });
        const ts = a.timestamp / 1000;
        a.close();
        // The timestamps are on the page clock in Chromium; anything else cannot be compared.
        if (!(ts <= arrival + 1 && ts > arrival - 5000)) s.problem ??= 'audio timestamps are not on the page clock (' + ts + ' at ' + arrival + ')';
        const contiguous = Number.isFinite(end) && Math.abs(ts - end) <= 2;
        if (Number.isFinite(end) && !contiguous) s.audioJumps.push(ts - end);
        end = ts + (n / rate) * 1000;
        for (let i = 0; i < n; i++) {
          if (Math.abs(buf[i]) > 0.1) {
            if (quiet > rate * 0.3 && (i > 0 || contiguous)) s.beeps.push(ts + (i / rate) * 1000);
            quiet = 0;
          } else quiet++;
        }
        s.chunks++;
        s.lastChunk = end;
      }
    })();
  }
})()`;

export interface DevicePhase {
  /** Beep − flash of each flash the devices played (its nearest beep within 500 ms), ms. */
  offsetsMs: number[];
  medianMs: number;
  /** Largest − smallest offset: within a few ms when neither device lost time. */
  spreadMs: number;
  /** Each flash with its beep: the flash's capture time (page ms) and beep − flash (ms). */
  pairs: { t: number; offsetMs: number }[];
}

/** How far the devices put each beep from its flash, by their own capture stamps. */
export function devicePhase(s: Pick<DeviceSession, 'flashes' | 'beeps'>): DevicePhase {
  const m = pairOffsets(s.flashes.map((t) => t / 1000), s.beeps.map((t) => t / 1000));
  const spreadMs = m.offsetsMs.length ? Math.max(...m.offsetsMs) - Math.min(...m.offsetsMs) : NaN;
  const pairs = flashPairs(s.flashes.map((t) => t / 1000), s.beeps.map((t) => t / 1000)).map((p) => ({ t: p.t * 1000, offsetMs: p.offsetMs }));
  return { offsetsMs: m.offsetsMs, medianMs: median(m.offsetsMs), spreadMs, pairs };
}

export interface PairMeasure extends SyncMeasure {
  /** Time between successive flashes and successive beeps in the stream, ms. */
  flashGapsMs: number[];
  beepGapsMs: number[];
  /** Each flash of the stream that has a beep within 500 ms: its time (s) and beep − flash (ms). */
  pairs: { t: number; offsetMs: number }[];
}

/** Each flash (s) with a beep (s) within 500 ms: the flash's time and beep − flash, ms. */
export function flashPairs(flashes: number[], beeps: number[]): { t: number; offsetMs: number }[] {
  const out: { t: number; offsetMs: number }[] = [];
  for (const f of flashes) {
    let best: number | null = null;
    for (const b of beeps) {
      const d = (b - f) * 1000;
      if (Math.abs(d) <= 500 && (best === null || Math.abs(d) < Math.abs(best))) best = d;
    }
    if (best !== null) out.push({ t: f, offsetMs: best });
  }
  return out;
}

export interface StudioOffset {
  /** Stream offset − the devices' offset, ms, for each flash found in both. */
  offsetsMs: number[];
  medianMs: number;
}

/**
 * What the studio added to each event: the stream's beep − flash minus the devices' own for the
 * same flash. The stream's clock and the page's differ by a constant (the path's latency and the
 * clocks' origins); flashes come once a second, so every candidate constant pairs flashes one or
 * more seconds apart just as well by time. Where the devices kept one phase any pairing gives the
 * same answer; where they lost time the right one lines their phase steps up with the stream's, so
 * the pairing whose differences agree best (least median absolute deviation) is taken.
 */
export function studioOffset(stream: { t: number; offsetMs: number }[], device: { t: number; offsetMs: number }[]): StudioOffset {
  let best: { v: number[]; score: number } | null = null;
  for (const anchor of device) {
    if (stream.length === 0) break;
    const c = stream[0]!.t * 1000 - anchor.t;
    const v: number[] = [];
    for (const p of stream) {
      const d = device.find((q) => Math.abs(p.t * 1000 - c - q.t) < 300);
      if (d) v.push(p.offsetMs - d.offsetMs);
    }
    if (v.length < Math.ceil(stream.length * 0.6)) continue;
    const m = median(v);
    const score = median(v.map((x) => Math.abs(x - m)));
    if (!best || score < best.score || (score === best.score && v.length > best.v.length)) best = { v, score };
  }
  const offsetsMs = best?.v ?? [];
  return { offsetsMs, medianMs: median(offsetsMs) };
}

/**
 * Decodes `seconds` of a stream carrying the pair and measures its offset and the events' gaps,
 * from `skipS` seconds into what was decoded (a reader joins at a keyframe, before what it waits for).
 */
export async function measurePair(url: string, seconds: number, opts: { skipS?: number; timeoutMs?: number } = {}): Promise<PairMeasure> {
  const av = await decodeAv(url, seconds, opts.timeoutMs);
  const from = (av.frames[0]?.t ?? 0) + (opts.skipS ?? 0);
  const flashes = flashOnsets(av.frames).filter((t) => t >= from);
  const beeps = beepOnsets(av.pcm, av.audioStart, av.sampleRate).filter((t) => t >= from);
  const gaps = (t: number[]): number[] => t.slice(1).map((x, i) => (x - t[i]!) * 1000);
  return { ...pairOffsets(flashes, beeps), flashGapsMs: gaps(flashes), beepGapsMs: gaps(beeps), pairs: flashPairs(flashes, beeps) };
}
