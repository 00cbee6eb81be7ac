/**
 * The platform presets as the destination editor shows them. The engine's src/engine/platforms.ts
 * is the source (with the sources of each limit); the renderer may not import the engine, so the
 * ids, names, servers and limits are repeated here, and test/integration/destinations.test.ts fails
 * when the two disagree.
 */
export interface PresetServer {
  label: string;
  url: string;
}

export interface Preset {
  id: string;
  name: string;
  servers: PresetServer[];
  maxVideoKbps: number | null;
}

export const PRESETS: readonly Preset[] = [
  { id: 'twitch', name: 'Twitch', servers: [{ label: 'Automatic (closest)', url: 'rtmp://live.twitch.tv/app' }], maxVideoKbps: 6000 },
  {
    id: 'youtube',
    name: 'YouTube',
    servers: [
      { label: 'Primary (RTMPS)', url: 'rtmps://a.rtmps.youtube.com:443/live2' },
      { label: 'Primary (RTMP)', url: 'rtmp://a.rtmp.youtube.com/live2' },
    ],
    maxVideoKbps: 12_000,
  },
  { id: 'facebook', name: 'Facebook Live', servers: [{ label: 'Default (RTMPS)', url: 'rtmps://live-api-s.facebook.com:443/rtmp/' }], maxVideoKbps: 9000 },
  {
    id: 'kick',
    name: 'Kick',
    servers: [{ label: 'Default (RTMPS)', url: 'rtmps://fa723fc1b171.global-contribute.live-video.net/app' }],
    maxVideoKbps: 8000,
  },
  { id: 'custom', name: 'Custom', servers: [], maxVideoKbps: null },
];

export const presetOf = (id: string): Preset => PRESETS.find((p) => p.id === id) ?? PRESETS[PRESETS.length - 1]!;
