/**
 * FFmpeg's command lines, as string[] (never a shell string): the encoder process (one per
 * rendition) and the pusher process (one per destination).
 *
 * Inputs: raw NV12 video at the base size on pipe:0 and s16le 48 kHz on pipe:3 (stereo, or with
 * audioTracks the six tracks' 12 channels, of which each listed track becomes its own stereo AAC
 * stream, in the listed order: see audio-tracks.ts). Neither
 * carries timestamps, so FFmpeg derives them from frame and sample counts — which is why the frame
 * pump writes exactly one frame per output tick and exactly the matching samples with it.
 * Progress comes back as key=value blocks on pipe:4.
 */
import type { EncoderSettings, VideoSettings } from '../../shared';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE, AUDIO_WIRE_CHANNELS } from '../../shared';
import { encoderPlan, type EncoderName } from './encoders/catalog';

export type EncoderTarget =
  | { kind: 'rtmp'; url: string }
  /** MPEG-TS on pipe:1, for the fan-out to the destinations' pushers. */
  | { kind: 'pipe' }
  | { kind: 'null' }
  | { kind: 'file'; path: string; format: string };

export interface EncoderArgsInput {
  video: VideoSettings;
  encoder: EncoderSettings;
  target: EncoderTarget;
  /** The encoder that passed its probe (encoders/choose.ts); default libx264. */
  codec?: EncoderName;
  /**
   * Seconds added to every output timestamp: an encoder restarted mid-stream (crash, hardware
   * fallback) continues the timeline its predecessor left, so the destinations' muxers see time
   * move on instead of jumping back to zero.
   */
  tsOffsetSec?: number;
  /** The DRM render node for VA-API. */
  vaapiDevice?: string;
  /**
   * The mixer tracks (1..6) to encode, each its own audio stream in this order; the audio input
   * then carries all six tracks (AUDIO_WIRE_CHANNELS). Absent: a stereo input, one stream.
   */
  audioTracks?: readonly number[];
}

/** Packets FFmpeg may queue per input before its reader thread blocks us (it reads pipes in threads). */
const THREAD_QUEUE = '64';
/** A network write that makes no progress for this long fails the process instead of hanging (µs). */
const RW_TIMEOUT_US = '15000000';
/** Raw inputs have nothing to probe: read one packet, not seconds of them, before starting. */
const NO_PROBE = ['-probesize', '32', '-analyzeduration', '0'];
export function keyframeInterval(video: VideoSettings, seconds: number): number {
  return Math.max(1, Math.round((seconds * video.fpsNumerator) / video.fpsDenominator));
}

export function buildEncoderArgs(p: EncoderArgsInput): string[] {
  const { video, encoder, target } = p;
  const rate = `${video.fpsNumerator}/${video.fpsDenominator}`;
  const plan = encoderPlan(p.codec ?? 'libx264', encoder, { num: video.fpsNumerator, den: video.fpsDenominator }, {
    ...(p.vaapiDevice ? { vaapiDevice: p.vaapiDevice } : {}),
  });

  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info', ...plan.global];
  args.push(
    ...NO_PROBE,
    '-thread_queue_size', THREAD_QUEUE,
    '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', `${video.baseWidth}x${video.baseHeight}`, '-framerate', rate,
    '-i', 'pipe:0',
  );
  args.push(
    ...NO_PROBE,
    '-thread_queue_size', THREAD_QUEUE,
    '-f', 's16le', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(p.audioTracks ? AUDIO_WIRE_CHANNELS : AUDIO_CHANNELS),
    '-i', 'pipe:3',
  );
  args.push('-map', '0:v:0');
  if (p.audioTracks) {
    const graph = trackGraph(p.audioTracks);
    args.push('-filter_complex', graph.filter, ...graph.labels.flatMap((l) => ['-map', l]));
  } else {
    args.push('-map', '1:a:0');
  }
  const filters = [...plan.filters];
  if (video.outputWidth !== video.baseWidth || video.outputHeight !== video.baseHeight) {
    // Scaling happens in memory, before any upload to the GPU the encoder needs.
    filters.unshift(`scale=${video.outputWidth}:${video.outputHeight}:flags=bicubic`);
  }
  if (filters.length > 0) args.push('-vf', filters.join(','));
  args.push(
    ...plan.output,
    // The renderer packs BT.709 limited range; say so, or players assume BT.601 and shift colors.
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
  );
  args.push(
    '-c:a', 'aac', '-b:a', `${Math.round(encoder.audioBitrateKbps)}k`,
    '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
  );
  args.push('-progress', 'pipe:4', '-stats_period', '1', '-nostats');
  if (p.tsOffsetSec && p.tsOffsetSec > 0) args.push('-output_ts_offset', p.tsOffsetSec.toFixed(6));
  switch (target.kind) {
    case 'rtmp':
      // A live FLV has no duration or size to patch in at the end; without this FFmpeg warns at stop.
      args.push('-rw_timeout', RW_TIMEOUT_US, '-flvflags', 'no_duration_filesize', '-f', 'flv', target.url);
      break;
    case 'pipe':
      // Each packet is written as soon as it is muxed: the fan-out, not FFmpeg's 32 KB buffer, paces it.
      args.push('-flush_packets', '1', '-f', 'mpegts', 'pipe:1');
      break;
    case 'null':
      args.push('-f', 'null', '-');
      break;
    case 'file':
      // A relative name starting with '-' would be read as an option.
      args.push('-y', '-f', target.format, target.path.startsWith('-') ? `./${target.path}` : target.path);
      break;
  }
  return args;
}

