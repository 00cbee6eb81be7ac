import { describe, expect, it } from 'vitest';
import type { EncoderSettings, VideoSettings } from '../../shared';
import { SOUND_ONLY_PROBE_FRAMES, buildEncoderArgs, buildPusherArgs, trackGraph } from './ffmpeg-args';

const video: VideoSettings = { baseWidth: 1280, baseHeight: 720, outputWidth: 1280, outputHeight: 720, fpsNumerator: 30, fpsDenominator: 1 };
const encoder: EncoderSettings = {
  encoder: 'libx264',
  rateControl: 'CBR',
  bitrateKbps: 4500,
  keyframeIntervalSec: 2,
  preset: 'veryfast',
  profile: 'high',
  bFrames: 2,
  audioBitrateKbps: 160,
};
const rtmp = { kind: 'rtmp', url: 'rtmp://127.0.0.1:1935/live/key' } as const;

/** The value following a flag (the first occurrence after `from`). */
function after(args: string[], flag: string, from = 0): string | undefined {
  const i = args.indexOf(flag, from);
  return i < 0 ? undefined : args[i + 1];
}

describe('buildEncoderArgs', () => {
  const args = buildEncoderArgs({ video, encoder, target: rtmp });

  it('reads raw NV12 at the base size and rate from pipe:0 and s16le 48 kHz stereo from pipe:3', () => {
    const v = args.indexOf('pipe:0');
    const a = args.indexOf('pipe:3');
    expect(v).toBeGreaterThan(0);
    expect(a).toBeGreaterThan(v);
    const videoIn = args.slice(0, v + 1);
    expect(videoIn.slice(-16)).toEqual(['-probesize', '32', '-analyzeduration', '0', '-thread_queue_size', '64', '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', '1280x720', '-framerate', '30/1', '-i', 'pipe:0']);
    expect(args.slice(v + 1, a + 1)).toEqual(['-probesize', '32', '-analyzeduration', '0', '-thread_queue_size', '64', '-f', 's16le', '-ar', '48000', '-ac', '2', '-i', 'pipe:3']);
    expect(args).toContain('-map');
  });

  it('encodes libx264 CBR zerolatency with a keyframe every 2 s and no scene-cut keyframes', () => {
    expect(after(args, '-c:v')).toBe('libx264');
    expect(after(args, '-preset')).toBe('veryfast');
    expect(after(args, '-tune')).toBe('zerolatency');
    expect(after(args, '-profile:v')).toBe('high');
    expect(after(args, '-bf')).toBe('2');
    for (const flag of ['-b:v', '-minrate', '-maxrate', '-bufsize']) expect(after(args, flag)).toBe('4500k');
    expect(after(args, '-x264-params')).toBe('nal-hrd=cbr');
    expect(after(args, '-g')).toBe('60');
    expect(after(args, '-keyint_min')).toBe('60');
    expect(after(args, '-sc_threshold')).toBe('0');
    expect(after(args, '-pix_fmt', args.indexOf('pipe:3'))).toBe('yuv420p');
  });

  it('encodes AAC at 48 kHz stereo, reports progress on pipe:4 and writes FLV to the URL last', () => {
    expect(after(args, '-c:a')).toBe('aac');
    expect(after(args, '-b:a')).toBe('160k');
    expect(after(args, '-ar', args.indexOf('-c:a'))).toBe('48000');
    expect(after(args, '-ac', args.indexOf('-c:a'))).toBe('2');
    expect(after(args, '-progress')).toBe('pipe:4');
    expect(after(args, '-stats_period')).toBe('1');
    expect(args).toContain('-nostats');
    expect(args.slice(-3)).toEqual(['-f', 'flv', rtmp.url]);
  });

  it('scales only when the output size differs from the base size', () => {
    expect(args).not.toContain('-vf');
    const scaled = buildEncoderArgs({ video: { ...video, outputWidth: 854, outputHeight: 480 }, encoder, target: rtmp });
    expect(after(scaled, '-vf')).toMatch(/^scale=854:480/);
    expect(after(scaled, '-s')).toBe('1280x720');
  });

  it('computes the GOP from fractional rates and keeps B-frames out of baseline', () => {
    const ntsc = buildEncoderArgs({
      video: { ...video, fpsNumerator: 30000, fpsDenominator: 1001 },
      encoder: { ...encoder, keyframeIntervalSec: 2, profile: 'baseline', bFrames: 3 },
      target: rtmp,
    });
    expect(after(ntsc, '-framerate')).toBe('30000/1001');
    expect(after(ntsc, '-g')).toBe('60');
    expect(after(ntsc, '-bf')).toBe('0');
  });

  it('uses average plus a peak for VBR, without CBR padding', () => {
    const vbr = buildEncoderArgs({ video, encoder: { ...encoder, rateControl: 'VBR', bitrateKbps: 3000 }, target: rtmp });
    expect(after(vbr, '-b:v')).toBe('3000k');
    expect(after(vbr, '-maxrate')).toBe('4500k');
    expect(after(vbr, '-bufsize')).toBe('6000k');
    expect(vbr).not.toContain('-minrate');
    expect(vbr).not.toContain('-x264-params');
  });

  it('writes to the null muxer or a file when asked, as argv elements only', () => {
    expect(buildEncoderArgs({ video, encoder, target: { kind: 'null' } }).slice(-3)).toEqual(['-f', 'null', '-']);
    expect(buildEncoderArgs({ video, encoder, target: { kind: 'file', path: '/tmp/a b.mkv', format: 'matroska' } }).slice(-3)).toEqual([
      '-f',
      'matroska',
      '/tmp/a b.mkv',
    ]);
    expect(buildEncoderArgs({ video, encoder, target: { kind: 'file', path: '-evil.mkv', format: 'matroska' } }).at(-1)).toBe('./-evil.mkv');
    expect(args.every((a) => typeof a === 'string' && a.length > 0)).toBe(true);
  });

  it('writes MPEG-TS to pipe:1, flushing every packet, for the fan-out', () => {
    expect(buildEncoderArgs({ video, encoder, target: { kind: 'pipe' } }).slice(-5)).toEqual(['-flush_packets', '1', '-f', 'mpegts', 'pipe:1']);
  });

  it('with tracks, reads the six tracks (12 channels) and encodes each listed one as its own stereo AAC stream, in order', () => {
    const args = buildEncoderArgs({ video, encoder, target: { kind: 'pipe' }, audioTracks: [1, 3] });
    const a = args.indexOf('pipe:3');
    expect(args.slice(a - 7, a + 1)).toEqual(['-f', 's16le', '-ar', '48000', '-ac', '12', '-i', 'pipe:3']);
    expect(after(args, '-filter_complex')).toBe('[1:a]asplit=2[s1][s3];[s1]pan=stereo|c0=c0|c1=c1[t1];[s3]pan=stereo|c0=c4|c1=c5[t3]');
    expect(args.filter((x, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '[t1]', '[t3]']);
    // Every audio stream is stereo AAC at the chosen rate.
    expect(after(args, '-c:a')).toBe('aac');
    expect(after(args, '-ac', args.indexOf('-c:a'))).toBe('2');
    expect(trackGraph([2])).toEqual({ filter: '[1:a]pan=stereo|c0=c2|c1=c3[t2]', labels: ['[t2]'] });
    expect(trackGraph([1, 2, 3, 4, 5, 6]).filter).toContain('[s6]pan=stereo|c0=c10|c1=c11[t6]');
    expect(() => trackGraph([])).toThrow();
  });
});

describe('buildPusherArgs', () => {
  it('copies the TS from pipe:0 to FLV for RTMP, with progress on pipe:4 and the URL last', () => {
    const args = buildPusherArgs({ url: 'rtmps://h:443/app/key', protocol: 'rtmps', audioOnly: false });
    expect(args.slice(args.indexOf('-i') - 2, args.indexOf('-i') + 2)).toEqual(['-f', 'mpegts', '-i', 'pipe:0']);
    expect(after(args, '-progress')).toBe('pipe:4');
    expect(after(args, '-c')).toBe('copy');
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '0:a:0']);
    expect(args.slice(-3)).toEqual(['-f', 'flv', 'rtmps://h:443/app/key']);
    expect(args).toContain('-rw_timeout');
    // RTMPS verifies the server (against a given bundle when there is one); plain RTMP has nothing to verify.
    expect(args.join(' ')).toContain('-tls_verify 1');
    expect(buildPusherArgs({ url: 'rtmps://h/a/k', protocol: 'rtmps', audioOnly: false, caFile: '/ca.pem' }).join(' ')).toContain('-tls_verify 1 -ca_file /ca.pem');
    expect(buildPusherArgs({ url: 'rtmp://h/a/k', protocol: 'rtmp', audioOnly: false })).not.toContain('-tls_verify');
  });

  it('puts the preset with the secret options right before the output it belongs to', () => {
    const rtmp = buildPusherArgs({ url: 'rtmp://h/live', protocol: 'rtmp', audioOnly: false, presetPath: '/dev/fd/5' });
    expect(after(rtmp, '-fpre')).toBe('/dev/fd/5');
    expect(rtmp.indexOf('-fpre')).toBeGreaterThan(rtmp.indexOf('-i'));
    expect(rtmp.slice(-3)).toEqual(['-f', 'flv', 'rtmp://h/live']);
    const srt = buildPusherArgs({ url: 'srt://h:9000', protocol: 'srt', audioOnly: false, presetPath: '/dev/fd/5' });
    expect(srt.slice(-5)).toEqual(['-fpre', '/dev/fd/5', '-f', 'mpegts', 'srt://h:9000']);
    expect(buildPusherArgs({ url: 'rtmp://h/live/k', protocol: 'rtmp', audioOnly: false })).not.toContain('-fpre');
  });

  it('declares the video track for audio-only destinations but drops the probe pictures, and muxes MPEG-TS for SRT', () => {
    const args = buildPusherArgs({ url: 'srt://h:9000?streamid=k', protocol: 'srt', audioOnly: true });
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '0:a:0']);
    expect(after(args, '-bsf:v')).toBe(`noise=drop=lt(n\\,${SOUND_ONLY_PROBE_FRAMES})`);
    expect(args.slice(-3)).toEqual(['-f', 'mpegts', 'srt://h:9000?streamid=k']);
    expect(buildPusherArgs({ url: 'srt://h:9000', protocol: 'srt', audioOnly: false })).not.toContain('-bsf:v');
  });

  it("sends the audio stream of its track (its place in the encoding's tracks)", () => {
    const args = buildPusherArgs({ url: 'rtmp://h/live/k', protocol: 'rtmp', audioOnly: false, audioStream: 1 });
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '0:a:1']);
  });
});
