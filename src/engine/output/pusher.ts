/**
 * A pusher: one FFmpeg child that copies a rendition's MPEG-TS (from its fan-out tap) to one
 * destination, without re-encoding. It is one connection attempt; the DestinationRunner starts a
 * new one for every retry. The URL with the stream key reaches FFmpeg's argv and nothing else:
 * every line FFmpeg writes is redacted with the URL's secret parts before it is kept or logged.
 */
import { ok, type Result } from '../../shared';
import type { Clock, Logger } from '../api';
import type { PushAttempt, PushEvents } from './destination';
import type { FanOut, Tap } from './fan-out';
import { buildPusherArgs } from './ffmpeg-args';
import { FfmpegProcess } from './supervisor';

export interface PusherOptions {
  ffmpegPath: string;
  url: string;
  protocol: 'rtmp' | 'rtmps' | 'srt';
  audioOnly: boolean;
  /** The URL's secret parts (stream key, passphrase), hidden in every log line. */
  secrets: string[];
  fanOut: FanOut;
  /** How far this pusher may fall behind before its data is dropped. */
  maxBufferBytes: number;
  clock: Clock;
  logger: Logger;
  /** Names it in log lines ("destination Twitch"). */
  label: string;
  /** A clean stop waits this long for FFmpeg to flush before SIGTERM; default 2000 ms. */
  termAfterMs?: number;
  killAfterMs?: number;
}

export function startPusher(opts: PusherOptions, events: PushEvents): Result<PushAttempt> {
  let tap: Tap | null = null;
  const proc = new FfmpegProcess({
    path: opts.ffmpegPath,
    args: buildPusherArgs({ url: opts.url, protocol: opts.protocol, audioOnly: opts.audioOnly }),
    clock: opts.clock,
    logger: opts.logger,
    secrets: opts.secrets,
    label: opts.label,
    pipes: { audio: false },
    termAfterMs: opts.termAfterMs ?? 2000,
    killAfterMs: opts.killAfterMs ?? 1000,
    onProgress: (s) => events.progress(s.totalSize ?? 0, s.frame ?? 0),
    onExit: (info) => {
      tap?.close();
      if (!info.requested) events.exit(info.failure);
    },
  });
  const started = proc.start();
  if (!started.ok) return started;
  const input = proc.video;
  if (input) tap = opts.fanOut.tap(input, opts.maxBufferBytes);
  const counters = { dropped: 0, congestion: 0 };
  return ok({
    async stop() {
      tap?.close();
      await proc.stop();
    },
    async kill() {
      tap?.close();
      await proc.dispose();
    },
    counters: () => tap?.counters() ?? counters,
  });
}
