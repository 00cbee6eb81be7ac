/**
 * Signed, expiring push URLs: a destination may carry a signing rule instead of relying on a fixed
 * key alone, and the studio makes a fresh URL at every connect and reconnect, so a leaked URL dies by
 * itself once the server's validity period has passed.
 *
 * - `auth_key`: the published "type A" rule of cloud live services. The stream name gets
 *   `auth_key={timestamp}-{rand}-0-{md5hash}`, where timestamp is now + offsetSeconds in Unix seconds,
 *   rand a fresh UUID without hyphens, uid 0, and md5hash = md5 of
 *   `/{app}/{stream}-{timestamp}-{rand}-0-{privateKey}`. The server adds its validity period to the
 *   timestamp.
 * - `hmac_sha256`: the same token shape, with the hash an HMAC-SHA256 (hex) of
 *   `/{app}/{stream}-{timestamp}-{rand}-0` keyed with the private key, for servers that verify with a
 *   keyed hash instead of a salted MD5.
 *
 * {app} and {stream} are the RTMP application path and stream name as the server sees them (the
 * stream name without any query string of its own).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { SigningScheme } from '../../shared';

export interface SigningRule {
  scheme: SigningScheme;
  privateKey: string;
  /** Added to the current time; servers add their own validity period to the stamped time. */
  offsetSeconds: number;
}

export interface SignedUrl {
  url: string;
  /** The token appended: secret while it is valid, so it is redacted from logs. */
  token: string;
}

export interface SigningClock {
  nowMs: () => number;
  /** 32 hex digits, fresh for each URL. */
  rand?: () => string;
}

/** The signed URL for one connect: `url` is the destination's whole RTMP(S) URL, key included. */
export function signPublishUrl(url: string, rule: SigningRule, clock: SigningClock): SignedUrl {
  const { path, query, head } = splitUrl(url);
  const timestamp = Math.floor(clock.nowMs() / 1000) + rule.offsetSeconds;
  const rand = clock.rand ? clock.rand() : randomUUID().replace(/-/g, '');
  const base = `${path}-${timestamp}-${rand}-0`;
  const hash =
    rule.scheme === 'auth_key'
      ? createHash('md5').update(`${base}-${rule.privateKey}`).digest('hex')
      : createHmac('sha256', rule.privateKey).update(base).digest('hex');
  const token = `${timestamp}-${rand}-0-${hash}`;
  const param = `auth_key=${token}`;
  return { url: `${head}${path}${query ? `${query}&${param}` : `?${param}`}`, token };
}

/** scheme://authority, the path (/app/stream), and the stream's own query string (with its '?'). */
function splitUrl(url: string): { head: string; path: string; query: string } {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)([^?#]*)(\?[^#]*)?/i.exec(url.trim());
  if (!m) return { head: '', path: url, query: '' };
  return { head: m[1]!, path: m[2]!, query: m[3] ?? '' };
}
