import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, MIXER_DEFAULTS, type StudioDocument } from '../../../shared';
import { itemSourceSize, sceneItemTransform, sceneList, sourceSize, timecode, unversioned } from './shapes';

const CANVAS = { width: 1280, height: 720 };

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
    expect(sceneItemTransform(item, sourceSize(color, CANVAS))).toMatchObject({ sourceWidth: 640, sourceHeight: 360, width: 320, height: 720, boundsType: 'OBS_BOUNDS_NONE' });
    // An image's size is known only to the compositor.
    const image = { uuid: 'c', name: 'I', kind: 'image_source', settings: { file: '/x.png' }, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS };
    expect(sceneItemTransform(item, sourceSize(image, CANVAS))).toMatchObject({ sourceWidth: 0, sourceHeight: 0, width: 0, height: 0 });
  });

  it('sizes lower thirds and scoreboards as their settings say, 0 meaning the canvas; a countdown stays 0', () => {
    const item = { sceneItemId: 1, sourceUuid: 'o', enabled: true, locked: false, transform: { ...DEFAULT_TRANSFORM, scaleX: 0.5, scaleY: 0.5 } };
    const input = (kind: string, settings: Record<string, unknown>) => ({ uuid: 'o', name: 'O', kind, settings, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS });
    // Defaults (0 = canvas), then absent settings, then one side set.
    expect(sceneItemTransform(item, sourceSize(input('lower_third', { width: 0, height: 0 }), CANVAS))).toMatchObject({
      sourceWidth: 1280,
      sourceHeight: 720,
      width: 640,
      height: 360,
    });
    expect(sourceSize(input('scoreboard', {}), CANVAS)).toEqual({ width: 1280, height: 720 });
    expect(sourceSize(input('scoreboard', { width: 800, height: 0 }), CANVAS)).toEqual({ width: 800, height: 720 });
    // The compositor sizes a countdown to its text: the engine cannot know it.
    expect(sourceSize(input('countdown_timer', { font_size: 96 }), CANVAS)).toEqual({ width: 0, height: 0 });
  });

  it("reports an overlay item's size from the document's canvas", () => {
    const lt = { uuid: 'lt', name: 'LT', kind: 'lower_third', settings: { width: 0, height: 0 }, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS };
    const item = { sceneItemId: 1, sourceUuid: 'lt', enabled: true, locked: false, transform: { ...DEFAULT_TRANSFORM } };
    const d = { ...doc, inputs: [lt], video: { baseWidth: 1920, baseHeight: 1080 } } as unknown as StudioDocument;
    expect(itemSourceSize(d, item)).toEqual({ width: 1920, height: 1080 });
  });
});
