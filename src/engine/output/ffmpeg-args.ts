/**
 * FFmpeg's command lines, as string[] (never a shell string): the encoder process (one per
 * rendition) and the pusher process (one per destination).
 *
 * Inputs: raw NV12 video at the base size on pipe:0 and s16le 48 kHz stereo on pipe:3. Neither
 * carries timestamps, so FFmpeg derives them from frame and sample counts — which is why the frame
 * pump writes exactly one frame per output tick and exactly the matching samples with it.
 * Progress comes back as key=value blocks on pipe:4.
 */
import type { EncoderSettings, VideoSettings } from '../../shared';
import { AUDIO_CHANNELS, AUDIO_SAMPLE_RATE } from '../../shared';

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
}

/** Packets FFmpeg may queue per input before its reader thread blocks us (it reads pipes in threads). */
const THREAD_QUEUE = '64';
/** A network write that makes no progress for this long fails the process instead of hanging (µs). */
const RW_TIMEOUT_US = '15000000';
/** Raw inputs have nothing to probe: read one packet, not seconds of them, before starting. */
const NO_PROBE = ['-probesize', '32', '-analyzeduration', '0'];
/** VBR: the peak the rate control may reach, as a multiple of the average. */
const VBR_PEAK = 1.5;

export function keyframeInterval(video: VideoSettings, seconds: number): number {
  return Math.max(1, Math.round((seconds * video.fpsNumerator) / video.fpsDenominator));
}

export function buildEncoderArgs(p: EncoderArgsInput): string[] {
  const { video, encoder, target } = p;
  const rate = `${video.fpsNumerator}/${video.fpsDenominator}`;
  const gop = String(keyframeInterval(video, encoder.keyframeIntervalSec));
  const kbps = Math.round(encoder.bitrateKbps);
  // x264 refuses B-frames in the baseline profile rather than ignoring them.
  const bFrames = encoder.profile === 'baseline' ? 0 : Math.max(0, Math.round(encoder.bFrames));

  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info'];
  args.push(
    ...NO_PROBE,
    '-thread_queue_size', THREAD_QUEUE,
    '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', `${video.baseWidth}x${video.baseHeight}`, '-framerate', rate,
    '-i', 'pipe:0',
  );
  args.push(
    ...NO_PROBE,
    '-thread_queue_size', THREAD_QUEUE,
    '-f', 's16le', '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
    '-i', 'pipe:3',
  );
  args.push('-map', '0:v:0', '-map', '1:a:0');
  if (video.outputWidth !== video.baseWidth || video.outputHeight !== video.baseHeight) {
    args.push('-vf', `scale=${video.outputWidth}:${video.outputHeight}:flags=bicubic`);
  }
  // v1 always encodes with libx264; the encoder probe of the output engine picks others later.
  args.push(
    '-c:v', 'libx264',
    '-preset', encoder.preset,
    '-tune', 'zerolatency',
    '-profile:v', encoder.profile,
    '-bf', String(bFrames),
  );
  if (encoder.rateControl === 'CBR') {
    args.push(
      '-b:v', `${kbps}k`, '-minrate', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`,
      '-x264-params', 'nal-hrd=cbr',
    );
  } else {
    args.push('-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * VBR_PEAK)}k`, '-bufsize', `${kbps * 2}k`);
  }
  args.push(
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-pix_fmt', 'yuv420p',
    // The renderer packs BT.709 limited range; say so, or players assume BT.601 and shift colors.
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
  );
  args.push(
    '-c:a', 'aac', '-b:a', `${Math.round(encoder.audioBitrateKbps)}k`,
    '-ar', String(AUDIO_SAMPLE_RATE), '-ac', String(AUDIO_CHANNELS),
  );
  args.push('-progress', 'pipe:4', '-stats_period', '1', '-nostats');
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

export interface PusherArgsInput {
  /** Full publish URL, stream key included (it reaches argv and nothing else). */
  url: string;
  protocol: 'rtmp' | 'rtmps' | 'srt';
  audioOnly: boolean;
}

/**
 * A pusher copies the rendition's MPEG-TS (arriving on pipe:0, starting at a keyframe) to one
 * destination without re-encoding: FLV for RTMP(S), MPEG-TS for SRT. Progress on pipe:4 carries
 * total_size, the bytes actually handed to the network, which the stall watchdog follows.
 */
export function buildPusherArgs(p: PusherArgsInput): string[] {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'info', '-progress', 'pipe:4', '-stats_period', '1', '-nostats'];
  args.push('-f', 'mpegts', '-i', 'pipe:0');
  args.push(...(p.audioOnly ? ['-map', '0:a:0'] : ['-map', '0:v:0', '-map', '0:a:0']), '-c', 'copy');
  if (p.protocol === 'srt') {
    args.push('-f', 'mpegts', p.url);
  } else {
    args.push('-rw_timeout', RW_TIMEOUT_US, '-flvflags', 'no_duration_filesize', '-f', 'flv', p.url);
  }
  return args;
}
