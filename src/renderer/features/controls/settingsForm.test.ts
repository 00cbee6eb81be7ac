import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type StudioDocument } from '../../../shared';
import { draftFrom, draftSize, planSave } from './settingsForm';

const doc = (over: Partial<StudioDocument> = {}): StudioDocument => ({
  version: 1,
  revision: 3,
  scenes: [{ uuid: 's', name: 'Scene', items: [{ sceneItemId: 1, sourceUuid: 'i', enabled: true, locked: false, transform: DEFAULT_TRANSFORM }], nextItemId: 2 }],
  inputs: [],
  currentSceneUuid: 's',
  video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 },
  output: {
    ffmpegPath: '',
    encoder: { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 128 },
  },
  destinations: [],
  ...over,
});

describe('settings draft', () => {
  it('reads presets and custom sizes', () => {
    expect(draftFrom(doc()).resolution).toBe('1280x720');
    const custom = draftFrom(doc({ video: { baseWidth: 1000, baseHeight: 500, outputWidth: 1000, outputHeight: 500, fpsNumerator: 60000, fpsDenominator: 1001 } }));
    expect(custom.resolution).toBe('custom');
    expect(draftSize(custom)).toEqual({ width: '1000', height: '500' });
    expect(custom.fps).toBe('59.94');
  });

  it('never carries the stored key', () => {
    const d = draftFrom(doc({ destinations: [{ id: 'd1', name: 'x', enabled: true, server: 'rtmp://a/live', hasKey: true }] }));
    expect(d.key).toBe('');
    expect(d.server).toBe('rtmp://a/live');
  });
});

describe('planSave', () => {
  it('sends nothing when nothing changed', () => {
    const d = doc();
    expect(planSave(d, draftFrom(d))).toEqual({ ok: true, plan: {} });
  });

  it('creates the first destination, with the key only when typed', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), server: ' rtmp://127.0.0.1/live ' });
    expect(r).toEqual({ ok: true, plan: { destination: { name: 'Custom RTMP', server: 'rtmp://127.0.0.1/live', enabled: true } } });
    const withKey = planSave(d, { ...draftFrom(d), server: 'rtmp://h/live', key: 'abc' });
    expect(withKey.ok && withKey.plan.destination?.key).toBe('abc');
  });

  it('updates the existing destination by id, keeping the stored key unless one is typed', () => {
    const d = doc({ destinations: [{ id: 'd1', name: 'x', enabled: true, server: 'rtmp://a/live', hasKey: true }] });
    expect(planSave(d, { ...draftFrom(d), server: 'rtmp://b/live' })).toEqual({ ok: true, plan: { destination: { id: 'd1', server: 'rtmp://b/live' } } });
    expect(planSave(d, { ...draftFrom(d), key: 'k2' })).toEqual({ ok: true, plan: { destination: { id: 'd1', key: 'k2' } } });
  });

  it('sends video with output size equal to the base size', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), resolution: '1920x1080', fps: '60' });
    expect(r).toEqual({
      ok: true,
      plan: { video: { baseWidth: 1920, baseHeight: 1080, outputWidth: 1920, outputHeight: 1080, fpsNumerator: 60, fpsDenominator: 1 } },
    });
  });

  it('keeps a fractional frame rate that was not touched', () => {
    const d = doc({ video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 60000, fpsDenominator: 1001 } });
    expect(planSave(d, draftFrom(d))).toEqual({ ok: true, plan: {} });
    const r = planSave(d, { ...draftFrom(d), resolution: '848x480' });
    expect(r.ok && r.plan.video).toEqual({ baseWidth: 848, baseHeight: 480, outputWidth: 848, outputHeight: 480, fpsNumerator: 60000, fpsDenominator: 1001 });
  });

  it('sends only the changed encoder fields and the ffmpeg path', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), bitrate: '6000', profile: 'high', ffmpegPath: '/usr/bin/ffmpeg' });
    expect(r).toEqual({ ok: true, plan: { encoder: { bitrateKbps: 6000, profile: 'high' }, ffmpegPath: { ffmpegPath: '/usr/bin/ffmpeg' } } });
  });

  it('refuses out-of-range numbers with field errors', () => {
    const d = doc();
    const r = planSave(d, { ...draftFrom(d), resolution: 'custom', width: '4000', height: 'x', bitrate: '0', keyframe: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['width', 'height', 'bitrate', 'keyframe']);
  });
});
