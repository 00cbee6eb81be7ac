import { describe, expect, it } from 'vitest';
import { Status } from '../../shared';
import { classifyExit } from './classify-exit';

// Tails of real FFmpeg 5.1 stderr (keys already redacted), one per way a push can fail.
const OPENED = ["Output #0, flv, to 'rtmp://127.0.0.1:1935/live/***':", '  Stream #0:0: Video: h264'];
const cases = {
  refused: [
    '[tcp @ 0x5577497decc0] Connection to tcp://127.0.0.1:1?tcp_nodelay=0 failed: Connection refused',
    '[rtmp @ 0x5577497e1b40] Cannot open connection tcp://127.0.0.1:1?tcp_nodelay=0',
    'rtmp://127.0.0.1:1/live/***: Connection refused',
  ],
  dns: [
    '[tcp @ 0x55d8460cccc0] Failed to resolve hostname nonexistent.invalid: Name or service not known',
    '[rtmp @ 0x55d8460cfb40] Cannot open connection tcp://nonexistent.invalid:1935?tcp_nodelay=0',
    'rtmp://nonexistent.invalid/live/***: Input/output error',
  ],
  unreachable: ['[rtmp @ 0x55b94d6c8b40] Cannot read RTMP handshake response', 'rtmp://10.255.255.1/live/***: End of file'],
  // nginx-rtmp answering on_publish with 403: the TCP session opens, then closes at publish.
  rejected: ['rtmp://127.0.0.1:19350/live/***: Input/output error'],
  // rtmps with -tls_verify 1 to a self-signed server (GnuTLS build).
  certificate: [
    '[tls @ 0x5646bfd1c8c0] Peer certificate failed verification',
    '[rtmps @ 0x5646bfd22ac0] Cannot open connection tls://127.0.0.1:19443',
    'rtmps://127.0.0.1:19443/live/***: Input/output error',
  ],
  url: ['foo://bar/x: Protocol not found'],
  encoder: [
    '[libx264 @ 0x55d3164e9540] Error setting preset/tune not-a-preset/(null).',
    '[libx264 @ 0x55d3164e9540] Possible presets: ultrafast superfast veryfast faster fast medium slow slower veryslow placebo',
    'Error initializing output stream 0:0 -- Error while opening encoder for output stream #0:0 - maybe incorrect parameters such as bit_rate, rate, width or height',
    'Conversion failed!',
  ],
  lost: [...OPENED, '[flv @ 0x55] Failed to update header with correct duration.', 'av_interleaved_write_frame(): Broken pipe', 'Error writing trailer of rtmp://h/live/***: Broken pipe'],
} as const;

describe('classifyExit', () => {
  it.each(Object.entries(cases))('recognises %s', (kind, lines) => {
    expect(classifyExit(lines, { code: 1, signal: null }).kind).toBe(kind);
  });

  it('says which failures are worth retrying', () => {
    const retry = (lines: readonly string[]): boolean => classifyExit(lines, { code: 1, signal: null }).retryable;
    expect([cases.refused, cases.dns, cases.unreachable, cases.lost].map(retry)).toEqual([true, true, true, true]);
    expect([cases.rejected, cases.certificate, cases.url, cases.encoder].map(retry)).toEqual([false, false, false, false]);
  });

  it('gives one actionable sentence with a fitting status code', () => {
    const refused = classifyExit(cases.refused, { code: 1, signal: null }).error;
    expect(refused.code).toBe(Status.DestinationUnreachable);
    expect(refused.message).toMatch(/^The server refused the connection; check .*\.$/);
    const encoder = classifyExit(cases.encoder, { code: 1, signal: null }).error;
    expect(encoder.code).toBe(Status.ActionFailed);
    expect(encoder.message).toContain('Error setting preset/tune not-a-preset');
    expect(classifyExit(cases.rejected, { code: 1, signal: null }).error.message).toMatch(/stream key/);
  });

  it('tells an SRT caller with no listener (retry) from an RTMP publish the server closed (do not)', () => {
    // FFmpeg 5.1 with no SRT listener on the port: both lines end in "Input/output error".
    const srt = [
      '[srt @ 0x55cd095ce640] Connection to srt://127.0.0.1:18977?streamid=*** failed: Input/output error',
      'srt://127.0.0.1:18977?streamid=***: Input/output error',
    ];
    expect(classifyExit(srt, { code: 1, signal: null })).toMatchObject({ kind: 'unreachable', retryable: true });
    expect(classifyExit(srt, { code: 1, signal: null }).error.message).toMatch(/SRT listener could not be reached/);
    expect(classifyExit(cases.rejected, { code: 1, signal: null }).retryable).toBe(false);
  });

  it('recognises explicit publish rejections even after the output opened', () => {
    const lines = [...OPENED, '[rtmp @ 0x1] Server error: NetStream.Publish.BadName'];
    expect(classifyExit(lines, { code: 1, signal: null }).kind).toBe('rejected');
  });

  it('does not mistake the final stats line for an HTTP status', () => {
    const lines = [...OPENED, 'frame=  403 fps= 30 q=-1.0 Lsize=     401kB time=00:00:13.40 bitrate= 245.2kbits/s speed=1x', 'Exiting normally, received signal 2.'];
    expect(classifyExit(lines, { code: 255, signal: null }).kind).toBe('generic');
  });

  it('names an outside signal, and falls back to the exit code and last error line', () => {
    expect(classifyExit([], { code: null, signal: 'SIGKILL' }).error.message).toBe('FFmpeg was stopped by SIGKILL from outside the studio.');
    const generic = classifyExit(['something odd happened', '[x @ 0x1] Could not do the thing'], { code: 69, signal: null });
    expect(generic.kind).toBe('generic');
    expect(generic.error.message).toBe('FFmpeg stopped unexpectedly (exit code 69): Could not do the thing.');
  });
});
