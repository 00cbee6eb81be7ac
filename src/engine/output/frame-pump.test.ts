import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { nv12Bytes } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { FramePump, type FramePumpOptions } from './frame-pump';

const W = 16;
const H = 8;
const BYTES = nv12Bytes(W, H);

/** An in-memory pipe whose reader can be paused: writes stay pending until release(). */
class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  paused = false;
  private held: Array<() => void> = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(Buffer.from(chunk));
    if (this.paused) this.held.push(cb);
    else cb();
  }
  release(): void {
    this.paused = false;
    for (const cb of this.held.splice(0)) cb();
  }
  bytes(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }
}

function frame(tag: number): Uint8Array {
  return new Uint8Array(BYTES).fill(tag);
}

function setup(over: Partial<FramePumpOptions> = {}) {
  const clock = new FakeClock();
  const video = new Sink();
  const audio = new Sink();
  const acks: number[] = [];
  const pump = new FramePump({ clock, width: W, height: H, fpsNumerator: 30, fpsDenominator: 1, sink: { video, audio }, ...over });
  const push = (tag: number): void => pump.pushVideo(frame(tag), tag, (s) => acks.push(s));
  return { clock, video, audio, acks, pump, push, tags: () => video.chunks.map((c) => c[0]) };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('FramePump', () => {
  it('writes black (Y=16, UV=128) until the renderer sends a frame, without counting it as lagged', () => {
    const { pump, video, clock } = setup();
    pump.start();
    clock.advance(100);
    expect(video.chunks).toHaveLength(4);
    const black = video.chunks[0]!;
    expect(black.length).toBe(BYTES);
    expect(black.subarray(0, W * H).every((b) => b === 16)).toBe(true);
    expect(black.subarray(W * H).every((b) => b === 128)).toBe(true);
    expect(pump.counters()).toMatchObject({ framesSent: 4, lagged: 0, skipped: 0 });
    pump.dispose();
  });

  it('ticks exactly once per frame period from its start, with no drift at fractional rates', () => {
    const { pump, video, clock } = setup({ fpsNumerator: 30000, fpsDenominator: 1001 });
    pump.start();
    clock.advance(100_000);
    // Ticks at k·1001/30 ms for k = 0 … floor(100000·30/1001).
    expect(video.chunks).toHaveLength(Math.floor((100_000 * 30) / 1001) + 1);
    pump.dispose();
    expect(clock.pending()).toBe(0);
  });

  it('writes exactly the samples each frame covers, accumulating fractions, padded with silence', () => {
    const { pump, audio, clock } = setup({ fpsNumerator: 30000, fpsDenominator: 1001 });
    pump.start();
    clock.advance((1001 / 30) * 4); // ticks 0..4 → 5 frames
    expect(audio.chunks.map((c) => c.length / 4)).toEqual([1601, 1602, 1601, 1602, 1602]);
    expect(audio.bytes()).toBe(Math.floor((5 * 48000 * 1001) / 30000) * 4);
    expect(audio.chunks.every((c) => c.every((b) => b === 0))).toBe(true);
    expect(pump.counters().audioUnderruns).toBe(0); // no audio ever arrived: silence is not an underrun
    pump.dispose();
  });

  it('with the six tracks (12 channels), writes each slot with every channel and keeps each track in its place', () => {
    const { pump, audio, clock } = setup({ channels: 12 });
    pump.start(); // tick 0: silence, 1600 frames × 12 channels
    expect(audio.chunks[0]!.length).toBe(1600 * 24);
    // Channel c holds c + 1 in every frame: after the FIFO, each pair still carries its own track.
    const pcm = new Int16Array(1600 * 12).map((_, i) => (i % 12) + 1);
    pump.pushAudio(new Uint8Array(pcm.buffer));
    clock.advance(1000 / 30);
    const out = new Int16Array(new Uint8Array(audio.chunks[1]!).buffer);
    expect(out.length).toBe(1600 * 12);
    expect(out.every((v, i) => v === (i % 12) + 1)).toBe(true);
    expect(pump.counters().audioUnderruns).toBe(0);
    pump.dispose();
  });

  it('takes renderer audio in order, counts underruns once audio flows, and trims a FIFO that runs ahead', () => {
    const { pump, audio, clock } = setup();
    pump.start(); // tick 0: silence (1600 samples)
    const pcm = (value: number, samples: number): Uint8Array => new Uint8Array(samples * 4).fill(value);
    pump.pushAudio(pcm(1, 1000));
    clock.advance(1000 / 30); // tick 1: 1000 samples of 1, then 600 of silence
    const tick1 = audio.chunks[1]!;
    expect(tick1.subarray(0, 4000).every((b) => b === 1)).toBe(true);
    expect(tick1.subarray(4000).every((b) => b === 0)).toBe(true);
    expect(pump.counters().audioUnderruns).toBe(1);
    // 300 ms arrives at once: more than 200 ms, so it is cut back to the newest 100 ms.
    pump.pushAudio(pcm(2, 7200));
    pump.pushAudio(pcm(3, 7200));
    expect(pump.counters().audioTrimmed).toBe(1);
    clock.advance(1000 / 30 * 3); // 3 ticks × 1600 = 4800 = all 100 ms of the newest data
    const tail = Buffer.concat(audio.chunks.slice(2));
    expect(tail.length).toBe(4800 * 4);
    expect(tail.every((b) => b === 3)).toBe(true);
    pump.dispose();
  });

  it('keeps at most 3 frames, dropping (and acknowledging) the oldest, and acks each as it is written', () => {
    const { pump, push, acks, clock, tags } = setup();
    pump.start(); // tick 0 writes black
    for (let i = 1; i <= 5; i++) push(i);
    expect(acks).toEqual([1, 2]);
    clock.advance((1000 / 30) * 4);
    expect(tags()).toEqual([16, 3, 4, 5, 5]);
    expect(acks).toEqual([1, 2, 3, 4, 5]);
    expect(pump.counters()).toMatchObject({ framesSent: 5, lagged: 1, dropped: 2 });
    pump.dispose();
  });

  it('writes the last frame again for an "unchanged" message, counted as unchanged rather than lagged', () => {
    const { pump, push, acks, clock, tags } = setup();
    pump.start(); // tick 0 writes black
    push(7);
    pump.pushRepeat(8, (s) => acks.push(s));
    pump.pushRepeat(9, (s) => acks.push(s));
    clock.advance((1000 / 30) * 4);
    // 7, its two repeats on time, then one tick with nothing from the renderer: that one is lagged.
    expect(tags()).toEqual([16, 7, 7, 7, 7]);
    expect(acks).toEqual([7, 8, 9]);
    expect(pump.counters()).toMatchObject({ framesSent: 5, unchanged: 2, lagged: 1, fresh: 1 });
    pump.dispose();
  });

  it('a picture dropped from a burst is the one its repeats mean (never black or the older picture)', () => {
    const { pump, push, acks, clock, tags } = setup();
    pump.start(); // tick 0 writes black
    // A slow readback: the first picture arrives with the repeats queued behind it, all at once.
    push(1);
    for (let s = 2; s <= 5; s++) pump.pushRepeat(s, (n) => acks.push(n));
    clock.advance((1000 / 30) * 3);
    expect(tags()).toEqual([16, 1, 1, 1]);
    // Later a change: picture 6 and its queued repeats in one burst again; 6 follows, never 1.
    push(6);
    for (let s = 7; s <= 10; s++) pump.pushRepeat(s, (n) => acks.push(n));
    clock.advance((1000 / 30) * 3);
    expect(tags()).toEqual([16, 1, 1, 1, 6, 6, 6]);
    expect(pump.counters()).toMatchObject({ dropped: 4 });
    pump.dispose();
  });

  it('acknowledges frames of the wrong size, and frames pushed before start, at once', () => {
    const { pump, acks } = setup();
    pump.pushVideo(frame(1), 1, (s) => acks.push(s));
    pump.start();
    pump.pushVideo(new Uint8Array(10), 2, (s) => acks.push(s));
    expect(acks).toEqual([1, 2]);
    pump.dispose();
  });

  it('skips ticks while FFmpeg has not read ~2 frames, then repays owed slots one per tick', async () => {
    const { pump, push, video, clock } = setup();
    video.paused = true;
    pump.start(); // tick 0: written (pending 1)
    push(7);
    clock.advance(1000 / 30); // tick 1: written (pending 2)
    clock.advance((1000 / 30) * 3); // ticks 2–4: no room
    expect(pump.counters()).toMatchObject({ framesSent: 2, skipped: 3, owed: 3 });
    video.release();
    await flush();
    clock.advance((1000 / 30) * 3); // ticks 5–7: each writes its frame plus one owed repeat
    const c = pump.counters();
    expect(c).toMatchObject({ framesSent: 8, skipped: 3, owed: 0 });
    // The timeline keeps one frame per tick: 8 ticks, 8 frames, and the matching audio.
    expect(video.chunks).toHaveLength(8);
    pump.dispose();
  });

  it('lets the timeline give way after a full second of owed slots', () => {
    const { pump, video, clock } = setup();
    video.paused = true;
    pump.start();
    clock.advance(3000);
    const c = pump.counters();
    expect(c.framesSent).toBe(2);
    expect(c.owed).toBe(30);
    expect(c.skipped).toBe(89);
    pump.dispose();
  });

  it('also backs off when the audio pipe is not being read', () => {
    const { pump, audio, clock } = setup();
    audio.paused = true;
    pump.start();
    clock.advance(1000);
    // 500 ms of PCM may wait unread; beyond that the tick writes nothing.
    const c = pump.counters();
    expect(c.framesSent).toBeGreaterThanOrEqual(15);
    expect(c.framesSent).toBeLessThanOrEqual(17);
    expect(c.skipped).toBe(31 - c.framesSent);
    pump.dispose();
  });

  it('catches up a short stall with one frame per missed tick, but skips a long freeze instead of bursting', () => {
    const { pump, video, clock } = setup();
    pump.start();
    clock.jump(100);
    clock.advance(0);
    expect(video.chunks).toHaveLength(4); // ticks 0, 1, 2, 3
    clock.jump(5000);
    clock.advance(0);
    const c = pump.counters();
    expect(c.skipped).toBeGreaterThanOrEqual(140);
    expect(video.chunks.length).toBeLessThan(10);
    // And it keeps ticking on schedule afterwards.
    const before = video.chunks.length;
    clock.advance(1000);
    expect(video.chunks.length - before).toBe(30);
    pump.dispose();
  });

  it('stop() acknowledges buffered frames, clears its timer and writes nothing more', () => {
    const { pump, push, acks, clock, video } = setup();
    pump.start();
    push(1);
    push(2);
    pump.stop();
    expect(acks).toEqual([1, 2]);
    expect(clock.pending()).toBe(0);
    const n = video.chunks.length;
    clock.advance(1000);
    expect(video.chunks.length).toBe(n);
  });

  it('feeds a second encoder the same frames and samples; a slow one never holds back the main one', async () => {
    const { pump, push, video, audio, clock, tags } = setup();
    const v2 = new Sink();
    const a2 = new Sink();
    pump.start(); // tick 0: main only
    pump.addSink('r480', { video: v2, audio: a2 });
    v2.paused = true;
    const pcm = (value: number): Uint8Array => new Uint8Array(1600 * 4).fill(value);
    for (let i = 1; i <= 6; i++) {
      push(i);
      pump.pushAudio(pcm(i));
      clock.advance(1000 / 30);
    }
    clock.advance(1); // past tick 6, whatever the float rounding of 6 × 33.3 ms
    // The main sink wrote every tick; the slow one took 2 frames, then owed the rest.
    expect(tags()).toEqual([16, 1, 2, 3, 4, 5, 6]);
    expect(pump.counters()).toMatchObject({ framesSent: 7, skipped: 0 });
    expect(pump.sinkCounters('r480')).toEqual({ framesSent: 2, skipped: 4, owed: 4 });
    v2.release();
    await flush();
    clock.advance((1000 / 30) * 4);
    // Repaid with repeats, one extra per tick: its timeline has one frame per tick again.
    expect(pump.sinkCounters('r480')).toEqual({ framesSent: 10, skipped: 4, owed: 0 });
    // Both encoders got the same audio, slot by slot, in order.
    expect(Buffer.concat(a2.chunks).equals(Buffer.concat(audio.chunks).subarray(1600 * 4))).toBe(true);
    expect(video.chunks).toHaveLength(11);
    pump.removeSink('r480');
    expect(pump.sinkCounters('r480')).toBeNull();
    pump.dispose();
  });
});
