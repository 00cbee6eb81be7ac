/**
 * A/V sync measurement with real FFmpeg: test material with a white flash and a 1 kHz beep at the
 * same instant once a second (black and silence otherwise), a decoder that reads a (live) stream
 * into per-frame luma and the audio samples, each with its presentation time, and the analysis that
 * finds every flash's and every beep's onset and pairs them. Reusable by any test or bench that
 * needs to know how far a stream's sound is from its picture.
 */
import { execFile, spawn } from 'node:child_process';

/** One event a second: the flash and the beep both start at each whole second and last this long. */
export const PULSE_MS = 100;
export const BEEP_HZ = 1000;

function run(args: string[], timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (error, _out, stderr) => {
      if (error) reject(new Error(`ffmpeg ${args.join(' ')} failed: ${String(error)}\n${String(stderr).slice(-2000)}`));
      else resolve();
    });
  });
}

/** lavfi: black with a white flash at the start of every second; endless without `seconds`. */
export const flashVideo = (w: number, h: number, fps: number, seconds?: number): string =>
  `color=c=black:s=${w}x${h}:r=${fps}${seconds === undefined ? '' : `:d=${seconds}`},drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(mod(t\\,1)\\,${PULSE_MS / 1000})',format=yuv420p`;
/** lavfi: a 1 kHz beep at the start of every second, at the flashes' instants; endless without `seconds`. */
export const beepAudio = (seconds?: number): string =>
  `aevalsrc='if(lt(mod(t\\,1)\\,${PULSE_MS / 1000})\\,0.5*sin(2*PI*${BEEP_HZ}*t)\\,0)':s=48000${seconds === undefined ? '' : `:d=${seconds}`}`;

/**
 * An H.264 + AAC clip (mp4) of `seconds` seconds: a flash and a beep at the start of every second,
 * or, with `skip` (s), `skip` later into each second (the clip then starts `skip` s before its first
 * pulse, as a stinger's whoosh does not start on its first frame).
 */
export async function makeFlashBeepClip(file: string, opts: { width?: number; height?: number; fps?: number; seconds?: number; skip?: number } = {}): Promise<void> {
  const { width = 640, height = 360, fps = 30, seconds = 4, skip = 0 } = opts;
  const start = skip > 0 ? 1 - skip : 0;
  await run([
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', flashVideo(width, height, fps, seconds + start),
    '-f', 'lavfi', '-i', beepAudio(seconds + start),
    ...(start > 0 ? ['-ss', String(start)] : []),
    '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-g', String(fps), '-keyint_min', String(fps),
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-t', String(seconds),
    file,
  ]);
}

/** The flashes alone as Y4M (Chromium's fake camera plays it on a loop). */
export async function makeFlashY4m(file: string, opts: { width?: number; height?: number; fps?: number; seconds?: number } = {}): Promise<void> {
  const { width = 320, height = 240, fps = 30, seconds = 1 } = opts;
  await run(['-v', 'error', '-y', '-f', 'lavfi', '-i', flashVideo(width, height, fps, seconds), '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', file]);
}

/** The beeps alone as a 48 kHz 16-bit WAV (Chromium's fake microphone plays it on a loop). */
export async function makeBeepWav(file: string, opts: { seconds?: number; channels?: 1 | 2 } = {}): Promise<void> {
  const { seconds = 1, channels = 1 } = opts;
  await run(['-v', 'error', '-y', '-f', 'lavfi', '-i', beepAudio(seconds), '-ac', String(channels), '-c:a', 'pcm_s16le', file]);
}

export interface LumaFrame {
  /** Presentation time in seconds (the stream's timeline, shared with the audio's). */
  t: number;
  /** Mean luma of the whole frame, 0..255. */
  y: number;
}

export interface DecodedAv {
  frames: LumaFrame[];
  /** Presentation time of the first decoded sample, seconds. */
  audioStart: number;
  /** Mono s16 at 48 kHz, contiguous from audioStart. */
  pcm: Int16Array;
  sampleRate: number;
}

/**
 * Decodes `seconds` of a stream (a URL or a file) in one FFmpeg: the video through showinfo (each
 * frame's pts_time and mean luma, on a 32×18 gray picture), the audio through ashowinfo (each
 * frame's pts_time and sample count) to s16le mono on stdout. Both times are on FFmpeg's one
 * output timeline, so their difference is the stream's A/V offset.
 */
export function decodeAv(url: string, seconds: number, timeoutMs = 60_000): Promise<DecodedAv> {
  return new Promise((resolve, reject) => {
    const args = [
      '-hide_banner', '-nostats', '-v', 'info', '-t', String(seconds), '-i', url,
      '-map', '0:v:0', '-vf', 'scale=32:18,format=gray,showinfo', '-f', 'null', '-',
      '-map', '0:a:0', '-af', 'aresample=48000,aformat=sample_fmts=s16:channel_layouts=mono,ashowinfo', '-f', 's16le', 'pipe:1',
    ];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`ffmpeg decode of ${url} exited ${code}:\n${err.slice(-2000)}`));
      const frames: LumaFrame[] = [];
      let audioStart = NaN;
      for (const line of err.split('\n')) {
        if (line.includes('Parsed_showinfo')) {
          const t = /pts_time:\s*([-\d.e]+)/.exec(line);
          const m = /mean:\[(\d+)/.exec(line);
          if (t && m) frames.push({ t: Number(t[1]), y: Number(m[1]) });
        } else if (line.includes('Parsed_ashowinfo') && Number.isNaN(audioStart)) {
          const t = /pts_time:\s*([-\d.e]+)/.exec(line);
          if (t) audioStart = Number(t[1]);
        }
      }
      const buf = Buffer.concat(out);
      const pcm = new Int16Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 2));
      if (frames.length === 0 || Number.isNaN(audioStart)) return reject(new Error(`no frames or no audio decoded from ${url}:\n${err.slice(-2000)}`));
      resolve({ frames, audioStart, pcm, sampleRate: 48000 });
    });
  });
}

