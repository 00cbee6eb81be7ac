/**
 * What the network-pull suites ask of a pull: wait for a value to pass a check (with the log's tail
 * in the failure), and the colour a fragmented-MP4 file's first frame shows.
 */
import { execFile } from 'node:child_process';

/** Polls `get` every 100 ms until `check` passes; the error names what, the last value and `context()`. */
export async function untilValue<T>(what: string, get: () => T | Promise<T>, check: (v: T) => boolean, context: () => string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last ${JSON.stringify(v)}\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The centre pixel of the first frame of a media file, as RGB. */
export function centreRgb(file: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const ffmpeg = process.env['FFMPEG_BIN'] ?? 'ffmpeg';
    execFile(ffmpeg, ['-v', 'error', '-i', file, '-frames:v', '1', '-vf', 'scale=4:4,format=rgb24', '-f', 'rawvideo', 'pipe:1'], { encoding: 'buffer' }, (e, out) => {
      if (e) reject(e);
      else resolve([...out.subarray(5 * 3, 5 * 3 + 3)]);
    });
  });
}
