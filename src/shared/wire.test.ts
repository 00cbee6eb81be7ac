import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES, FRAME_MAGIC, FrameKind, VideoFormat, readFrameHeader, writeFrameHeader } from './wire';
import { canvasSequence, fromCanvasSequence, canvasIndex, MAX_CANVASES } from './canvas';

describe('frame header codec', () => {
  it('round-trips every field, the canvas included', () => {
    const view = new DataView(new ArrayBuffer(FRAME_HEADER_BYTES));
    const h = { kind: FrameKind.Video, format: VideoFormat.NV12, width: 1080, height: 1920, sequence: -123, captureMs: 4567.25, canvas: 1 };
    writeFrameHeader(view, h);
    expect(readFrameHeader(view)).toEqual(h);
  });

  it('reads a header without a canvas (the old reserved zero bytes) as the main canvas', () => {
    const view = new DataView(new ArrayBuffer(FRAME_HEADER_BYTES));
    writeFrameHeader(view, { kind: FrameKind.Video, format: VideoFormat.Repeat, width: 1280, height: 720, sequence: 7, captureMs: 0 });
    expect(view.getUint16(6, true)).toBe(0);
    expect(readFrameHeader(view)?.canvas).toBe(0);
  });

  it('refuses a short buffer or a wrong magic', () => {
    expect(readFrameHeader(new DataView(new ArrayBuffer(FRAME_HEADER_BYTES - 1)))).toBeNull();
    const view = new DataView(new ArrayBuffer(FRAME_HEADER_BYTES));
    view.setUint32(0, FRAME_MAGIC + 1, true);
    expect(readFrameHeader(view)).toBeNull();
  });
});

describe('canvas sequences', () => {
  it('keeps each canvas apart and below every main-canvas sequence, newest lowest', () => {
    for (let index = 1; index <= MAX_CANVASES; index++) {
      for (const tick of [0, 1, 29, 1_000_000]) {
        const s = canvasSequence(index, tick);
        expect(s).toBeLessThan(0);
        expect(fromCanvasSequence(s)).toEqual({ index, tick });
      }
    }
    expect(canvasSequence(1, 5)).toBeLessThan(canvasSequence(1, 4));
    expect(fromCanvasSequence(0)).toBeNull();
    expect(fromCanvasSequence(42)).toBeNull();
  });

  it('numbers canvases 0 for main and 1.. by list position', () => {
    const c = { name: 'C', width: 720, height: 1280, enabled: true, programSceneUuid: '' };
    const list = [{ ...c, id: 'vertical' }, { ...c, id: 'square' }];
    expect(canvasIndex(list, undefined)).toBe(0);
    expect(canvasIndex(list, 'main')).toBe(0);
    expect(canvasIndex(list, 'vertical')).toBe(1);
    expect(canvasIndex(list, 'square')).toBe(2);
    expect(canvasIndex(list, 'gone')).toBe(-1);
  });
});
