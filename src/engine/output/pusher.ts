/**
 * A pusher: one FFmpeg child that copies a rendition's MPEG-TS (from its fan-out tap) to one
 * destination, without re-encoding. It is one connection attempt; the DestinationRunner starts a
 * new one for every retry.
 *
 * The stream key stays out of FFmpeg's argv (which every user of the machine can read): the URL's
 * secret parts travel as protocol options in a preset FFmpeg reads from an inherited descriptor
 * (publish-url.ts, ffmpeg-preset.ts, preset-channel.ts), and argv keeps only what is public. Only when the probe found that the FFmpeg
 * in use cannot read presets (preset-probe.ts) does the whole URL go to argv, as it must to publish
 * at all. Either way, every line FFmpeg writes is redacted with the URL's secret parts before it is
 * kept or logged.
 */
import { ok, type Result } from '../../shared';
import type { Clock, Logger } from '../api';
import { trackStream } from './audio-tracks';
import type { PushAttempt, PushEvents } from './destination';
import type { FanOut, Tap } from './fan-out';
import { SOUND_ONLY_PROBE_FRAMES, buildPusherArgs } from './ffmpeg-args';
import { presetText } from './ffmpeg-preset';
import { PRESET_FD, openPresetChannel, type PresetChannel } from './preset-channel';
import { splitPublishUrl } from './publish-url';
import { FfmpegProcess } from './supervisor';

export interface PusherOptions {
  ffmpegPath: string;
  url: string;
  protocol: 'rtmp' | 'rtmps' | 'srt';
  audioOnly: boolean;
  /** The URL's secret parts (stream key, passphrase), hidden in every log line. */
  secrets: string[];
  /** The FFmpeg in use reads presets (preset-probe.ts): the secrets go there instead of argv. */
  presets: boolean;
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
  /** rtmps: the PEM bundle the server's certificate is verified against. */
  caFile?: string;
  /** The mixer track (1..6) it sends, found among the encoding's audio streams; default 1. */
  audioTrack?: number;
}

/** A pusher's connection attempt, which can also change the encoding it sends without reconnecting. */
export interface Pusher extends PushAttempt {
  /** Sends another encoding from its next keyframe on (see Tap.handOver); the connection stays. */
  moveTo(fanOut: FanOut): void;
  /** Stops or resumes the pictures on this connection (an audio-only switch). */
  setVideo(on: boolean): void;
}

export function startPusher(opts: PusherOptions, events: PushEvents): Result<Pusher> {
  let tap: Tap | null = null;
  // Every encoding of a run carries the same tracks, so the place stays right after moveTo.
  const stream = trackStream(opts.fanOut.audioTracks, opts.audioTrack ?? 1);
  if (!stream.ok) return stream;
  const split = opts.presets ? splitPublishUrl(opts.url, opts.protocol) : { url: opts.url, options: [] };
  let channel: PresetChannel | null = null;
  if (split.options.length > 0) {
    const text = presetText(split.options);
    if (!text.ok) return text;
    const opened = openPresetChannel(text.value, PRESET_FD);
    if (!opened.ok) return opened;
    channel = opened.value;
  }
  const proc = new FfmpegProcess({
    path: opts.ffmpegPath,
    args: buildPusherArgs({
      url: split.url,
      protocol: opts.protocol,
      audioOnly: opts.audioOnly,
      ...(channel ? { presetPath: channel.path } : {}),
      ...(opts.caFile ? { caFile: opts.caFile } : {}),
      audioStream: stream.value,
    }),
    ...(channel?.inherit ? { inherit: channel.inherit } : {}),
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
      channel?.dispose();
      if (!info.requested) events.exit(info.failure);
    },
  });
  const started = proc.start();
  channel?.spawned();
  if (!started.ok) {
    channel?.dispose();
    return started;
  }
  const input = proc.video;
  if (input) tap = opts.fanOut.tap(input, opts.maxBufferBytes);
  // Opened for sound only, it still declares pictures (so they can come back on this connection).
  if (opts.audioOnly) tap?.soundOnly(SOUND_ONLY_PROBE_FRAMES);
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
    moveTo(fanOut) {
      if (tap) tap = tap.handOver(fanOut);
    },
    setVideo(on) {
      tap?.setVideo(on);
    },
  });
}
