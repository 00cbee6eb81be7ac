/**
 * The fMP4 reader on FFmpeg's own output: the same muxer options the network pull uses, from
 * lavfi, read back in chunks of awkward sizes.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Fmp4Splitter, playableEntries, type Fragment, type InitSegment } from './fmp4';

function ffmpegFmp4(video: string[]): Buffer {
  return execFileSync(
    process.env['FFMPEG_BIN'] ?? 'ffmpeg',
    [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', 'testsrc2=size=160x90:rate=30',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', '2', ...video, '-g', '15', '-c:a', 'aac',
      '-f', 'mp4', '-movflags', 'empty_moov+default_base_moof+frag_keyframe', '-frag_duration', '100000', 'pipe:1',
    ],
    { maxBuffer: 64 << 20 },
  );
}

function split(bytes: Buffer, chunk: number): { init: InitSegment[]; fragments: Fragment[] } {
  const init: InitSegment[] = [];
  const fragments: Fragment[] = [];
  const s = new Fmp4Splitter((i) => init.push(i), (f) => fragments.push(f));
  for (let at = 0; at < bytes.length; at += chunk) s.push(bytes.subarray(at, at + chunk));
  return { init, fragments };
}

describe('Fmp4Splitter', () => {
  const h264 = ffmpegFmp4(['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-profile:v', 'baseline']);

  it('finds the init segment with its codecs, and fragments that add up to the whole stream', () => {
    for (const chunk of [7, 1000, 65536]) {
      const { init, fragments } = split(h264, chunk);
      expect(init).toHaveLength(1);
      // Constrained baseline (42 c0) at the level x264 chose for the size.
      expect(init[0]!.codecs).toEqual([expect.stringMatching(/^avc1\.42c0[0-9a-f]{2}$/), 'mp4a.40.2']);
      expect(init[0]!.entries).toEqual(['avc1', 'mp4a']);
      expect(playableEntries(init[0]!.entries)).toBe(true);
      const total = init[0]!.bytes.length + fragments.reduce((n, f) => n + f.bytes.length, 0);
      // All but the index FFmpeg writes when it ends (mfra), which a live stream never gets.
      expect(h264.toString('latin1', total + 4, total + 8)).toBe('mfra');
      expect(total + h264.readUInt32BE(total)).toBe(h264.length);
      // 2 s at a keyframe every 15 frames: 4 keyframes, and ~100 ms fragments between them.
      expect(fragments.filter((f) => f.keyframe)).toHaveLength(4);
      expect(fragments.length).toBeGreaterThan(8);
      expect(fragments[0]!.keyframe).toBe(true);
      for (const f of fragments) expect(f.bytes.toString('latin1', 4, 8)).toBe('moof');
    }
  });

  it('says when the compositor cannot play a stream (it is transcoded instead)', () => {
    const { init } = split(ffmpegFmp4(['-c:v', 'mpeg4']), 4096);
    expect(init[0]!.entries).toEqual(['mp4v', 'mp4a']);
    expect(playableEntries(init[0]!.entries)).toBe(false);
  });

  it('refuses bytes that are not fragmented MP4', () => {
    const s = new Fmp4Splitter(() => {}, () => {});
    expect(() => s.push(Buffer.from('FLV\x01\x05\x00\x00\x00\x09garbage-garbage'))).toThrow(/not fragmented MP4/);
  });
});
