/**
 * The replay ring on a real MPEG-TS (libx264 + AAC made by FFmpeg, 30 fps, a keyframe every 15
 * frames), fed in pieces that split packets anywhere, as a pipe does; the snapshot is written with
 * FFmpeg and read back with ffprobe. With several audio streams (tracks), all of them stay in the
 * snapshot and a save writes the ones asked for, each carrying its own tone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../clock';
import { ReplayRing } from './ring';
import { buildReplayArgs, saveReplay } from './save';
import { replayTracks } from './tracks';

const FFMPEG = process.env['FFMPEG_BIN'] ?? process.env['FFMPEG_PATH'] ?? '/usr/bin/ffmpeg';
const FFPROBE = path.join(path.dirname(FFMPEG), 'ffprobe');
const FPS = 30;
const GOP = 15;
const SECONDS = 8;
const logger = { log: () => {} };

let dir = '';
let ts: Buffer;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'replay-ring-'));
  ts = execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc=size=160x90:rate=${FPS}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(SECONDS), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(GOP), '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-f', 'mpegts', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Feeds the stream the way the fan-out's tap does: PAT+PMT first, then from the first keyframe, in odd-sized pieces. */
function feed(ring: ReplayRing, bytes: Buffer, piece = 1000): void {
  for (let at = 0; at < bytes.length; at += piece) ring.take(bytes.subarray(at, Math.min(bytes.length, at + piece)));
}

