import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, MIXER_DEFAULTS, type StudioDocument } from '../../shared';
import { currentScene, editedScene, editedSize, findInput, findItem, selectionInCurrentScene, selectionInEditedScene, withDrag } from './selectors';

const doc: StudioDocument = {
  version: 1,
  revision: 1,
  scenes: [
    { uuid: 'a', name: 'A', items: [{ sceneItemId: 1, sourceUuid: 'i1', enabled: true, locked: false, transform: DEFAULT_TRANSFORM }], nextItemId: 2, filters: [] },
    { uuid: 'b', name: 'B', items: [{ sceneItemId: 1, sourceUuid: 'i1', enabled: true, locked: false, transform: DEFAULT_TRANSFORM }], nextItemId: 2, filters: [] },
  ],
  inputs: [{ uuid: 'i1', name: 'Color', kind: 'color_source_v3', settings: {}, muted: false, volumeMul: 1, filters: [], ...MIXER_DEFAULTS }],
  currentSceneUuid: 'a',
  studioMode: false,
  previewSceneUuid: 'a',
  video: { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 },
  output: {
    ffmpegPath: '',
    screenshots: { enabled: false, intervalSec: 10, folder: '', format: 'jpeg', maxWidth: 1280, keep: 360 },
    recording: { folder: '', format: 'mkv', filenamePattern: '%CCYY-%MM-%DD %hh-%mm-%ss', remuxToMp4: false, minFreeMb: 500, tracks: [1] },
    uplinkKbps: 0,
    templates: [],
    encoder: { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 128 },
  },
  destinations: [],
  webhooks: [],
  hotkeys: [],
  remoteControl: { tls: false, allowedOrigins: [] },
};

describe('selectors', () => {
  it('finds the current scene, items and inputs', () => {
    expect(currentScene(doc)?.name).toBe('A');
    expect(currentScene(null)).toBeNull();
    expect(findItem(doc, { sceneUuid: 'b', sceneItemId: 1 })?.sourceUuid).toBe('i1');
    expect(findItem(doc, { sceneUuid: 'b', sceneItemId: 9 })).toBeNull();
    expect(findInput(doc, 'i1')?.name).toBe('Color');
    expect(findInput(doc, undefined)).toBeNull();
  });

  it('forgets a selection in another scene or of a removed item', () => {
    expect(selectionInCurrentScene(doc, { sceneUuid: 'a', sceneItemId: 1 })).toEqual({ sceneUuid: 'a', sceneItemId: 1 });
    expect(selectionInCurrentScene(doc, { sceneUuid: 'b', sceneItemId: 1 })).toBeNull();
    expect(selectionInCurrentScene(doc, { sceneUuid: 'a', sceneItemId: 7 })).toBeNull();
  });

  it('edits program, or the preview scene in studio mode', () => {
    expect(editedScene(doc)?.uuid).toBe('a');
    const studio = { ...doc, studioMode: true, previewSceneUuid: 'b' };
    expect(editedScene(studio)?.uuid).toBe('b');
    expect(selectionInEditedScene(studio, { sceneUuid: 'b', sceneItemId: 1 })).toEqual({ sceneUuid: 'b', sceneItemId: 1 });
    expect(selectionInEditedScene(studio, { sceneUuid: 'a', sceneItemId: 1 })).toBeNull();
    // A preview scene that is gone falls back to program.
    expect(editedScene({ ...studio, previewSceneUuid: 'gone' })?.uuid).toBe('a');
    expect(editedScene(null)).toBeNull();
  });

  it("edits an extra canvas's scene at its size while that canvas is on, else the main canvas", () => {
    const vertical = { id: 'vertical', name: 'Vertical', width: 360, height: 640, enabled: true, programSceneUuid: 'b' };
    const withCanvas = { ...doc, canvases: [vertical] };
    expect(editedScene(withCanvas, 'vertical')?.uuid).toBe('b');
    expect(editedSize(withCanvas, 'vertical')).toEqual({ width: 360, height: 640 });
    expect(selectionInEditedScene(withCanvas, { sceneUuid: 'b', sceneItemId: 1 }, 'vertical')).toEqual({ sceneUuid: 'b', sceneItemId: 1 });
    expect(selectionInEditedScene(withCanvas, { sceneUuid: 'a', sceneItemId: 1 }, 'vertical')).toBeNull();
    // Main stays program at the base size.
    expect(editedScene(withCanvas, 'main')?.uuid).toBe('a');
    expect(editedSize(withCanvas)).toEqual({ width: 1280, height: 720 });
    // A canvas showing no scene edits nothing; one turned off or gone falls back to main.
    expect(editedScene({ ...doc, canvases: [{ ...vertical, programSceneUuid: '' }] }, 'vertical')).toBeNull();
    expect(editedScene({ ...doc, canvases: [{ ...vertical, enabled: false }] }, 'vertical')?.uuid).toBe('a');
    expect(editedSize({ ...doc, canvases: [{ ...vertical, enabled: false }] }, 'vertical')).toEqual({ width: 1280, height: 720 });
    expect(editedScene(doc, 'vertical')?.uuid).toBe('a');
  });

  it('applies a drag override to one item only, without touching the original', () => {
    const moved = withDrag(doc, { sceneUuid: 'a', sceneItemId: 1, positionX: 100, positionY: 50 });
    expect(moved.scenes[0]?.items[0]?.transform).toMatchObject({ positionX: 100, positionY: 50, scaleX: 1 });
    expect(moved.scenes[1]?.items[0]?.transform.positionX).toBe(0);
    expect(doc.scenes[0]?.items[0]?.transform.positionX).toBe(0);
    expect(moved.scenes[1]).toBe(doc.scenes[1]);
    expect(withDrag(doc, null)).toBe(doc);
  });
});
