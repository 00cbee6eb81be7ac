/**
 * A live test stream as MPEG-TS (H.264 + AAC, paced at real time) to any URL FFmpeg writes: an
 * SRT listener (`srt://127.0.0.1:PORT?mode=listener&passphrase=…`), as an encoder in the field
 * offers a stream to an SRT caller, or HLS segments (hls-server.ts). The FLV/RTMP one is
 * publisher.ts.
 */
import dgram from 'node:dgram';
import { publishTestStream, type Publisher } from './publisher';

export interface TsPublishOptions {
  colour?: string;
  fps?: number;
  /** Muxer and its options in place of MPEG-TS (e.g. ['-f', 'hls', …]). */
  format?: string[];
}

/** publisher.ts's stream (320×180, 440 Hz, a keyframe a second) in MPEG-TS or the muxer given. */
export function publishTsStream(url: string, opts: TsPublishOptions = {}): Publisher {
  return publishTestStream(url, { ...opts, format: opts.format ?? ['-f', 'mpegts'] });
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
