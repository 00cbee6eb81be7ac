import { describe, expect, it } from 'vitest';
import { redact } from './redact';

describe('redact', () => {
  it('hides the stream key after the app name of rtmp and rtmps URLs', () => {
    expect(redact('rtmp://live.twitch.tv/app/live_123_abcDEF')).toBe('rtmp://live.twitch.tv/app/***');
    expect(redact("Output #0, flv, to 'rtmps://a.rtmp.youtube.com:443/live2/ab12-cd34-ef56':")).toBe(
      "Output #0, flv, to 'rtmps://a.rtmp.youtube.com:443/live2/***':",
    );
    expect(redact('rtmp://h/app/nested/key?x=1&y=2 next')).toBe('rtmp://h/app/*** next');
    expect(redact('rtmp://h/app?streamkey')).toBe('rtmp://h/app?***');
  });

  it('keeps the prose around a URL FFmpeg wrote', () => {
    expect(redact('rtmp://127.0.0.1:1/live/SECRETKEY: Connection refused')).toBe('rtmp://127.0.0.1:1/live/***: Connection refused');
    expect(redact('failed (rtmp://h/live/k1).')).toBe('failed (rtmp://h/live/***).');
  });

  it('leaves a server URL without a key readable', () => {
    expect(redact('connecting to rtmp://live.example.com/app')).toBe('connecting to rtmp://live.example.com/app');
  });

  it('hides srt streamid and passphrase values, and other sensitive query parameters', () => {
    expect(redact('srt://ingest.example.com:9000?streamid=#!::r=live/k,m=publish&passphrase=hunter22&latency=200')).toBe(
      'srt://ingest.example.com:9000?streamid=***&passphrase=***&latency=200',
    );
    expect(redact('https://x.test/hook?token=abc&ok=1')).toBe('https://x.test/hook?token=***&ok=1');
  });

  it('hides user:pass@ in any URL', () => {
    expect(redact('rtmp://bob:s3cret@host/app')).toBe('rtmp://***@host/app');
    expect(redact('see https://user:pw@example.com/path')).toBe('see https://***@example.com/path');
  });

  it('hides literal secrets wherever they appear, raw or URL-encoded', () => {
    const key = 'live_9/x+y=z';
    const text = `key ${key} then ${encodeURIComponent(key)} and playpath: ${key}`;
    const out = redact(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).toContain('***');
  });

  it('hides a longer secret whole when a shorter one is inside it', () => {
    expect(redact('abc-123456', ['abc', 'abc-123456'])).toBe('***');
  });

  it('ignores empty secrets and leaves ordinary text alone', () => {
    expect(redact('frame=30 fps=29.97 bitrate=2500.0kbits/s', ['', ''])).toBe('frame=30 fps=29.97 bitrate=2500.0kbits/s');
  });

  it('hides key-like pairs FFmpeg prints outside URLs', () => {
    expect(redact('Proto = rtmp, path = /live/k, app = live, fname = abcdef')).toContain('fname = ***');
    expect(redact('streamid=abc')).toBe('streamid=***');
  });
});
