import { describe, expect, it } from 'vitest';
import { buildRecorderArgs, buildRemuxArgs, fileArg } from './args';

/** The value following a flag. */
function after(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

describe('buildRecorderArgs', () => {
  const mkv = buildRecorderArgs({ path: '/rec/show.mkv', format: 'mkv' });
  const mp4 = buildRecorderArgs({ path: '/rec/show.mp4', format: 'fmp4' });

  it('reads MPEG-TS from pipe:0 after a short probe, reports progress on pipe:4 and never reads the terminal', () => {
    for (const args of [mkv, mp4]) {
      expect(args).toContain('-nostdin');
      const input = args.indexOf('pipe:0');
      expect(args.slice(input - 5, input + 1)).toEqual(['-analyzeduration', '500000', '-f', 'mpegts', '-i', 'pipe:0']);
      expect(after(args, '-progress')).toBe('pipe:4');
      expect(args.every((a) => typeof a === 'string' && a.length > 0)).toBe(true);
    }
  });

  it('copies the video and audio without re-encoding, never overwriting, the file last', () => {
    for (const args of [mkv, mp4]) {
      expect(args.join(' ')).toContain('-map 0:v:0 -map 0:a:0 -c copy');
      expect(args).not.toContain('-c:v');
      expect(args).not.toContain('-y');
      expect(args.slice(-4, -1)).toEqual(['-flush_packets', '1', '-n']);
    }
    expect(mkv.at(-1)).toBe('/rec/show.mkv');
    expect(mp4.at(-1)).toBe('/rec/show.mp4');
  });

  it('writes each of its tracks as its own audio stream, in order, in MKV and MP4 alike', () => {
    for (const format of ['mkv', 'fmp4'] as const) {
      const args = buildRecorderArgs({ path: '/rec/show', format, audioStreams: [0, 2] });
      expect(args.join(' ')).toContain('-map 0:v:0 -map 0:a:0 -map 0:a:2 -c copy');
    }
  });

  it('writes Matroska in clusters of at most half a second', () => {
    expect(after(mkv, '-f')).toBe('mpegts');
    expect(mkv.slice(mkv.indexOf('-cluster_time_limit'), -4)).toEqual(['-cluster_time_limit', '500', '-f', 'matroska']);
    expect(mkv).not.toContain('-movflags');
  });

  it('writes MP4 in fragments (keyframes, at most half a second) with AAC converted from ADTS', () => {
    expect(after(mp4, '-bsf:a')).toBe('aac_adtstoasc');
    expect(after(mp4, '-movflags')).toBe('+frag_keyframe+empty_moov+default_base_moof');
    expect(after(mp4, '-frag_duration')).toBe('500000');
    expect(mp4.at(-5)).toBe('mp4');
    expect(mp4).not.toContain('-cluster_time_limit');
  });

  it('keeps a relative path from reading as an option or a protocol', () => {
    expect(buildRecorderArgs({ path: '-y.mkv', format: 'mkv' }).at(-1)).toBe('./-y.mkv');
    expect(buildRecorderArgs({ path: 'rtmp:x.mkv', format: 'mkv' }).at(-1)).toBe('./rtmp:x.mkv');
    expect(fileArg('/abs/-x.mp4')).toBe('/abs/-x.mp4');
    expect(fileArg('a b/c.mkv')).toBe('./a b/c.mkv');
  });
});

describe('buildRemuxArgs', () => {
  it('copies every video and audio stream into a faststart MP4, never overwriting', () => {
    const args = buildRemuxArgs('/rec/show.mkv', '-out.mp4');
    expect(after(args, '-i')).toBe('/rec/show.mkv');
    expect(args.join(' ')).toContain('-map 0:v? -map 0:a? -c copy -movflags +faststart -f mp4 -n ./-out.mp4');
    expect(args).toContain('-nostdin');
  });
});
