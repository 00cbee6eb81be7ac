import { describe, expect, it } from 'vitest';
import { Status } from '../../shared';
import { checkTargetUrl } from './target-url';

describe('checkTargetUrl', () => {
  it('accepts rtmp and rtmps URLs with an app and a key, and lists the secret parts', () => {
    const r = checkTargetUrl('rtmp://127.0.0.1:1935/live/my%20key');
    expect(r).toMatchObject({ ok: true, value: { protocol: 'rtmp', host: '127.0.0.1', port: 1935 } });
    if (r.ok) expect(r.value.secrets).toEqual(expect.arrayContaining(['my%20key', 'my key']));
    const fb = checkTargetUrl('rtmps://live-api-s.facebook.com:443/rtmp/FB-123?s_bl=1&a=xyz');
    expect(fb.ok).toBe(true);
    if (fb.ok) expect(fb.value.secrets).toEqual(expect.arrayContaining(['FB-123', 's_bl=1&a=xyz']));
    const auth = checkTargetUrl('rtmp://bob:pw123@host/app/key');
    if (auth.ok) expect(auth.value.secrets).toEqual(expect.arrayContaining(['pw123', 'bob', 'key']));
  });

  it.each([
    ['', /no server URL/],
    ['not a url', /spaces/],
    ['rtmp//host/app/key', /not a valid address/],
    ['http://host/app/key', /must start with rtmp:\/\/, rtmps:\/\/ or srt:\/\/, not http:\/\//],
    ['srt://host', /needs a port/],
    ['srt://host:9000?mode=listener', /caller mode/],
    ['rtmp:///live/key', /no host name/],
    ['rtmp://host', /no application name/],
    ['rtmp://host/live', /no stream key/],
    ['rtmp://host/live/key\n', /./],
  ])('rejects %j with a clear message', (url, message) => {
    const r = checkTargetUrl(url);
    if (url.endsWith('\n')) {
      // A trailing newline is trimmed, not an error.
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toMatch(message);
      expect(r.error.field).toBe('server');
      expect([Status.InvalidRequestField, Status.FieldEmpty]).toContain(r.error.code);
    }
  });

  it('accepts SRT callers and treats the streamid and passphrase as secrets', () => {
    const r = checkTargetUrl('srt://127.0.0.1:9000?streamid=live%2Fkey-1&passphrase=pass-phrase-1');
    expect(r).toMatchObject({ ok: true, value: { protocol: 'srt', host: '127.0.0.1', port: 9000 } });
    if (r.ok) expect(r.value.secrets).toEqual(expect.arrayContaining(['live/key-1', 'live%2Fkey-1', 'pass-phrase-1']));
  });

  it('never repeats the URL (and so the key) in its message', () => {
    const r = checkTargetUrl('ftp://host/app/very-secret-key');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).not.toContain('very-secret-key');
  });
});
