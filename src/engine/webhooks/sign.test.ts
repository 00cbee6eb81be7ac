import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliveryHeaders, makeDelivery } from './payload';
import { sign, verify } from './sign';

const SECRET = 'a-signing-secret-of-some-length';
const NOW = 1_750_000_000_000;
const TS = String(NOW / 1000);

describe('sign / verify', () => {
  it('is HMAC-SHA256 over "timestamp.body", hex, prefixed sha256=', () => {
    const body = '{"a":1}';
    const hex = createHmac('sha256', SECRET).update(`${TS}.${body}`).digest('hex');
    expect(sign(SECRET, TS, body)).toBe(`sha256=${hex}`);
    expect(verify({ secret: SECRET, body, timestamp: TS, signature: `sha256=${hex}`, nowMs: NOW })).toBe(true);
  });

  it('refuses a tampered body, a wrong secret, a moved timestamp and malformed headers', () => {
    const body = '{"event":"stream.started"}';
    const signature = sign(SECRET, TS, body);
    const ok = { secret: SECRET, body, timestamp: TS, signature, nowMs: NOW };
    expect(verify(ok)).toBe(true);
    expect(verify({ ...ok, body: '{"event":"stream.stopped"}' })).toBe(false);
    expect(verify({ ...ok, body: `${body} ` })).toBe(false);
    expect(verify({ ...ok, secret: `${SECRET}x` })).toBe(false);
    // The timestamp is signed: re-dating a captured delivery breaks it.
    expect(verify({ ...ok, timestamp: String(Number(TS) + 1), nowMs: NOW })).toBe(false);
    for (const bad of [undefined, '', 'sha256=', signature.slice(0, -1), signature.toUpperCase(), signature.replace('sha256=', 'sha1='), `${signature}00`]) {
      expect(verify({ ...ok, signature: bad }), String(bad)).toBe(false);
    }
    for (const bad of [undefined, '', 'abc', '-1', '1.5', `${TS}x`]) expect(verify({ ...ok, timestamp: bad }), String(bad)).toBe(false);
  });

  it('refuses deliveries older (or newer) than the tolerance, unless the check is off', () => {
    const body = '{}';
    const signature = sign(SECRET, TS, body);
    const at = (ms: number, toleranceSec?: number) => verify({ secret: SECRET, body, timestamp: TS, signature, nowMs: NOW + ms, ...(toleranceSec !== undefined && { toleranceSec }) });
    expect(at(299_000)).toBe(true);
    expect(at(301_000)).toBe(false);
    expect(at(-301_000)).toBe(false);
    expect(at(59_000, 60)).toBe(true);
    expect(at(61_000, 60)).toBe(false);
    expect(at(86_400_000, Infinity)).toBe(true);
  });
});

describe('a delivery', () => {
  it('has the documented body, keeps its bytes and id across attempts, and is signed afresh per attempt', () => {
    const d = makeDelivery({ event: 'destination.live', data: { id: 'd1', name: 'YouTube', attempt: 0, retryInMs: null, error: null } }, NOW, 'delivery-1');
    expect(JSON.parse(d.body)).toEqual({
      id: 'delivery-1',
      event: 'destination.live',
      timestamp: new Date(NOW).toISOString(),
      studio: 'broadcast-studio',
      data: { id: 'd1', name: 'YouTube', attempt: 0, retryInMs: null, error: null },
    });
    const first = deliveryHeaders(d, SECRET, 1, NOW);
    const retry = deliveryHeaders(d, SECRET, 2, NOW + 4000);
    expect(first).toMatchObject({ 'content-type': 'application/json', 'x-studio-event': 'destination.live', 'x-studio-delivery': 'delivery-1', 'x-studio-attempt': '1', 'x-studio-timestamp': TS });
    expect(retry['x-studio-delivery']).toBe('delivery-1');
    expect(retry['x-studio-timestamp']).toBe(String(NOW / 1000 + 4));
    for (const [h, nowMs] of [[first, NOW], [retry, NOW + 4000]] as const) {
      expect(verify({ secret: SECRET, body: d.body, timestamp: h['x-studio-timestamp'], signature: h['x-studio-signature'], nowMs })).toBe(true);
    }
  });
});
