/**
 * The TS reader and the fan-out against a real MPEG-TS made by FFmpeg with the encoder's own
 * arguments (H.264 with a keyframe every 10 frames, AAC), fed in arbitrary pipe-sized pieces.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Pipe } from '../testing/pipe';
import type { EncoderSettings, VideoSettings } from '../../shared';
import { FanOut } from './fan-out';
import { SOUND_ONLY_PROBE_FRAMES, buildEncoderArgs } from './ffmpeg-args';
import { TS_PACKET, TsReader, type TsChunk } from './ts-packets';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const FRAMES = 45;
const GOP = 10;
const video: VideoSettings = { baseWidth: 64, baseHeight: 64, outputWidth: 64, outputHeight: 64, fpsNumerator: 10, fpsDenominator: 1 };
const encoder: EncoderSettings = {
  encoder: 'libx264',
  rateControl: 'CBR',
  bitrateKbps: 300,
  keyframeIntervalSec: 1,
  preset: 'ultrafast',
  profile: 'main',
  bFrames: 0,
  audioBitrateKbps: 64,
};

/** The encoder's own arguments for `size`, with lavfi sources in place of the raw pipes and no progress pipe. */
function encode(size: number, bitrateKbps = encoder.bitrateKbps): Buffer {
  const v = { ...video, baseWidth: size, baseHeight: size, outputWidth: size, outputHeight: size };
  const args = buildEncoderArgs({ video: v, encoder: { ...encoder, bitrateKbps }, target: { kind: 'pipe' } });
  const output = args.slice(args.indexOf('-map')).filter((a, i, all) => a !== '-progress' && all[i - 1] !== '-progress');
  const seconds = String(FRAMES / 10);
  return execFileSync(
    FFMPEG,
    ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}x${size}:rate=10`, '-f', 'lavfi', '-i', 'sine=f=440:r=48000', '-t', seconds, ...output],
    { maxBuffer: 64 << 20 },
  );
}

let ts: Buffer;
/** The same seconds at another size and rate: a second rendition on the same timeline. */
let other: Buffer;
beforeAll(() => {
  ts = encode(64);
  other = encode(48, 150);
});

/** Bytes a tap that joined at the very start receives: the PAT and PMT, then all from the first keyframe. */
function early(data: Buffer): number {
  const { chunks, reader } = readAll(data, [data.length]);
  return reader.psi().length + data.length - chunks[0]!.keys[0]!;
}

/** Video frames FFmpeg decodes from a TS, and whether the first one is a keyframe. */
function decode(data: Buffer): { frames: number; firstIsKey: boolean } {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=key_frame', '-of', 'csv=p=0', '-'], { input: data })
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean);
  return { frames: out.length, firstIsKey: out[0] === '1' };
}

/** [key_frame, pts_time, width] of each video frame FFmpeg decodes from a TS. */
function probeFrames(data: Buffer): number[][] {
  const args = ['-v', 'error', '-select_streams', 'v', '-show_entries', 'frame=key_frame,pts_time,width', '-of', 'csv=p=0', '-'];
  return (
    execFileSync('ffprobe', args, { input: data })
      .toString()
      .split('\n')
      // A frame with side data gets a trailing comma and a line of its own: keep whole rows only.
      .map((l) => l.split(',').slice(0, 3).map(Number))
      .filter((f) => f.length === 3 && f.every(Number.isFinite))
  );
}

/** Splits a buffer into pieces of the given sizes, repeated. */
function pieces(data: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = sizes[i % sizes.length]!;
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return out;
}

function readAll(data: Buffer, sizes: number[]): { chunks: TsChunk[]; reader: TsReader } {
  const reader = new TsReader();
  const chunks: TsChunk[] = [];
  for (const p of pieces(data, sizes)) {
    const c = reader.push(p);
    if (c) chunks.push(c);
  }
  return { chunks, reader };
}

describe('TsReader', () => {
  it('finds every frame and keyframe however the pipe splits the packets', () => {
    for (const sizes of [[ts.length], [188 * 7], [1, 187, 4000, 3], [65_536], [100, 5000]]) {
      const { chunks } = readAll(ts, sizes);
      const frames = chunks.reduce((n, c) => n + c.frames.length, 0);
      const keys = chunks.reduce((n, c) => n + c.keys.length, 0);
      expect(frames, `frames for ${sizes}`).toBe(FRAMES);
      expect(keys, `keyframes for ${sizes}`).toBe(Math.ceil(FRAMES / GOP));
      expect(chunks.every((c) => c.data.length % TS_PACKET === 0 && c.keys.every((k) => c.frames.includes(k)))).toBe(true);
      expect(Buffer.concat(chunks.map((c) => c.data)).equals(ts)).toBe(true);
    }
  });

  it('reads the decode time of each frame, one frame period (9000 at 90 kHz) apart', () => {
    const stamps = readAll(ts, [5000]).chunks.flatMap((c) => c.stamps);
    expect(stamps).toHaveLength(FRAMES);
    expect(stamps.slice(1).map((t, i) => t - stamps[i]!)).toEqual(Array(FRAMES - 1).fill(9000));
  });

  it('keeps the PAT and PMT for late readers, and finds sync again after garbage', () => {
    const { reader } = readAll(Buffer.concat([Buffer.from('garbage!'), ts]), [1000]);
    const psi = reader.psi();
    expect(psi.length).toBe(2 * TS_PACKET);
    expect(psi[0]).toBe(0x47);
    expect(reader.skippedBytes).toBe(8);
  });
});

describe('FanOut', () => {
  it('starts each tap at a keyframe, after the PAT and PMT, and the result decodes', () => {
    const fan = new FanOut();
    const early = new Pipe();
    fan.tap(early, 1 << 20);
    const parts = pieces(ts, [3000]);
    const half = Math.floor(parts.length / 2);
    for (const p of parts.slice(0, half)) fan.push(p);
    const late = new Pipe();
    const lateTap = fan.tap(late, 1 << 20);
    for (const p of parts.slice(half)) fan.push(p);
    const whole = readAll(ts, [ts.length]);
    const psi = whole.reader.psi();
    const firstKey = whole.chunks[0]!.keys[0]!;
    // PAT and PMT first (as last seen, so their continuity counters may differ), then the stream from a keyframe.
    const pid = (b: Buffer, packet: number): number => b.readUInt16BE(packet * TS_PACKET + 1) & 0x1fff;
    const isPsi = (b: Buffer): boolean => pid(b, 0) === 0 && pid(b, 1) === pid(psi, 1) && b[0] === 0x47 && b[TS_PACKET] === 0x47;
    expect(early.bytes().subarray(psi.length).equals(ts.subarray(firstKey))).toBe(true);
    expect(isPsi(early.bytes().subarray(0, psi.length))).toBe(true);
    const joined = late.bytes();
    expect(isPsi(joined.subarray(0, psi.length))).toBe(true);
    // The late reader's stream decodes from its first frame, a keyframe.
    expect(decode(joined)).toEqual({ frames: lateTap.counters().frames, firstIsKey: true });
    expect(lateTap.counters()).toMatchObject({ dropped: 0, overflows: 0 });
  });

  it('drops for a tap that cannot keep up, alone, counts it, and resumes at a keyframe', async () => {
    const fan = new FanOut();
    const slow = new Pipe();
    const fast = new Pipe();
    const slowTap = fan.tap(slow, 20_000);
    fan.tap(fast, 1 << 20);
    slow.blocked = true;
    const parts = pieces(ts, [188 * 10]);
    const third = Math.floor(parts.length / 3);
    for (const p of parts.slice(0, third)) fan.push(p);
    const c = slowTap.counters();
    expect(c.overflows).toBeGreaterThanOrEqual(1);
    expect(c.dropped).toBeGreaterThan(0);
    expect(c.congestion).toBeGreaterThan(0.5);
    slow.unblock();
    await new Promise((r) => setImmediate(r));
    expect(slowTap.counters().congestion).toBe(0);
    for (const p of parts.slice(third)) fan.push(p);
    // The fast tap got every byte from its first keyframe on; the slow one every frame but the dropped ones.
    expect(fast.bytes().length).toBe(early(ts));
    const after = slowTap.counters();
    expect(after.frames + after.dropped).toBe(FRAMES);
    // What the slow one got still decodes: whole frames before the gap, and from a keyframe after it.
    expect(decode(slow.bytes()).frames).toBe(after.frames);
  });

  it('never writes to a tap once it is closed', () => {
    const fan = new FanOut();
    const pipe = new Pipe();
    const tap = fan.tap(pipe, 1 << 20);
    tap.close();
    fan.push(ts);
    expect(pipe.data).toEqual([]);
    expect(fan.tapCount).toBe(0);
  });

  it('can batch what the encoder writes, handing it on at most every batchMs, in order', () => {
    let now = 0;
    const fan = new FanOut({ batchMs: 100, now: () => now });
    const pipe = new Pipe();
    fan.tap(pipe, 1 << 20);
    const parts = pieces(ts, [188 * 3]);
    for (const p of parts) {
      fan.push(p);
      now += 10;
    }
    // 10 ms apart: about one write in ten (plus the PAT/PMT written when it joined).
    expect(pipe.data.length).toBeLessThan(parts.length / 5);
    fan.push(Buffer.alloc(0)); // the rest goes with the next push after the interval
    now += 100;
    fan.push(Buffer.alloc(0));
    expect(pipe.bytes().length).toBe(early(ts));
  });

  it('flush() hands on the batch still waiting when the encoder ends; framesIn counts every frame', () => {
    const fan = new FanOut({ batchMs: 1000, now: () => 0 });
    const pipe = new Pipe();
    fan.tap(pipe, 1 << 20);
    fan.push(Buffer.alloc(0)); // the first push goes out at once; the rest waits for the interval
    for (const p of pieces(ts, [188 * 7])) fan.push(p);
    expect(pipe.bytes().length).toBeLessThan(early(ts));
    fan.flush();
    expect(pipe.bytes().length).toBe(early(ts));
    expect(fan.framesIn).toBe(FRAMES);
  });

  it('hands a tap over to another encoding on the same timeline: every frame once, in order, the new size from a keyframe on', () => {
    const a = new FanOut();
    const b = new FanOut();
    const sink = new Pipe();
    let tap = a.tap(sink, 1 << 20);
    const partsA = pieces(ts, [188 * 10]);
    const partsB = pieces(other, [188 * 10]);
    const n = Math.max(partsA.length, partsB.length);
    // The two encoders write side by side, as two FFmpeg children do; the move comes a third in.
    for (let i = 0; i < n; i++) {
      if (i === Math.floor(n / 3)) tap = tap.handOver(b);
      if (partsA[i]) a.push(partsA[i]!);
      if (partsB[i]) b.push(partsB[i]!);
    }
    expect(a.tapCount).toBe(0);
    expect(b.tapCount).toBe(1);
    const frames = probeFrames(sink.bytes());
    const pts = frames.map((f) => f[1]!);
    const widths = frames.map((f) => f[2]!);
    // No frame lost and none twice: the times step by one frame period throughout.
    expect(pts.slice(1).map((t, i) => Math.round((t - pts[i]!) * 10))).toEqual(Array(pts.length - 1).fill(1));
    const switchAt = widths.indexOf(48);
    expect(switchAt).toBeGreaterThan(0);
    expect(widths.slice(0, switchAt).every((w) => w === 64)).toBe(true);
    expect(widths.slice(switchAt).every((w) => w === 48)).toBe(true);
    expect(frames[switchAt]![0]).toBe(1); // the new encoding starts at a keyframe
    expect(tap.counters().frames).toBe(frames.length);
  });

  it('a handover whose old encoding stops takes over at once, from the new one\'s next keyframe', () => {
    const a = new FanOut();
    const b = new FanOut();
    const sink = new Pipe();
    const tap = a.tap(sink, 1 << 20);
    a.push(ts.subarray(0, 188 * 200));
    const moved = tap.handOver(b);
    a.end();
    b.push(other);
    expect(a.tapCount).toBe(0);
    expect(moved.joined).toBe(true);
    const frames = probeFrames(sink.bytes());
    expect(frames[0]![0]).toBe(1);
    expect(frames.at(-1)![2]).toBe(48);
  });

  it('an audio-only switch stops the pictures after the one in progress and brings them back at a keyframe; the sound never stops', () => {
    const fan = new FanOut();
    const sink = new Pipe();
    const tap = fan.tap(sink, 1 << 22);
    const parts = pieces(ts, [188 * 7]);
    parts.forEach((p, i) => {
      if (i === Math.floor(parts.length / 4)) tap.setVideo(false);
      if (i === Math.floor(parts.length / 2)) tap.setVideo(true);
      fan.push(p);
    });
    const frames = probeFrames(sink.bytes());
    const pts = frames.map((f) => f[1]!);
    const pause = pts.findIndex((t, i) => i > 0 && t - pts[i - 1]! > 0.15);
    expect(pause, JSON.stringify(pts)).toBeGreaterThan(0);
    expect(frames[pause]![0], 'pictures come back at a keyframe').toBe(1);
    // Every picture sent decodes (none cut short) and the sound is whole.
    expect(frames.length).toBe(tap.counters().frames);
    const audio = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', '-'], { input: sink.bytes() })
      .toString()
      .split('\n')
      .map((l) => Number(l.split(',')[0]))
      .filter((t) => Number.isFinite(t) && t > 0);
    const gaps = audio.slice(1).map((t, i) => t - audio[i]!);
    expect(Math.max(...gaps)).toBeLessThan(0.1);
  });

  it('a sound-only connection gets the first pictures from a keyframe (its FFmpeg learns their size), then sound alone, and pictures again from a keyframe', () => {
    const fan = new FanOut();
    const sink = new Pipe();
    const tap = fan.tap(sink, 1 << 22);
    tap.soundOnly(SOUND_ONLY_PROBE_FRAMES);
    const parts = pieces(ts, [188 * 7]);
    parts.forEach((p, i) => {
      if (i === Math.floor(parts.length / 2)) tap.setVideo(true);
      fan.push(p);
    });
    const frames = probeFrames(sink.bytes());
    const pts = frames.map((f) => f[1]!);
    // The probe pictures: consecutive, from a keyframe; then a pause; then a keyframe and on.
    expect(frames[0]![0]).toBe(1);
    const pause = pts.findIndex((t, i) => i > 0 && t - pts[i - 1]! > 0.15);
    expect(pause, JSON.stringify(pts)).toBe(SOUND_ONLY_PROBE_FRAMES);
    expect(frames[pause]![0], 'pictures come back at a keyframe').toBe(1);
    expect(frames.length).toBe(tap.counters().frames);
    expect(Math.max(...audioGaps(sink.bytes()))).toBeLessThan(0.1);
  });

  it('a tap whose pictures are off rejoins after an overflow without waiting for a keyframe', async () => {
    const fan = new FanOut();
    const slow = new Pipe();
    const tap = fan.tap(slow, 4000);
    const parts = pieces(ts, [188 * 10]);
    const third = Math.floor(parts.length / 3);
    for (const p of parts.slice(0, 3)) fan.push(p);
    tap.setVideo(false);
    slow.blocked = true;
    for (const p of parts.slice(3, third)) fan.push(p);
    expect(tap.counters().overflows).toBeGreaterThanOrEqual(1);
    slow.unblock();
    await new Promise((r) => setImmediate(r));
    const before = slow.bytes().length;
    for (const p of parts.slice(third)) fan.push(p);
    // Sound goes on after the overflow (no keyframe comes while pictures are off).
    expect(slow.bytes().length).toBeGreaterThan(before);
    const last = Math.max(...audioTimes(slow.bytes()));
    expect(last).toBeGreaterThan((FRAMES / 10) * 0.8);
  });
});

/** The sound's packet times in a TS (s). */
function audioTimes(data: Buffer): number[] {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', '-'], { input: data })
    .toString()
    .split('\n')
    .map((l) => Number(l.split(',')[0]))
    .filter((t) => Number.isFinite(t) && t > 0);
}

/** The gaps between the sound's packets (s). */
function audioGaps(data: Buffer): number[] {
  const t = audioTimes(data);
  return t.slice(1).map((x, i) => x - t[i]!);
}
