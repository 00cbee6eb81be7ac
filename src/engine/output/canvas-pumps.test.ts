import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nv12Bytes, type VideoSettings } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { CanvasPumps } from './canvas-pumps';
import type { OutputCanvas } from './canvas-plan';

const main: VideoSettings = { baseWidth: 32, baseHeight: 16, outputWidth: 32, outputHeight: 16, fpsNumerator: 30, fpsDenominator: 1 };
const vertical: OutputCanvas = { id: 'vertical', index: 1, width: 16, height: 32 };

class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
}

describe('CanvasPumps', () => {
  it("makes a canvas's clock with its first encoder, at its size, and feeds it its frames and the program sound", () => {
    const clock = new FakeClock();
    const pumps = new CanvasPumps({ clock });
    expect(pumps.forKey('main', [vertical], main, true)).toBeNull();
    expect(pumps.forKey('canvas:vertical', [vertical], main, false)).toBeNull();
    expect(pumps.forKey('canvas:square', [vertical], main, true)).toBeNull();
    const pump = pumps.forKey('canvas:vertical', [vertical], main, true)!;
    expect(pumps.forKey('canvas:vertical:8x16@500k', [vertical], main, true)).toBe(pump);
    expect(pump.expectedFrameBytes).toBe(nv12Bytes(16, 32));
    expect(pumps.byIndex(1)?.video).toMatchObject({ baseWidth: 16, baseHeight: 32, fpsNumerator: 30 });
    expect(pumps.byIndex(2)).toBeNull();

    const video = new Sink();
    const audio = new Sink();
    pump.addSink('canvas:vertical', { video, audio });
    const acks: number[] = [];
    pump.pushVideo(new Uint8Array(nv12Bytes(16, 32)).fill(77), -6, (s) => acks.push(s));
    pumps.pushAudio(new Uint8Array(1600 * 4).fill(1), Number.NaN);
    clock.advance(40);
    expect(acks).toEqual([-6]);
    expect(video.chunks.some((c) => c.length === nv12Bytes(16, 32) && c[0] === 77)).toBe(true);
    // 1600 samples of sound a 30 fps slot: the program's, not silence.
    expect(audio.chunks.some((c) => c.some((b) => b === 1))).toBe(true);
    expect(pumps.counters()).toEqual([expect.objectContaining({ canvas: 'vertical', fresh: 1 })]);
    pumps.dispose();
    expect(pumps.byIndex(1)).toBeNull();
  });
});
