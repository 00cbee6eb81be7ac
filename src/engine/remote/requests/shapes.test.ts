import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, MIXER_DEFAULTS, type StudioDocument } from '../../../shared';
import { sceneItemTransform, sceneList, sourceSize, timecode, unversioned } from './shapes';

const doc = {
  scenes: [
    { uuid: 'top', name: 'Top', items: [], nextItemId: 1 },
    { uuid: 'mid', name: 'Middle', items: [], nextItemId: 1 },
    { uuid: 'bottom', name: 'Bottom', items: [], nextItemId: 1 },
  ],
} as unknown as StudioDocument;

describe('OBS shapes', () => {
  it('lists scenes bottom-up with sceneIndex 0 at the bottom, as obs-websocket does', () => {
    expect(sceneList(doc)).toEqual([
      { sceneName: 'Bottom', sceneUuid: 'bottom', sceneIndex: 0 },
      { sceneName: 'Middle', sceneUuid: 'mid', sceneIndex: 1 },
      { sceneName: 'Top', sceneUuid: 'top', sceneIndex: 2 },
    ]);
  });

  it('formats durations as HH:MM:SS.mmm', () => {
    expect(timecode(0)).toBe('00:00:00.000');
    expect(timecode(3_723_004)).toBe('01:02:03.004');
    expect(timecode(100 * 3600_000 + 59_999)).toBe('100:00:59.999');
    expect(timecode(-5)).toBe('00:00:00.000');
  });

  it('drops version suffixes only', () => {
    expect(unversioned('color_source_v3')).toBe('color_source');
    expect(unversioned('text_ft2_source_v2')).toBe('text_ft2_source');
    expect(unversioned('image_source')).toBe('image_source');
    expect(unversioned('studio_test_pattern')).toBe('studio_test_pattern');
  });

  it('computes width and height from the source size and scale', () => {
    const item = { sceneItemId: 1, sourceUuid: 'c', enabled: true, locked: false, transform: { ...DEFAULT_TRANSFORM, scaleX: 0.5, scaleY: 2 } };
    const color = { uuid: 'c', name: 'C', kind: 'color_source_v3', settings: { color: 0xff0000ff, width: 640, height: 360 }, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS };
    expect(sceneItemTransform(item, sourceSize(color))).toMatchObject({ sourceWidth: 640, sourceHeight: 360, width: 320, height: 720, boundsType: 'OBS_BOUNDS_NONE' });
    // An image's size is known only to the compositor.
    const image = { uuid: 'c', name: 'I', kind: 'image_source', settings: { file: '/x.png' }, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS };
    expect(sceneItemTransform(item, sourceSize(image))).toMatchObject({ sourceWidth: 0, sourceHeight: 0, width: 0, height: 0 });
  });
});
