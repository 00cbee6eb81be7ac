import { describe, expect, it } from 'vitest';
import type { EncoderSettings } from '../shared';
import { PLATFORMS, PRESET_IDS, platformWarnings } from './platforms';

const encoder: EncoderSettings = { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 8000, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 160 };
const dest = { name: 'Main', preset: 'twitch', audioOnly: false, rendition: null };

describe('platforms', () => {
  it('lists every preset id once, with rtmp(s) servers, custom last', () => {
    expect(PLATFORMS.map((p) => p.id)).toEqual([...PRESET_IDS]);
    for (const p of PLATFORMS) for (const s of p.servers) expect(s.url).toMatch(/^rtmps?:\/\/[a-z0-9.-]+(:\d+)?\//);
    expect(PLATFORMS.find((p) => p.id === 'youtube')!.servers.map((s) => s.url)).toEqual([
      'rtmps://a.rtmps.youtube.com:443/live2',
      'rtmp://a.rtmp.youtube.com/live2',
    ]);
  });

  it('warns when a destination sends more than its platform documents, naming both numbers', () => {
    const [w] = platformWarnings(dest, encoder);
    expect(w).toMatch(/"Main" sends 8000 kbps of video, more than the 6000 kbps Twitch documents/);
    expect(platformWarnings({ ...dest, rendition: { bitrateKbps: 6000 } }, encoder)).toEqual([]);
    expect(platformWarnings({ ...dest, audioOnly: true }, encoder)).toEqual([]);
    expect(platformWarnings({ ...dest, preset: 'custom' }, encoder)).toEqual([]);
    expect(platformWarnings({ ...dest, preset: 'youtube' }, { ...encoder, keyframeIntervalSec: 6 })).toEqual([
      expect.stringMatching(/YouTube wants a keyframe at least every 4 s/),
    ]);
  });
});
