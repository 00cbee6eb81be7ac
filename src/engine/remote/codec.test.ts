import { describe, expect, it } from 'vitest';
import { encode } from '@msgpack/msgpack';
import { clipReason, createCodec, inspect, negotiate, offeredProtocols } from './codec';

const codec = createCodec(1 << 20);

describe('negotiate', () => {
  it('picks the first known subprotocol, JSON when none is offered, and refuses only-unknown offers', () => {
    expect(negotiate([])).toEqual({ encoding: 'json', echo: null });
    expect(negotiate(['obswebsocket.msgpack'])).toEqual({ encoding: 'msgpack', echo: 'obswebsocket.msgpack' });
    expect(negotiate(['x', 'obswebsocket.json', 'obswebsocket.msgpack'])).toEqual({ encoding: 'json', echo: 'obswebsocket.json' });
    expect(negotiate(['obswebsocket.xml'])).toBeNull();
    expect(offeredProtocols(' a , b,,c ')).toEqual(['a', 'b', 'c']);
    expect(offeredProtocols(undefined)).toEqual([]);
  });
});

describe('decode', () => {
  it('refuses the wrong frame type for the encoding with 4002', () => {
    expect(codec.decode('json', Buffer.from('{}'), true)).toMatchObject({ ok: false, close: { code: 4002 } });
    expect(codec.decode('msgpack', Buffer.from(encode({})), false)).toMatchObject({ ok: false, close: { code: 4002 } });
  });

  it('decodes both encodings and refuses garbage, truncation and hostile msgpack with 4002', () => {
    expect(codec.decode('json', Buffer.from('{"op":1}'), false)).toEqual({ ok: true, value: { op: 1 } });
    expect(codec.decode('msgpack', Buffer.from(encode({ op: 1 })), true)).toEqual({ ok: true, value: { op: 1 } });
    const full = Buffer.from(encode({ op: 6, d: { requestType: 'GetVersion', requestId: 'x' } }));
    for (const bytes of [full.subarray(0, full.length - 3), Buffer.from([0xc1]), Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff])]) {
      expect(codec.decode('msgpack', bytes, true)).toMatchObject({ ok: false, close: { code: 4002 } });
    }
    // A map with a __proto__ key.
    const proto = Buffer.concat([Buffer.from([0x81, 0xa9]), Buffer.from('__proto__'), Buffer.from([0x80])]);
    expect(codec.decode('msgpack', proto, true)).toMatchObject({ ok: false, close: { code: 4002 } });
    expect(codec.decode('json', Buffer.from('{"op":'), false)).toMatchObject({ ok: false, close: { code: 4002 } });
    // JSON refuses __proto__ keys too, at any depth, so both encodings accept the same messages.
    const polluting = '{"op":6,"d":{"requestData":{"a":[{"__proto__":{"polluted":true}}]}}}';
    expect(codec.decode('json', Buffer.from(polluting), false)).toMatchObject({ ok: false, close: { code: 4002 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses nesting deeper than 64 in either encoding', () => {
    const deepJson = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(codec.decode('json', Buffer.from(deepJson), false)).toMatchObject({ ok: false, close: { code: 4002 } });
    const deepPack = Buffer.concat([Buffer.alloc(100_000, 0x91), Buffer.from([0xc0])]);
    expect(codec.decode('msgpack', deepPack, true)).toMatchObject({ ok: false, close: { code: 4002 } });
    expect(inspect({ a: [{ b: 1 }] }, 3)).toBeNull();
    expect(inspect({ a: [{ b: {} }] }, 3)).toMatch(/deeper than 3/);
  });
});

describe('encode', () => {
  it('leaves undefined out in both encodings and throws on what has no form', () => {
    expect(codec.encode('json', { a: 1, b: undefined })).toBe('{"a":1}');
    expect(Buffer.from(codec.encode('msgpack', { a: 1, b: undefined }))).toEqual(Buffer.from(encode({ a: 1 })));
    expect(() => codec.encode('json', { n: 1n })).toThrow();
  });
});

describe('clipReason', () => {
  it('keeps close reasons within 123 bytes of UTF-8', () => {
    expect(clipReason('short')).toBe('short');
    for (const long of ['x'.repeat(500), 'é'.repeat(200), '😀'.repeat(100)]) {
      expect(Buffer.byteLength(clipReason(long))).toBeLessThanOrEqual(123);
    }
  });
});
