/**
 * Which video codecs a destination's protocol can carry. One rule for the engine (it refuses to
 * stream HEVC where a destination cannot take it, src/engine/output/encoder-selection.ts) and for
 * Settings (it shows such an encoder disabled, naming the destination).
 *
 * The studio pushes RTMP/RTMPS as classic FLV, which carries H.264 (and AAC) only; SRT carries
 * MPEG-TS, which also takes HEVC. The encoder catalog (src/engine/output/encoders/catalog.ts) has
 * H.264 and HEVC encoders only.
 */

export type VideoCodec = 'h264' | 'hevc';

export const CODEC_LABELS: Record<VideoCodec, string> = { h264: 'H.264', hevc: 'HEVC' };

/** The codec an FFmpeg encoder name produces (catalog names: h264_nvenc, hevc_nvenc, libx264, …). */
export function encoderCodec(name: string): VideoCodec {
  return /^hevc_|^libx265$/.test(name) ? 'hevc' : 'h264';
}

/** 'RTMP' or 'SRT': the protocol a server address pushes with, as the rule names it. */
export function protocolLabel(server: string): string {
  return /^srt:/i.test(server.trim()) ? 'SRT' : 'RTMP';
}

/** Whether a destination at `server` can carry `codec`. */
export function protocolCarries(server: string, codec: VideoCodec): boolean {
  if (codec === 'h264') return true;
  return /^srt:/i.test(server.trim());
}

/**
 * Why `codec` cannot be streamed to these (enabled) destinations, or null when it can. With none
 * enabled only H.264 is allowed: the encoder is chosen before anyone knows where it will go.
 */
export function codecProblem(codec: VideoCodec, destinations: readonly { name: string; server: string; enabled: boolean }[]): string | null {
  if (codec === 'h264') return null;
  const active = destinations.filter((d) => d.enabled);
  const label = CODEC_LABELS[codec];
  if (active.length === 0) return `${label}: needs an enabled SRT destination to carry it`;
  const refusing = active.find((d) => !protocolCarries(d.server, codec));
  if (refusing) return `${label}: not carried by ${protocolLabel(refusing.server)} destination “${refusing.name}”`;
  return null;
}
