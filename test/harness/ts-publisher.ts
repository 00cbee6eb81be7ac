/**
 * A live test stream as MPEG-TS (H.264 + AAC, paced at real time) to any URL FFmpeg writes: an
 * SRT listener (`srt://127.0.0.1:PORT?mode=listener&passphrase=…`), as an encoder in the field
 * offers a stream to an SRT caller, or HLS segments (hls-server.ts). The FLV/RTMP one is
 * publisher.ts.
 */
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
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

/**
 * Whether some process has this UDP port bound (Linux's /proc/net/udp and udp6): the positive
 * signal that an SRT listener is ready for a caller, which would otherwise fail its handshake.
 */
export function udpPortBound(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of ['/proc/net/udp', '/proc/net/udp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue; // no IPv6 on this machine
    }
    // Each row: "sl local_address rem_address …"; the local address ends with :PORT in hex.
    if (text.split('\n').some((row) => row.trim().split(/\s+/)[1]?.endsWith(hex))) return true;
  }
  return false;
}