/** Times (s) where the picture turns from dark to bright: the first bright frame after a dark one. */
export function flashOnsets(frames: LumaFrame[], threshold = 128): number[] {
  const onsets: number[] = [];
  for (let i = 1; i < frames.length; i++) {
    if (frames[i]!.y >= threshold && frames[i - 1]!.y < threshold) onsets.push(frames[i]!.t);
  }
  return onsets;
}

/**
 * Times (s) where a beep starts: the 1 ms envelope (peak of |x|) first rises above a fraction of the
 * loudest one after at least `quietMs` of quiet. AAC's pre-echo is far below the threshold.
 */
export function beepOnsets(pcm: Int16Array, start: number, sampleRate = 48000, opts: { fraction?: number; quietMs?: number } = {}): number[] {
  const { fraction = 0.25, quietMs = 300 } = opts;
  const win = Math.round(sampleRate / 1000);
  const env: number[] = [];
  for (let i = 0; i + win <= pcm.length; i += win) {
    let p = 0;
    for (let j = i; j < i + win; j++) p = Math.max(p, Math.abs(pcm[j]!));
    env.push(p);
  }
  const loudest = env.reduce((a, b) => Math.max(a, b), 0);
  if (loudest < 1000) return [];
  const threshold = loudest * fraction;
  const onsets: number[] = [];
  let quiet = 0;
  for (let k = 0; k < env.length; k++) {
    if (env[k]! >= threshold) {
      if (quiet >= quietMs) {
        // Refine to the sample: the first one of this window above the threshold.
        let s = k * win;
        while (s < (k + 1) * win && Math.abs(pcm[s]!) < threshold) s++;
        onsets.push(start + s / sampleRate);
      }
      quiet = 0;
    } else quiet++;
  }
  return onsets;
}

export interface SyncMeasure {
  /** Beep onset minus its flash onset, ms, for every pair found (positive: sound late). */
  offsetsMs: number[];
  medianMs: number;
  flashes: number;
  beeps: number;
}

/** Pairs each beep with the nearest flash within ±maxMs (flashes come once a second) and gives beep − flash. */
export function pairOffsets(flashes: number[], beeps: number[], maxMs = 500): SyncMeasure {
  const offsetsMs: number[] = [];
  for (const b of beeps) {
    let best: number | null = null;
    for (const f of flashes) {
      const d = (b - f) * 1000;
      if (Math.abs(d) <= maxMs && (best === null || Math.abs(d) < Math.abs(best))) best = d;
    }
    if (best !== null) offsetsMs.push(best);
  }
  return { offsetsMs, medianMs: median(offsetsMs), flashes: flashes.length, beeps: beeps.length };
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Decodes `seconds` of a stream and measures its A/V offset from the flashes and beeps. */
export async function measureSync(url: string, seconds: number, timeoutMs?: number): Promise<SyncMeasure> {
  const av = await decodeAv(url, seconds, timeoutMs);
  return pairOffsets(flashOnsets(av.frames), beepOnsets(av.pcm, av.audioStart, av.sampleRate));
}

/** One frame at 30 fps: the sync tests' tolerance. */
export const FRAME_30_MS = 1000 / 30;

/**
 * Measures 8 s windows of a live stream until one is in step (its median within `toleranceMs`): a
 * source that starts a few seconds after the stream gives windows without five flashes and beeps
 * paired, which are not judged; `maxOut` judged windows out of step end it. Gives the last judged
 * window (null: none) and a line for each measured, printed as it goes under `label`.
 */
export async function firstWindowInStep(
  url: string,
  label: string,
  opts: { maxWindows?: number; maxOut?: number; toleranceMs?: number } = {},
): Promise<{ last: SyncMeasure | null; seen: string[] }> {
  const { maxWindows = 8, maxOut = 3, toleranceMs = FRAME_30_MS } = opts;
  const seen: string[] = [];
  let last: SyncMeasure | null = null;
  let outOfStep = 0;
  for (let i = 0; i < maxWindows && outOfStep < maxOut; i++) {
    const m = await measureSync(url, 8);
    seen.push(`median ${m.medianMs.toFixed(1)} ms of [${m.offsetsMs.map((o) => o.toFixed(0)).join(', ')}] (${m.flashes} flashes, ${m.beeps} beeps)`);
    console.log(`${label}: ${seen.at(-1)}`);
    if (m.offsetsMs.length < 5) continue;
    last = m;
    if (Math.abs(m.medianMs) <= toleranceMs) break;
    outOfStep++;
  }
  return { last, seen };
}
