/**
 * A live test stream as MPEG-TS (H.264 + AAC, paced at real time) to any URL FFmpeg writes: an
 * SRT listener (`srt://127.0.0.1:PORT?mode=listener&passphrase=…`), as an encoder in the field
 * offers a stream to an SRT caller, or HLS segments (hls-server.ts). The FLV/RTMP one is
 * publisher.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { Publisher } from './publisher';

export interface TsPublishOptions {
  colour?: string;
  fps?: number;
  /** Muxer and its options in place of MPEG-TS (e.g. ['-f', 'hls', …]). */
  format?: string[];
}

export function publishTsStream(url: string, opts: TsPublishOptions = {}): Publisher {
  const { colour = 'red', fps = 30 } = opts;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
    '-f', 'lavfi', '-i', `color=c=${colour}:s=320x180:r=${fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-bf', '0',
    '-pix_fmt', 'yuv420p', '-g', String(fps), '-keyint_min', String(fps),
    '-c:a', 'aac', '-b:a', '96k',
    ...(opts.format ?? ['-f', 'mpegts']), url,
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

/** A loopback UDP port nobody is bound to right now (SRT runs over UDP). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
