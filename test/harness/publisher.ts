/**
 * A live test stream published with the real FFmpeg: a solid colour (or any lavfi video) and a
 * tone, H.264 + AAC in FLV, paced at real time (-re), to an RTMP URL. What a camera or an
 * encoder in the field sends to a server a network stream source pulls from.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Publisher {
  readonly pid: number;
  /** Resolves when FFmpeg has gone (killed, or the server dropped it). */
  readonly exited: Promise<void>;
  /** SIGKILL, and wait for it to be gone. */
  stop(): Promise<void>;
  /** FFmpeg's last words, for failure messages. */
  stderr(): string;
}

export interface PublishOptions {
  /** lavfi video source; default a solid colour. */
  video?: string;
  /** FFmpeg colour name for the default source; default 'red'. */
  colour?: string;
  width?: number;
  height?: number;
  fps?: number;
  /** Keyframe interval in frames; default fps (one a second). */
  gop?: number;
  toneHz?: number;
  /** lavfi audio source in place of the tone. */
  audio?: string;
  /** Video encoder arguments in place of H.264 (e.g. ['-c:v', 'flv1']). */
  videoCodec?: string[];
  /** Muxer and its options in place of FLV (e.g. ['-f', 'mpegts']: ts-publisher.ts). */
  format?: string[];
}

export function publishTestStream(url: string, opts: PublishOptions = {}): Publisher {
  const { colour = 'red', width = 320, height = 180, fps = 30, toneHz = 440 } = opts;
  const gop = opts.gop ?? fps;
  const video = opts.video ?? `color=c=${colour}:s=${width}x${height}:r=${fps}`;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
    '-f', 'lavfi', '-i', video,
    '-f', 'lavfi', '-i', opts.audio ?? `sine=frequency=${toneHz}:sample_rate=48000`,
    ...(opts.videoCodec ?? ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0']),
    '-pix_fmt', 'yuv420p', '-g', String(gop), '-keyint_min', String(gop),
    '-c:a', 'aac', '-b:a', '96k',
    ...(opts.format ?? ['-f', 'flv']), url,
  ];
  const child: ChildProcess = spawn(process.env['FFMPEG_BIN'] ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (e) => {
      err += String(e);
      resolve();
    });
  });
  return {
    pid: child.pid ?? -1,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => err,
  };
}
