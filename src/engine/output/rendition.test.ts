import { describe, expect, it } from 'vitest';
import type { EncoderSettings, VideoSettings } from '../../shared';
import { MAIN_RENDITION, bufferBytes, planRendition } from './rendition';

const video: VideoSettings = { baseWidth: 1920, baseHeight: 1080, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 };
const encoder: EncoderSettings = { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 4500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 160 };

describe('planRendition', () => {
  it('shares the main encoding without a rendition, for audio-only, and when the rendition equals it', () => {
    expect(planRendition(video, encoder, null).key).toBe(MAIN_RENDITION);
    expect(planRendition(video, encoder, { bitrateKbps: 1000 }, true).key).toBe(MAIN_RENDITION);
    expect(planRendition(video, encoder, { width: 1280, height: 720, bitrateKbps: 4500 }).key).toBe(MAIN_RENDITION);
    expect(planRendition(video, encoder, {}).key).toBe(MAIN_RENDITION);
  });

  it('keeps the aspect ratio when one side is given, with even sizes, and names equal renditions alike', () => {
    const a = planRendition(video, encoder, { width: 854, bitrateKbps: 1200 });
    expect(a).toMatchObject({ key: '854x480@1200k', video: { baseWidth: 1920, outputWidth: 854, outputHeight: 480 }, encoder: { bitrateKbps: 1200 } });
    expect(planRendition(video, encoder, { height: 480, bitrateKbps: 1200 }).key).toBe(a.key);
    expect(planRendition(video, encoder, { height: 361 }).video).toMatchObject({ outputWidth: 642, outputHeight: 362 });
    expect(planRendition(video, encoder, { bitrateKbps: 2500 })).toMatchObject({ key: '1280x720@2500k', video: { outputWidth: 1280, outputHeight: 720 } });
  });
});

describe('bufferBytes', () => {
  it('holds seconds of the rendition at its bitrate, with a floor', () => {
    expect(bufferBytes(encoder, 4)).toBe(Math.round(((4660 * 1000) / 8) * 1.25 * 4));
    expect(bufferBytes({ ...encoder, bitrateKbps: 200, audioBitrateKbps: 64 }, 1)).toBe(512 * 1024);
  });
});
