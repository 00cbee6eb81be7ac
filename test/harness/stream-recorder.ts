/**
 * What a destination received, kept for inspection: an FFmpeg reader that copies a stream (an RTMP
 * play URL, or an SRT listener a destination pushes to) into an MPEG-TS file, and the timestamps of
 * the packets in that file. Gaps in the packet timestamps are gaps in what the destination got.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';

export interface StreamRecorder {
  file: string;
  /** Ends the reader (SIGINT, so FFmpeg finishes the file); resolves when it is gone. */
  stop(): Promise<void>;
  /** Resolves when the reader exits on its own (an SRT listener does when its caller leaves). */
  exited: Promise<number | null>;
  stderr(): string;
}

/**
 * Whether something listens on UDP port `port` here. Asks `ss` (netlink): /proc/net/udp is
 * incomplete in some sandboxes. Without ss the answer is "yes" and callers fall back to a delay.
 */
export function udpBound(port: number): boolean {
  try {
    return execFileSync('ss', ['-Hlun', `sport = :${port}`], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true;
  }
}

/**
 * Starts a reader of `url` into `file` (each packet written at once, so the file can be probed while
 * it grows); for srt://…?mode=listener it resolves once the port is bound.
 */
export async function recordStream(url: string, file: string): Promise<StreamRecorder> {
  const child: ChildProcess = spawn(FFMPEG, ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-y', '-i', url, '-map', '0', '-c', 'copy', '-flush_packets', '1', '-f', 'mpegts', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  if (/^srt:.*mode=listener/.test(url)) {
    const port = Number(new URL(url).port);
    const deadline = Date.now() + 10_000;
    while (!udpBound(port)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`the SRT listener on ${port} did not start: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    // The socket is bound a moment before libsrt listens on it.
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    file,
    exited,
    stderr: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Timestamps of one kind of packet in a media file, in file order. */
export function packetTimes(file: string, stream: 'v' | 'a' = 'v'): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-select_streams', stream, '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file],
      { maxBuffer: 64 << 20 },
      (error, stdout) => {
        if (error) reject(error);
        // A packet with side data gets a trailing comma and an empty line: keep the first field only.
        else resolve(stdout.split('\n').map((line) => line.split(',')[0]!.trim()).filter((f) => f !== '').map(Number).filter(Number.isFinite));
      },
    );
  });
}

/** The largest step between consecutive timestamps (after sorting: B-frames reorder pts). */
export function largestGap(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < sorted.length; i++) gap = Math.max(gap, sorted[i]! - sorted[i - 1]!);
  return gap;
}
