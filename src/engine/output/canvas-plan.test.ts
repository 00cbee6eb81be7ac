import { describe, expect, it } from 'vitest';
import type { EncoderSettings, VideoSettings } from '../../shared';
import { canvasOfKey, canvasProblem, outputCanvases, planCanvasRendition, type OutputCanvas } from './canvas-plan';
import { MAIN_RENDITION } from './rendition';

const video: VideoSettings = { baseWidth: 1920, baseHeight: 1080, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 };
const encoder: EncoderSettings = { encoder: 'libx264', rateControl: 'CBR', bitrateKbps: 4500, keyframeIntervalSec: 2, preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 160 };
const vertical: OutputCanvas = { id: 'vertical', index: 1, width: 1080, height: 1920, bitrateKbps: 3000 };

describe('planCanvasRendition', () => {
  it('plans the main canvas as before', () => {
    expect(planCanvasRendition(video, encoder, [vertical], {}, false).key).toBe(MAIN_RENDITION);
    expect(planCanvasRendition(video, encoder, [vertical], { canvas: 'main' }, false).key).toBe(MAIN_RENDITION);
  });

  it("encodes a canvas at its own size and bitrate, on the main frame rate", () => {
    const p = planCanvasRendition(video, encoder, [vertical], { canvas: 'vertical' }, false);
    expect(p.key).toBe('canvas:vertical');
    expect(p.video).toEqual({ ...video, baseWidth: 1080, baseHeight: 1920, outputWidth: 1080, outputHeight: 1920 });
    expect(p.encoder.bitrateKbps).toBe(3000);
    expect(canvasOfKey(p.key)).toBe('vertical');
    expect(canvasOfKey(MAIN_RENDITION)).toBeNull();
    expect(canvasOfKey('854x480@1200k')).toBeNull();
  });

  it("scales a destination rendition from the canvas's picture, keeping its aspect", () => {
    const p = planCanvasRendition(video, encoder, [vertical], { canvas: 'vertical', rendition: { width: 720 } }, false);
    expect(p.key).toBe('canvas:vertical:720x1280@3000k');
    expect(canvasOfKey(p.key)).toBe('vertical');
    expect(p.video).toMatchObject({ baseWidth: 1080, baseHeight: 1920, outputWidth: 720, outputHeight: 1280 });
  });

  it('audio-only destinations share the main encoding (the same program sound)', () => {
    expect(planCanvasRendition(video, encoder, [vertical], { canvas: 'vertical' }, true).key).toBe(MAIN_RENDITION);
  });

  it('says why a destination cannot stream a canvas that is off or unknown', () => {
    expect(canvasProblem(undefined, [])).toBeNull();
    expect(canvasProblem('vertical', [vertical])).toBeNull();
    expect(canvasProblem('vertical', [])?.message).toMatch(/canvas "vertical" is off/);
  });

  it('hands the output the enabled canvases, numbered by their place in the document', () => {
    const c = { name: 'C', programSceneUuid: '' };
    const doc = {
      canvases: [
        { ...c, id: 'off', width: 640, height: 640, enabled: false },
        { ...c, id: 'vertical', width: 1080, height: 1920, enabled: true, bitrateKbps: 2500 },
      ],
    };
    expect(outputCanvases(doc)).toEqual([{ id: 'vertical', index: 2, width: 1080, height: 1920, bitrateKbps: 2500 }]);
    expect(outputCanvases({})).toEqual([]);
  });
});
