/**
 * Streaming platforms a destination can be set up from: their ingest servers and the largest video
 * bitrate each documents, which the studio warns about before going live. Values come from each
 * platform's own published guidance (checked 2026-11):
 *
 * - Twitch, Broadcast Guidelines / Creator Camp: up to 6000 kbps video, keyframe every 2 s.
 * - YouTube, "Choose live encoder settings, bitrates, and resolutions": 12 Mbps recommended for
 *   H.264 at 1080p60, the largest size this studio encodes.
 * - Facebook, Live Video API reference: 1080p60 takes 4500–9000 kbps; RTMPS only; keyframes ≤ 4 s.
 * - Kick (ingest on Amazon IVS): up to 8000 kbps.
 *
 * The renderer cannot import the engine, so src/renderer/features/controls/presets.ts repeats the
 * ids, names and servers for the preset picker; test/integration/destinations.test.ts checks they agree.
 */
import type { EncoderSettings, Rendition } from '../shared';

export interface PlatformServer {
  label: string;
  url: string;
}

export interface Platform {
  id: string;
  name: string;
  /** First one is the default. */
  servers: PlatformServer[];
  /** Largest video bitrate the platform documents; null = no limit we know of. */
  maxVideoKbps: number | null;
  /** Largest keyframe interval it accepts, in seconds; null = no limit we know of. */
  maxKeyframeSec: number | null;
}

export const PLATFORMS: readonly Platform[] = [
  {
    id: 'twitch',
    name: 'Twitch',
    servers: [{ label: 'Automatic (closest)', url: 'rtmp://live.twitch.tv/app' }],
    maxVideoKbps: 6000,
    maxKeyframeSec: 2,
  },
  {
    id: 'youtube',
    name: 'YouTube',
    servers: [
      { label: 'Primary (RTMPS)', url: 'rtmps://a.rtmps.youtube.com:443/live2' },
      { label: 'Primary (RTMP)', url: 'rtmp://a.rtmp.youtube.com/live2' },
    ],
    maxVideoKbps: 12_000,
    maxKeyframeSec: 4,
  },
  {
    id: 'facebook',
    name: 'Facebook Live',
    servers: [{ label: 'Default (RTMPS)', url: 'rtmps://live-api-s.facebook.com:443/rtmp/' }],
    maxVideoKbps: 9000,
    maxKeyframeSec: 4,
  },
  {
    id: 'kick',
    name: 'Kick',
    servers: [{ label: 'Default (RTMPS)', url: 'rtmps://fa723fc1b171.global-contribute.live-video.net/app' }],
    maxVideoKbps: 8000,
    maxKeyframeSec: 2,
  },
  { id: 'custom', name: 'Custom', servers: [], maxVideoKbps: null, maxKeyframeSec: null },
];

export const PRESET_IDS = ['twitch', 'youtube', 'facebook', 'kick', 'custom'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export function platform(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}

/**
 * What a destination's settings break of its platform's documented limits, as sentences a user can
 * act on (empty when nothing does). Warnings, not refusals: platforms change their limits, and
 * partners often get more.
 */
export function platformWarnings(
  dest: { name: string; preset: string; audioOnly: boolean; rendition: Rendition | null },
  encoder: EncoderSettings,
): string[] {
  const p = platform(dest.preset);
  if (!p || dest.audioOnly) return [];
  const out: string[] = [];
  const kbps = dest.rendition?.bitrateKbps ?? encoder.bitrateKbps;
  if (p.maxVideoKbps !== null && kbps > p.maxVideoKbps) {
    out.push(
      `"${dest.name}" sends ${kbps} kbps of video, more than the ${p.maxVideoKbps} kbps ${p.name} documents; ` +
        'lower the bitrate or give this destination its own rendition.',
    );
  }
  if (p.maxKeyframeSec !== null && encoder.keyframeIntervalSec > p.maxKeyframeSec) {
    out.push(
      `"${dest.name}": ${p.name} wants a keyframe at least every ${p.maxKeyframeSec} s, but the encoder makes one every ` +
        `${encoder.keyframeIntervalSec} s; lower the keyframe interval.`,
    );
  }
  return out;
}
