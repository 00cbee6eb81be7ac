import { describe, expect, it } from 'vitest';
import { redact } from '../log/redact';
import { concatList, inputFormat, mediaSourceSettingsProblem, parseNetworkUrl, reconnectPolicy, systemCaBundle } from './network-url';

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

  it('knows an SRT listener (the studio binds the port, a caller pushes), which needs a port', () => {
    const l = parseNetworkUrl('srt://0.0.0.0:9000?mode=listener&latency=200000');
    expect(l.ok && l.value.listener).toBe(true);
    expect(l.ok && l.value.display).toBe('srt://0.0.0.0:9000/…');
    for (const caller of ['srt://10.0.0.2:9000?streamid=abc', 'srt://10.0.0.2:9000?mode=caller', 'rtmp://h/live/mode=listener']) {
      const r = parseNetworkUrl(caller);
      expect(r.ok && r.value.listener, caller).toBe(false);
    }
    const anyHost = parseNetworkUrl('srt://:9000?mode=listener');
    expect(anyHost.ok).toBe(false);
    if (!anyHost.ok) expect(anyHost.error.message).toContain('use srt://0.0.0.0:9000?mode=listener');
    const noPort = parseNetworkUrl('srt://0.0.0.0?mode=listener');
    expect(noPort.ok).toBe(false);
    if (!noPort.ok) expect(noPort.error.message).toMatch(/names no port; use srt:\/\/0\.0\.0\.0:PORT\?mode=listener/);
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

describe('concatList and reconnectPolicy', () => {
  it("quotes the URL for FFmpeg's concat list", () => {
    expect(concatList("rtmp://h/live/it's")).toBe("ffconcat version 1.0\nfile 'rtmp://h/live/it'\\''s'\n");
  });
  it('names a checked input_format as the file\'s format whitelist (HLS with its segment formats)', () => {
    expect(concatList('srt://h:9000', { format: 'mpegts' })).toBe("ffconcat version 1.0\nfile 'srt://h:9000'\noption format_whitelist mpegts\n");
    expect(concatList('http://h/a.m3u8', { format: 'hls' })).toMatch(/\noption format_whitelist hls,mpegts,mov,aac,/);
    expect(() => concatList('srt://h:9000', { format: 'mpegts\nfile x' })).toThrow(/unchecked/);
  });
  it('verifies the certificate of rtmps:// and https:// servers, against a given CA bundle when there is one', () => {
    expect(concatList('rtmps://h/app/k')).toBe("ffconcat version 1.0\nfile 'rtmps://h/app/k'\noption tls_verify 1\n");
    expect(concatList('HTTPS://h/a.m3u8', { caFile: "/tmp/it's.pem" })).toBe("ffconcat version 1.0\nfile 'HTTPS://h/a.m3u8'\noption tls_verify 1\noption ca_file '/tmp/it'\\''s.pem'\n");
    // Plain schemes have no TLS to verify (and FFmpeg would warn about unused options).
    expect(concatList('rtmp://h/app/k', { caFile: '/ca.pem' })).not.toMatch(/tls_verify|ca_file/);
    expect(concatList('srt://h:9000')).not.toMatch(/option/);
  });
  it('waits reconnect_delay_sec before the first retry, then grows to a minute', () => {
    expect(reconnectPolicy({ reconnect_delay_sec: 3 })).toMatchObject({ baseMs: 3000, factor: 2, maxMs: 60_000 });
    expect(reconnectPolicy({})).toMatchObject({ baseMs: 10_000 });
    expect(reconnectPolicy({ reconnect_delay_sec: 600 })).toMatchObject({ baseMs: 60_000, maxMs: 60_000 });
    expect(reconnectPolicy({ reconnect_delay_sec: 'x' })).toMatchObject({ baseMs: 10_000 });
  });
});

describe('inputFormat', () => {
  it('takes an FFmpeg demuxer name or nothing', () => {
    expect(inputFormat({})).toEqual({ ok: true, value: '' });
    expect(inputFormat({ input_format: '  ' })).toEqual({ ok: true, value: '' });
    expect(inputFormat({ input_format: ' mpegts ' })).toEqual({ ok: true, value: 'mpegts' });
    expect(inputFormat({ input_format: 'hls' })).toEqual({ ok: true, value: 'hls' });
  });
  it('refuses anything that could become another option or list line, naming the field', () => {
    for (const bad of ['-i', 'mpegts -y', 'mpegts\nfile /etc/passwd', 'flv,mpegts', "mp4'", 'MPEGTS', 'a'.repeat(33), 7]) {
      const r = inputFormat({ input_format: bad });
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) {
        expect(r.error.field).toBe('settings.input_format');
        expect(r.error.message).toMatch(/Input format/);
      }
    }
    expect(mediaSourceSettingsProblem({ is_local_file: false, input: 'srt://h:9000', input_format: '-f' })).toMatchObject({ field: 'settings.input_format' });
    expect(mediaSourceSettingsProblem({ is_local_file: false, input: '', input_format: 'x y' })).toMatchObject({ field: 'settings.input_format' });
    // A local file ignores it, as OBS does.
    expect(mediaSourceSettingsProblem({ is_local_file: true, input_format: 'x y' })).toBeNull();
  });
});

describe('systemCaBundle', () => {
  it('finds the first well-known bundle that exists, or none', () => {
    expect(systemCaBundle((f) => f === '/etc/pki/tls/certs/ca-bundle.crt' || f === '/etc/ssl/cert.pem')).toBe('/etc/pki/tls/certs/ca-bundle.crt');
    expect(systemCaBundle(() => false)).toBeUndefined();
  });
});