/**
 * Picks each track's stereo pair out of the 12-channel input (track t = channels 2t-2, 2t-1): a
 * `pan` per track, after an `asplit` when there are several. Labels in the tracks' order.
 */
export function trackGraph(tracks: readonly number[]): { filter: string; labels: string[] } {
  if (tracks.length === 0) throw new Error('trackGraph: no track to encode');
  const labels = tracks.map((t) => `[t${t}]`);
  const pan = (t: number): string => `pan=stereo|c0=c${2 * t - 2}|c1=c${2 * t - 1}`;
  if (tracks.length === 1) return { filter: `[1:a]${pan(tracks[0]!)}${labels[0]}`, labels };
  const split = tracks.map((t) => `[s${t}]`);
  const parts = [`[1:a]asplit=${tracks.length}${split.join('')}`, ...tracks.map((t, i) => `${split[i]}${pan(t)}${labels[i]}`)];
  return { filter: parts.join(';'), labels };
}

/**
 * Pictures a connection opened for sound only still receives from its first keyframe: its FFmpeg
 * learns the pictures' size from them (FLV cannot open a video track without one, and a track
 * opened later would be a new connection), then drops them, so none reaches the server. B-frames
 * delay a decoder's first picture by a few frames: eight leave room.
 */
export const SOUND_ONLY_PROBE_FRAMES = 8;

export interface PusherArgsInput {
  /** The publish URL as argv may show it: without its secret parts when presetPath is given (publish-url.ts). */
  url: string;
  protocol: 'rtmp' | 'rtmps' | 'srt';
  /** Opened for sound only: the video track is declared (pictures can come back) but its probe pictures are dropped. */
  audioOnly: boolean;
  /** A preset (ffmpeg-preset.ts) with the URL's secret parts as protocol options, applied to the output. */
  presetPath?: string;
  /** rtmps: trust this PEM bundle (the system's, or STUDIO_NETWORK_CA_FILE) when verifying the server. */
  caFile?: string;
  /** Which of the encoding's audio streams it sends (its track's place: audio-tracks.ts); default 0. */
  audioStream?: number;
}

/**
 * A pusher copies the rendition's MPEG-TS (arriving on pipe:0, starting at a keyframe) to one
 * destination without re-encoding: FLV for RTMP(S), MPEG-TS for SRT. Progress on pipe:4 carries
 * total_size, the bytes actually handed to the network, which the stall watchdog follows.
 */
export function buildPusherArgs(p: PusherArgsInput): string[] {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-progress', 'pipe:4', '-stats_period', '1', '-nostats'];
  // Our own MPEG-TS: its PMT names both streams and the tap starts at a keyframe with its SPS, so
  // half a second of probing is plenty. FFmpeg's default (5 s) would hold every go-live back by
  // seconds when the audio is silence, whose tiny AAC frames do not fill the probe buffer.
  // A gap in one stream (an audio-only switch holds the pictures back for as long as it lasts) is
  // real time passing, not a broken clock: FFmpeg's default would "correct" a gap over 10 s by
  // shifting every stream back, putting sound and pictures out of step.
  args.push('-dts_delta_threshold', '86400');
  args.push('-analyzeduration', '500000', '-f', 'mpegts', '-i', 'pipe:0');
  args.push('-map', '0:v:0', '-map', `0:a:${p.audioStream ?? 0}`, '-c', 'copy');
  if (p.audioOnly) args.push('-bsf:v', `noise=drop=lt(n\\,${SOUND_ONLY_PROBE_FRAMES})`);
  // While an audio-only switch holds the pictures back, the sound must not wait for them: FFmpeg's
  // interleaving would buffer it for up to 10 s (its default) and the connection would look stalled.
  args.push('-max_interleave_delta', '500000');
  // A preset applies to the output that follows it, like any output option.
  if (p.presetPath) args.push('-fpre', p.presetPath);
  // RTMPS verifies the server's certificate and name (FFmpeg's default verifies nothing), so the
  // stream key goes only to the server the URL names.
  if (p.protocol === 'rtmps') args.push('-tls_verify', '1', ...(p.caFile ? ['-ca_file', p.caFile] : []));
  if (p.protocol === 'srt') {
    args.push('-f', 'mpegts', p.url);
  } else {
    args.push('-rw_timeout', RW_TIMEOUT_US, '-flvflags', 'no_duration_filesize', '-f', 'flv', p.url);
  }
  return args;
}
