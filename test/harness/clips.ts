/**
 * Test clips made with the real FFmpeg: solid colours that change every second (so the order of
 * received frames can be read back from their colour) with a sine tone, and helpers that decode a
 * live stream into tiny frames and name each frame's colour.
 */
import { execFile, spawn } from 'node:child_process';

export type Rgb = [number, number, number];

/** The clip's colours, one per second, in order (FFmpeg colour names and their RGB). */
export const CLIP_COLOURS: { name: string; ffmpeg: string; rgb: Rgb }[] = [
  { name: 'red', ffmpeg: 'red', rgb: [255, 0, 0] },
  { name: 'green', ffmpeg: 'lime', rgb: [0, 255, 0] },
  { name: 'blue', ffmpeg: 'blue', rgb: [0, 0, 255] },
  { name: 'yellow', ffmpeg: 'yellow', rgb: [255, 255, 0] },
];

function run(args: string[], timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 }, (error, _out, stderr) => {
      if (error) reject(new Error(`ffmpeg ${args.join(' ')} failed: ${String(error)}\n${String(stderr).slice(-2000)}`));
      else resolve();
    });
  });
}

/**
 * A clip of one second per CLIP_COLOURS entry at `fps`, with a sine tone of `toneHz`. The video
 * `codec`'s format follows the file's extension (mp4: H.264 + AAC; a keyframe every second, so
 * seeks land on the second). Other codecs (e.g. mpeg2video in .ts) make files Chromium cannot play.
 */
export async function makeColourClip(file: string, opts: { width?: number; height?: number; fps?: number; toneHz?: number; codec?: string; audioCodec?: string } = {}): Promise<void> {
  const { width = 640, height = 360, fps = 30, toneHz = 1000, codec = 'libx264', audioCodec = 'aac' } = opts;
  const n = CLIP_COLOURS.length;
  const parts = CLIP_COLOURS.map((c, i) => `color=c=${c.ffmpeg}:s=${width}x${height}:r=${fps}:d=1,format=yuv420p[c${i}]`);
  const graph = `${parts.join(';')};${CLIP_COLOURS.map((_, i) => `[c${i}]`).join('')}concat=n=${n}:v=1:a=0[v]`;
  await run([
    '-v', 'error', '-y',
    '-filter_complex', graph,
    '-f', 'lavfi', '-i', `sine=frequency=${toneHz}:sample_rate=48000:duration=${n}`,
    '-map', '[v]', '-map', '0:a',
    '-c:v', codec, ...(codec === 'libx264' ? ['-profile:v', 'main', '-pix_fmt', 'yuv420p', '-g', String(fps), '-keyint_min', String(fps)] : []),
    '-c:a', audioCodec, '-b:a', '128k',
    ...(file.endsWith('.mp4') ? ['-movflags', '+faststart'] : []),
    '-t', String(n),
    file,
  ]);
}

/** The colour clip as raw Y4M (no sound), what Chromium's fake camera plays on a loop. */
export async function makeColourY4m(file: string, opts: { width?: number; height?: number; fps?: number } = {}): Promise<void> {
  const { width = 320, height = 240, fps = 30 } = opts;
  const n = CLIP_COLOURS.length;
  const parts = CLIP_COLOURS.map((c, i) => `color=c=${c.ffmpeg}:s=${width}x${height}:r=${fps}:d=1,format=yuv420p[c${i}]`);
  const graph = `${parts.join(';')};${CLIP_COLOURS.map((_, i) => `[c${i}]`).join('')}concat=n=${n}:v=1:a=0[v]`;
  await run(['-v', 'error', '-y', '-filter_complex', graph, '-map', '[v]', '-pix_fmt', 'yuv420p', '-f', 'yuv4mpegpipe', file]);
}

/**
 * Decodes `seconds` of a (live) stream into w×h RGB frames at the stream's own rate (BT.709
 * limited range, as the studio's encoder tags it). One frame per encoded frame, so counts are
 * media time, not wall time.
 */
export function decodeTinyFrames(url: string, seconds: number, size = { width: 16, height: 9 }, timeoutMs = 60_000): Promise<Buffer[]> {
  const { width, height } = size;
  return new Promise((resolve, reject) => {
    const args = [
      '-v', 'error', '-i', url, '-t', String(seconds), '-an',
      '-vf', `scale=w=${width}:h=${height}:flags=area:in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`,
      '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
    ];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const bytes = width * height * 3;
      if (code !== 0 && all.length < bytes) return reject(new Error(`ffmpeg exited ${code}: ${err.slice(-2000)}`));
      const frames: Buffer[] = [];
      for (let i = 0; i + bytes <= all.length; i += bytes) frames.push(all.subarray(i, i + bytes));
      resolve(frames);
    });
  });
}

/** The RGB of pixel (x, y) of a w-wide RGB24 frame. */
export function pixel(frame: Buffer, width: number, x: number, y: number): Rgb {
  const i = (y * width + x) * 3;
  return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
}

/** The name of the CLIP_COLOURS entry `rgb` is, or 'other' (black, a blend, a card). */
export function colourName(rgb: Rgb, tolerance = 60): string {
  for (const c of CLIP_COLOURS) if (c.rgb.every((v, i) => Math.abs(v - rgb[i]!) <= tolerance)) return c.name;
  return 'other';
}

/** Runs of equal values: [value, length][]. */
export function runs<T>(values: T[]): [T, number][] {
  const out: [T, number][] = [];
  for (const v of values) {
    const last = out[out.length - 1];
    if (last && last[0] === v) last[1]++;
    else out.push([v, 1]);
  }
  return out;
}
