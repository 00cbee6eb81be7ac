import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPublishUrl } from './signing';

const at = (unixSeconds: number) => ({ nowMs: () => unixSeconds * 1000 + 999, rand: () => '0' });

describe('signPublishUrl', () => {
  it('matches the published type-A example (URI, key, timestamp 1444435200, rand 0)', () => {
    // The rule's own worked example: /video/standard/1K.html, private key aliyuncdnexp1234.
    const signed = signPublishUrl('http://cdn.example.com/video/standard/1K.html', { scheme: 'auth_key', privateKey: 'aliyuncdnexp1234', offsetSeconds: 0 }, at(1444435200));
    expect(signed.url).toBe('http://cdn.example.com/video/standard/1K.html?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f');
    expect(signed.token).toBe('1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f');
  });

  it('hashes /app/stream without the stream’s own query, and appends to that query', () => {
    const rule = { scheme: 'auth_key' as const, privateKey: 'k3y', offsetSeconds: 600 };
    const signed = signPublishUrl('rtmp://push.example.com:1935/live/show?vhost=a', rule, { nowMs: () => 1_800_000_000_000, rand: () => 'ab12' });
    const hash = createHash('md5').update('/live/show-1800000600-ab12-0-k3y').digest('hex');
    expect(signed.url).toBe(`rtmp://push.example.com:1935/live/show?vhost=a&auth_key=1800000600-ab12-0-${hash}`);
  });

  it('signs with HMAC-SHA256 in the hmac_sha256 scheme', () => {
    const signed = signPublishUrl('rtmps://push.example.com/app/key', { scheme: 'hmac_sha256', privateKey: 'k', offsetSeconds: -5 }, at(2_000_000_000));
    const hash = createHmac('sha256', 'k').update('/app/key-1999999995-0-0').digest('hex');
    expect(signed.token).toBe(`1999999995-0-0-${hash}`);
  });

  it('makes a fresh rand for every URL by default', () => {
    const rule = { scheme: 'auth_key' as const, privateKey: 'k', offsetSeconds: 0 };
    const a = signPublishUrl('rtmp://h/app/s', rule, { nowMs: () => 0 });
    const b = signPublishUrl('rtmp://h/app/s', rule, { nowMs: () => 0 });
    expect(a.token).toMatch(/^0-[0-9a-f]{32}-0-[0-9a-f]{32}$/);
    expect(a.token).not.toBe(b.token);
  });
});