/** The video as ffprobe reads it: codec, packet count, and its span first frame → end of the last frame. */
function probe(file: string): { duration: number; packets: number; codec: string; audio: boolean } {
  const out = JSON.parse(
    execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name:packet=stream_index,pts_time', '-of', 'json', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as { streams: { codec_type: string; codec_name: string }[]; packets: { stream_index: number; pts_time: string }[] };
  const vi = out.streams.findIndex((s) => s.codec_type === 'video');
  const pts = out.packets.filter((p) => p.stream_index === vi).map((p) => Number(p.pts_time));
  return {
    duration: Math.max(...pts) - Math.min(...pts) + 1 / FPS,
    packets: pts.length,
    codec: out.streams[vi]!.codec_name,
    audio: out.streams.some((s) => s.codec_type === 'audio'),
  };
}

describe('ReplayRing', () => {
  it('keeps the last maxMs from a keyframe (at most one GOP more) and counts every frame', () => {
    const ring = new ReplayRing({ maxMs: 3000, maxBytes: 1 << 30, frameMs: 1000 / FPS });
    feed(ring, ts, 777);
    expect(ring.framesIn).toBeGreaterThanOrEqual(SECONDS * FPS - 1);
    expect(ring.durationMs).toBeGreaterThanOrEqual(3000);
    expect(ring.durationMs).toBeLessThan(3000 + (GOP * 1000) / FPS + 1);
    const snap = ring.snapshot()!;
    // The frame still arriving (here: the last one, whose end never came) is left out.
    expect(snap.lastPtsMs).toBeLessThan(ring.firstPtsMs! + SECONDS * 1000);
    expect(snap.frames).toBe(Math.round((snap.durationMs * FPS) / 1000));
    expect(snap.data.readUInt8(0)).toBe(0x47);
    expect(snap.data.length % 188).toBe(0);
  });

  it('drops old GOPs to stay under the memory cap, keeping at least the newest one', () => {
    const ring = new ReplayRing({ maxMs: 60_000, maxBytes: 20_000, frameMs: 1000 / FPS });
    feed(ring, ts);
    expect(ring.durationMs).toBeLessThanOrEqual((2 * GOP * 1000) / FPS + 1);
    expect(ring.durationMs).toBeGreaterThan(0);
  });

  it('holds nothing before a keyframe and answers no snapshot', () => {
    const ring = new ReplayRing({ maxMs: 3000, maxBytes: 1 << 30, frameMs: 1000 / FPS });
    expect(ring.snapshot()).toBeNull();
    ring.take(ts.subarray(0, 188 * 2));
    expect(ring.snapshot()).toBeNull();
  });

  it('a snapshot saved as MP4 (faststart) and MKV plays: video and audio, the length the ring says', async () => {
    const ring = new ReplayRing({ maxMs: 4000, maxBytes: 1 << 30, frameMs: 1000 / FPS });
    feed(ring, ts, 4096);
    const snap = ring.snapshot()!;
    for (const ext of ['.mp4', '.mkv']) {
      const file = path.join(dir, `replay${ext}`);
      const saved = await saveReplay({ ffmpegPath: FFMPEG, data: snap.data, path: file, clock: systemClock, logger });
      expect(saved).toEqual({ ok: true, value: file });
      const p = probe(file);
      expect(p.codec).toBe('h264');
      expect(p.audio).toBe(true);
      expect(p.packets).toBe(snap.frames);
      expect(Math.abs(p.duration * 1000 - snap.durationMs)).toBeLessThan(100);
    }
    // faststart: the index (moov) comes before the media data (mdat).
    const head = execFileSync('head', ['-c', '4096', path.join(dir, 'replay.mp4')]).toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));
    expect(buildReplayArgs('/x/r.mp4', true)).toContain('+faststart');
  });

  it('keeps every audio stream (the PMT names them all) and a save writes the tracks asked for, each its own stream', async () => {
    // Three AAC streams, as an encoding of tracks 1, 2 and 4 writes them; a tone per track.
    const tones: Record<number, number> = { 1: 500, 2: 1200, 4: 3000 };
    const encoded = [1, 2, 4];
    const multi = execFileSync(FFMPEG, [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', `testsrc=size=160x90:rate=${FPS}`,
      ...encoded.flatMap((t) => ['-f', 'lavfi', '-i', `sine=frequency=${tones[t]}:sample_rate=48000`]),
      '-map', '0:v', ...encoded.flatMap((_, i) => ['-map', `${i + 1}:a`]),
      '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', String(GOP), '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-ac', '2', '-f', 'mpegts', 'pipe:1',
    ], { maxBuffer: 64 * 1024 * 1024 });
    const ring = new ReplayRing({ maxMs: 2000, maxBytes: 1 << 30, frameMs: 1000 / FPS });
    feed(ring, multi, 1500);
    const snap = ring.snapshot()!;
    const streams = (file: string): string[] =>
      (JSON.parse(execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'json', file], { encoding: 'utf8' })) as { streams: { codec_type: string }[] }).streams.map((x) => x.codec_type);
    // The snapshot itself (PAT + PMT from the ring, then the kept packets) carries all three.
    const raw = path.join(dir, 'multi.ts');
    writeFileSync(raw, snap.data);
    expect(streams(raw)).toEqual(['video', 'audio', 'audio', 'audio']);
    const plan = replayTracks(encoded, [4, 2]);
    for (const ext of ['.mp4', '.mkv']) {
      const file = path.join(dir, `tracks${ext}`);
      expect(await saveReplay({ ffmpegPath: FFMPEG, data: snap.data, path: file, audioStreams: plan.streams, clock: systemClock, logger })).toEqual({ ok: true, value: file });
      expect(streams(file)).toEqual(['video', 'audio', 'audio']);
      // Each stream's pitch, from its zero crossings (a sine crosses twice a cycle): track 2's, then track 4's.
      const hz = plan.tracks.map((_, k) => {
        const pcm = execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-map', `0:a:${k}`, '-ac', '1', '-ar', '48000', '-f', 's16le', 'pipe:1'], { maxBuffer: 64 << 20 });
        const s16 = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 2));
        let crossings = 0;
        for (let i = 1; i < s16.length; i++) if (s16[i - 1]! < 0 !== s16[i]! < 0) crossings++;
        return crossings / 2 / (s16.length / 48_000);
      });
      expect(hz[0]).toBeGreaterThan(tones[2]! * 0.95);
      expect(hz[0]).toBeLessThan(tones[2]! * 1.05);
      expect(hz[1]).toBeGreaterThan(tones[4]! * 0.95);
      expect(hz[1]).toBeLessThan(tones[4]! * 1.05);
    }
  });

  it('a save that cannot run (no FFmpeg there) fails with the reason and leaves no partial file', async () => {
    const ring = new ReplayRing({ maxMs: 1000, maxBytes: 1 << 30, frameMs: 1000 / FPS });
    feed(ring, ts);
    const file = path.join(dir, 'twice.mkv');
    const snap = ring.snapshot()!;
    expect((await saveReplay({ ffmpegPath: FFMPEG, data: snap.data, path: file, clock: systemClock, logger })).ok).toBe(true);
    const bad = await saveReplay({ ffmpegPath: path.join(dir, 'no-ffmpeg'), data: snap.data, path: path.join(dir, 'none.mkv'), clock: systemClock, logger });
    expect(bad.ok).toBe(false);
    expect(execFileSync('ls', ['-a', dir], { encoding: 'utf8' })).not.toMatch(/partial/);
  });
});
