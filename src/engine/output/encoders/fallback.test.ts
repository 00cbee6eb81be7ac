import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EncoderFallback, isEncoderFailure } from './fallback';
import { MIDSTREAM, NETWORK_WITH_HARDWARE } from './fixtures/composed';

/** A real stderr capture from this FFmpeg (fixtures/capture.sh), as the supervisor's line ring holds it. */
const captured = (file: string): string[] =>
  readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '');

const atStart = { code: 1, signal: null, outputOpened: false };
const midStream = { code: 1, signal: null, outputOpened: true };

describe('isEncoderFailure with captured stderr', () => {
  it.each([
    ['nvenc-no-driver.log'],
    ['hevc-nvenc-no-driver.log'],
    ['qsv-no-device.log'],
    ['vaapi-no-device.log'],
    ['unknown-encoder.log'],
    ['x264-bad-preset.log'],
    ['nvenc-bad-option-value.log'],
  ])('%s is an encoder failure', (file) => {
    expect(isEncoderFailure(captured(file), atStart)).toBe(true);
  });

  it.each([['rtmp-refused.log'], ['rtmp-dns.log']])('%s is a network failure', (file) => {
    expect(isEncoderFailure(captured(file), atStart)).toBe(false);
  });

  it('a server killed mid-stream is a network failure, despite the encoder lines around it', () => {
    const lines = captured('rtmp-server-killed.log');
    expect(lines.some((l) => l.startsWith('[libx264 @'))).toBe(true); // the noise is really there
    expect(isEncoderFailure(lines, midStream)).toBe(false);
  });

  it('a clean exit is never a failure, and a kill with nothing printed is not the encoder', () => {
    expect(isEncoderFailure(captured('nvenc-no-driver.log'), { code: 0, signal: null })).toBe(false);
    expect(isEncoderFailure(["Output #0, flv, to 'rtmp://x/live/[redacted]':"], { code: null, signal: 'SIGKILL' })).toBe(false);
  });
});

describe('isEncoderFailure with mid-stream hardware failures (FFmpeg 5.1 message formats)', () => {
  it.each(Object.entries(MIDSTREAM))('%s is an encoder failure', (_id, sample) => {
    expect(isEncoderFailure(sample.lines, midStream)).toBe(true);
  });

  it.each(Object.entries(NETWORK_WITH_HARDWARE))('%s is a network failure although a GPU encoder runs', (_id, sample) => {
    expect(isEncoderFailure(sample.lines, midStream)).toBe(false);
  });

  it('the generic "Conversion failed!" alone decides nothing', () => {
    expect(isEncoderFailure(['Conversion failed!'], midStream)).toBe(false);
  });

  it('a generic encoding error next to a network error is blamed on the network', () => {
    const lines = ['av_interleaved_write_frame(): Broken pipe', 'Error submitting video frame to the encoder', 'Conversion failed!'];
    expect(isEncoderFailure(lines, midStream)).toBe(false);
    expect(isEncoderFailure(lines.slice(1), midStream)).toBe(true);
  });

  it('an encoder warning from start-up does not turn a later network loss into an encoder failure', () => {
    const lines = [
      '[h264_nvenc @ 0x0] B frames as references are not supported',
      "Output #0, flv, to 'rtmp://127.0.0.1/live/[redacted]':",
      'av_interleaved_write_frame(): Connection reset by peer',
      'Conversion failed!',
    ];
    expect(isEncoderFailure(lines, midStream)).toBe(false);
  });
});

describe('EncoderFallback', () => {
  it('switches a hardware encoder that dies mid-stream to libx264, once, with a message naming the cause', () => {
    const fb = new EncoderFallback('h264_nvenc');
    const first = fb.next(MIDSTREAM['nvencCuda']!.lines, midStream);
    expect(first).toEqual({
      from: 'h264_nvenc',
      to: 'libx264',
      message:
        'h264_nvenc stopped working mid-stream (CUDA error CUDA_ERROR_LAUNCH_FAILED (unspecified launch failure)); switched to libx264, destinations stay live.',
    });
    expect(fb.encoder).toBe('libx264');
    expect(fb.fellBackFrom).toBe('h264_nvenc');
    // libx264 failing too is not something another switch can fix.
    expect(fb.next(captured('x264-bad-preset.log'), midStream)).toBeNull();
    fb.reset('h264_qsv');
    expect(fb.fellBackFrom).toBeNull();
    expect(fb.next(MIDSTREAM['qsvDeviceLost']!.lines, midStream)?.message).toBe(
      'h264_qsv stopped working mid-stream (Quick Sync failed to encode (device lost, -17)); switched to libx264, destinations stay live.',
    );
  });

  it('says "could not start" when the encoder failed before the output opened', () => {
    const fb = new EncoderFallback('h264_nvenc');
    expect(fb.next(captured('nvenc-no-driver.log'), atStart)?.message).toBe(
      'h264_nvenc could not start (No NVIDIA GPU/driver (cannot load libcuda.so.1)); switched to libx264.',
    );
  });

  it('infers start-up from the lines when the caller does not know whether the output opened', () => {
    const lines = captured('qsv-no-device.log');
    expect(new EncoderFallback('h264_qsv').next(lines, { code: 1, signal: null })?.message).toMatch(/^h264_qsv could not start \(/);
    expect(new EncoderFallback('h264_vaapi').next(MIDSTREAM['vaapiEndPicture']!.lines, { code: 1, signal: null })?.message).toMatch(
      /^h264_vaapi stopped working mid-stream \(The VAAPI driver failed to encode \(internal encoding error\)\); switched/,
    );
  });

  it('treats a forced name this FFmpeg lacks like failed hardware', () => {
    const fb = new EncoderFallback('h264_bogus');
    expect(fb.next(captured('unknown-encoder.log'), atStart)?.message).toBe(
      'h264_bogus could not start (it is not in this FFmpeg build); switched to libx264.',
    );
  });

  it('leaves network failures and software encoders alone', () => {
    const fb = new EncoderFallback('h264_nvenc');
    expect(fb.next(NETWORK_WITH_HARDWARE['nvencBrokenPipe']!.lines, midStream)).toBeNull();
    expect(fb.encoder).toBe('h264_nvenc');
    expect(new EncoderFallback('libx264').next(captured('x264-bad-preset.log'), atStart)).toBeNull();
  });

  it('never puts a URL from stderr into the message', () => {
    const fb = new EncoderFallback('h264_vaapi');
    const lines = ["Output #0, flv, to 'rtmp://h/live/SECRETKEY':", '[h264_vaapi @ 0x0] write to rtmp://h/live/SECRETKEY failed', 'Video encoding failed'];
    const sw = fb.next(lines, midStream);
    expect(sw).not.toBeNull();
    expect(sw!.message).not.toContain('SECRETKEY');
  });
});
