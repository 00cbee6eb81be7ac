import { describe, expect, it } from 'vitest';
import { redact } from '../log/redact';
import { concatList, mediaSourceSettingsProblem, parseNetworkUrl, reconnectCapMs } from './network-url';

describe('parseNetworkUrl', () => {
  it('accepts RTMP(S), SRT and HTTP(S) URLs and names them without their path', () => {
    for (const url of ['rtmp://127.0.0.1:1935/live/key123', 'rtmps://a.example.com/app/k', 'srt://10.0.0.2:9000?streamid=abcd&passphrase=0123456789', 'https://cdn.example.com/live/index.m3u8?token=zzzz', 'http://h/x.m3u8']) {
      const r = parseNetworkUrl(url);
      expect(r.ok, url).toBe(true);
    }
    const r = parseNetworkUrl('  rtmp://127.0.0.1:1935/live/supersecret  ');
    expect(r.ok && r.value.display).toBe('rtmp://127.0.0.1:1935/…');
    expect(r.ok && r.value.url).toBe('rtmp://127.0.0.1:1935/live/supersecret');
  });

  it('gives the scrubber every secret part, so a log line with the URL shows none of it', () => {
    const url = 'srt://10.0.0.2:9000?streamid=#!::r=live/cam,m=request&passphrase=correcthorse';
    const r = parseNetworkUrl(url);
    if (!r.ok) throw new Error(r.error.message);
    const line = redact(`[concat @ 0x1] Impossible to open '${url}' (passphrase correcthorse)`, r.value.secrets);
    expect(line).not.toContain('correcthorse');
    expect(line).not.toContain('r=live/cam');
    const hls = parseNetworkUrl('https://user:pw12@cdn.example.com/live/abcdef/index.m3u8?token=tok123456');
    if (!hls.ok) throw new Error(hls.error.message);
    const text = redact('GET https://user:pw12@cdn.example.com/live/abcdef/index.m3u8?token=tok123456 failed', hls.value.secrets);
    expect(text).not.toMatch(/pw12|tok123456|abcdef/);
    // Short common words are not scrubbed from every log line.
    expect(redact('stream live', hls.value.secrets)).toBe('stream live');
  });

  it('refuses garbage, other schemes and URLs with no host, saying what to use', () => {
    const cases: [string, RegExp][] = [
      ['not a url', /not a URL/],
      ['ftp://example.com/a.ts', /ftp:\/\/, which the studio does not pull; use rtmp/],
      ['file:///home/me/clip.mp4', /is_local_file/],
      ['rtmp://', /no host|not a valid/],
      ['rtmp://host/live/a b', /spaces/],
      ['rtmp://host/live/a\nb', /line break/],
      ['   ', /empty/],
    ];
    for (const [url, message] of cases) {
      const r = parseNetworkUrl(url);
      expect(r.ok, url).toBe(false);
      if (!r.ok) {
        expect(r.error.message, url).toMatch(message);
        expect(r.error.field).toBe('settings.input');
      }
    }
  });
});

describe('mediaSourceSettingsProblem', () => {
  it('checks the URL only for a network source with one', () => {
    expect(mediaSourceSettingsProblem({ is_local_file: true, input: 'garbage' })).toBeNull();
    expect(mediaSourceSettingsProblem({ is_local_file: false, input: '' })).toBeNull();
    expect(mediaSourceSettingsProblem({ is_local_file: false, input: 'rtmp://h/live/k' })).toBeNull();
    expect(mediaSourceSettingsProblem({ is_local_file: false, input: 'gopher://h/x' })).toMatchObject({ field: 'settings.input', message: expect.stringMatching(/gopher/) });
  });
});

describe('concatList and reconnectCapMs', () => {
  it("quotes the URL for FFmpeg's concat list", () => {
    expect(concatList("rtmp://h/live/it's")).toBe("ffconcat version 1.0\nfile 'rtmp://h/live/it'\\''s'\n");
  });
  it('caps the backoff at reconnect_delay_sec', () => {
    expect(reconnectCapMs({ reconnect_delay_sec: 3 })).toBe(3000);
    expect(reconnectCapMs({})).toBe(10_000);
  });
});
