/**
 * The gate between the recording's tap and FFmpeg, against a real MPEG-TS (H.264 + AAC) fed
 * through a real FanOut in pieces that end mid-frame, as the encoder's pipe reads do.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pipe } from '../../testing/pipe';
import { FakeClock } from '../../testing/fake-clock';
import { FanOut } from '../fan-out';
import { TsReader } from '../ts-packets';
import { FrameGate } from './frame-gate';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const FRAMES = 60;

let ts: Buffer;
/** Byte offsets where each video frame starts. */
let starts: number[];
beforeAll(() => {
  ts = execFileSync(FFMPEG, [
    '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-frames:v', String(FRAMES), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '15', '-c:a', 'aac', '-f', 'mpegts', 'pipe:1',
  ], { maxBuffer: 64 << 20 });
  starts = new TsReader().push(ts)!.frames;
});

/** What decoding a TS says (nothing when clean), and its video frames. */
function decode(data: Buffer): { errors: string; frames: number } {
  const r = spawnSync(FFMPEG, ['-v', 'error', '-f', 'mpegts', '-i', 'pipe:0', '-map', '0', '-f', 'framemd5', '-'], { input: data, encoding: 'utf8' });
  return { errors: r.stderr.trim(), frames: r.stdout.split('\n').filter((l) => /^0,/.test(l)).length };
}

/** Everything up to a point inside frame n (of FRAMES), in pieces that also end mid-frame. */
function feed(fan: FanOut, n: number): void {
  const end = starts[n]! + 188 * 3;
  for (let at = 0; at < end; ) {
    const next = Math.min(end, at + 3001);
    fan.push(ts.subarray(at, next));
    at = next;
  }
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('FrameGate', () => {
  it('ends the input on a frame boundary, so a stop mid-frame still decodes cleanly', async () => {
    const clock = new FakeClock();
    const fan = new FanOut();
    const pipe = new Pipe();
    const gate = new FrameGate(pipe);
    const tap = fan.tap(gate, 64 << 20);
    feed(fan, 40);
    tap.close();
    await gate.close(clock, 1000);
    expect(pipe.writableEnded).toBe(true);
    const { errors, frames } = decode(pipe.bytes());
    expect(errors).toBe('');
    // Frame 40 was arriving; all before it are there.
    expect(frames).toBe(40);
    expect(clock.pending()).toBe(0);
  });

  it('is needed: the same stop straight into the pipe leaves a torn last frame', async () => {
    const fan = new FanOut();
    const pipe = new Pipe();
    fan.tap(pipe, 64 << 20);
    feed(fan, 40);
    pipe.end();
    await settle();
    expect(decode(pipe.bytes()).errors).not.toBe('');
  });

  it("queues while FFmpeg's pipe is full, so the tap sees the backlog and drops for it alone", async () => {
    const fan = new FanOut();
    const pipe = new Pipe();
    pipe.blocked = true;
    const gate = new FrameGate(pipe);
    const tap = fan.tap(gate, 40_000);
    feed(fan, FRAMES - 1);
    await settle();
    expect(gate.writableLength).toBeGreaterThan(0);
    expect(gate.writableLength).toBeLessThanOrEqual(40_000);
    expect(tap.counters().dropped).toBeGreaterThan(0);
    expect(tap.counters().congestion).toBeGreaterThan(0.5);
    pipe.unblock();
    await settle();
    expect(gate.writableLength).toBe(0);
  });

  it('gives up waiting for a stalled FFmpeg after the time it is given, and destroy() lets a waiting write go', async () => {
    const clock = new FakeClock();
    const fan = new FanOut();
    const pipe = new Pipe();
    pipe.blocked = true;
    const gate = new FrameGate(pipe);
    fan.tap(gate, 64 << 20);
    feed(fan, 30);
    await settle();
    let closed = false;
    void gate.close(clock, 5000).then(() => (closed = true));
    clock.advance(4999);
    await settle();
    expect(closed).toBe(false);
    clock.advance(1);
    await settle();
    expect(closed).toBe(true);
    expect(clock.pending()).toBe(0);
    gate.destroy();
    await settle();
    expect(gate.destroyed).toBe(true);
    expect(pipe.listenerCount('drain')).toBe(0);
  });

  it('passes data on anyway once a frame grows past its limit (a stream without video frames never waits)', async () => {
    const audio = execFileSync(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '2', '-c:a', 'aac', '-f', 'mpegts', 'pipe:1']);
    const pipe = new Pipe();
    const gate = new FrameGate(pipe, 10_000);
    for (let at = 0; at < audio.length; at += 188 * 10) gate.write(audio.subarray(at, Math.min(audio.length, at + 188 * 10)));
    await settle();
    const through = pipe.bytes().length;
    expect(through).toBeGreaterThan(audio.length - 10_000 - 188 * 10);
    expect(audio.subarray(0, through).equals(pipe.bytes())).toBe(true);
  });
});
