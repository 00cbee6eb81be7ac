import { execFile } from 'node:child_process';

export interface ProbeStream {
  index: number;
  codec_type: 'video' | 'audio' | string;
  codec_name: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  color_space?: string;
  color_range?: string;
}

export interface ProbeResult {
  streams: ProbeStream[];
  format: { format_name: string; [key: string]: unknown };
}

function run(file: string, args: string[], timeoutMs: number, binary: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20, encoding: 'buffer' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${String(error)}\n${stderr.toString().slice(-2000)}`));
      else resolve(binary ? stdout : Buffer.from(stdout));
    });
  });
}

/** ffprobe's streams and format for a URL or file. */
export async function ffprobeJson(url: string, timeoutMs = 30_000): Promise<ProbeResult> {
  const out = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', url], timeoutMs, false);
  return JSON.parse(out.toString('utf8')) as ProbeResult;
}

/**
 * Decodes one video frame of a stream to packed RGB24 at width×height, converting with BT.709
 * limited range — what the renderer's NV12 pack and our encoder tags say — whatever the stream
 * is tagged with. skipMs discards that much decoded video first (past a start-up black frame).
 */
export async function grabFrameRgb(
  url: string,
  size: { width: number; height: number; skipMs?: number },
  timeoutMs = 30_000,
): Promise<Buffer> {
  const { width, height, skipMs = 0 } = size;
  const args = ['-v', 'error', '-i', url];
  if (skipMs > 0) args.push('-ss', String(skipMs / 1000));
  args.push(
    '-frames:v', '1', '-an',
    '-vf', `scale=w=${width}:h=${height}:in_color_matrix=bt709:in_range=tv:out_range=pc,format=rgb24`,
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  );
  const frame = await run('ffmpeg', args, timeoutMs, true);
  if (frame.length !== width * height * 3) {
    throw new Error(`grabbed ${frame.length} bytes, expected ${width * height * 3} for ${width}x${height} RGB`);
  }
  return frame;
}

/** Decodes `seconds` of a stream's audio to s16le at 48 kHz: mono, or interleaved stereo with channels 2. */
export async function grabAudioPcm(url: string, seconds: number, timeoutMs = 30_000, channels: 1 | 2 = 1): Promise<Int16Array> {
  const out = await run('ffmpeg', ['-v', 'error', '-i', url, '-vn', '-t', String(seconds), '-ac', String(channels), '-ar', '48000', '-f', 's16le', 'pipe:1'], timeoutMs, true);
  return new Int16Array(out.buffer, out.byteOffset, Math.floor(out.length / 2));
}

/** Relative power of one frequency in a signal (Goertzel), normalised by the signal's energy. */
export function toneStrength(pcm: Int16Array, freqHz: number, sampleRate = 48000): number {
  const w = (2 * Math.PI * freqHz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const v of pcm) {
    const s = v + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
    energy += v * v;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy === 0 ? 0 : power / (energy * pcm.length);
}
