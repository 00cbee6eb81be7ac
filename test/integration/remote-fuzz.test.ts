/**
 * Fuzzing the obs-websocket transport: at least 10,000 random or malformed frames in each protocol
 * (random bytes, truncated MessagePack, wrong types in every field, huge numbers, deep nesting,
 * wrong ops, wrong frame types, oversized frames, __proto__ keys) over many connections, identified or
 * not. Garbage inside a valid envelope must be answered, every time, without closing; anything else
 * may close that one session. Two well-behaved obs-websocket-js sessions (msgpack and JSON) receive
 * a numbered event stream the whole time and must see every event in order; their requests keep
 * being answered; at the end the server still accepts and answers new clients. FUZZ_SEED replays a
 * run; FUZZ_REPORT=1 prints frames, connections, answers and close codes per protocol.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encode } from '@msgpack/msgpack';
import OBSWebSocketMsgpack from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import { RawClient, authString, createFixture, type Fixture } from '../harness/remote-fixture';
import type { RemoteServer } from '../../src/engine/remote/server';

const FRAMES_PER_PROTOCOL = 10_000;
const WORKERS_PER_PROTOCOL = 6;
const PASSWORD = 'fuzz password';
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

let fx: Fixture;
let server: RemoteServer;

beforeAll(async () => {
  // Sleeps are capped at 20 ms so random Sleep requests cannot stretch the run.
  fx = await createFixture({ maxSleepMs: 20 });
  server = await fx.start({ password: PASSWORD });
});

afterAll(async () => {
  await fx.dispose();
});

/** mulberry32: small, seedable, good enough to pick fuzz cases. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const KEYS = ['op', 'd', 'requestType', 'requestId', 'requestData', 'requests', 'executionType', 'haltOnFailure', 'variables',
  'eventSubscriptions', 'rpcVersion', 'inputVariables', 'outputVariables', '__proto__', 'constructor', 'toString', '', 'a'];
const TYPES = ['GetVersion', 'Echo', 'Fail', 'Throw', 'Garbage', 'Slow', 'Sleep', 'GetStats', 'BroadcastCustomEvent', 'Nope', '', 'constructor', '__proto__', 'hasOwnProperty'];
const HUGE = [2 ** 53 + 2, -(2 ** 63), 2 ** 64, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, -0, 4294967296, -1, 2 ** 31];

/** A random object key; __proto__ only where the frame is meant to be refused (4002, in both encodings). */
const key = (r: Rng, proto: boolean): string => {
  const k = r.pick(KEYS);
  return !proto && k === '__proto__' ? 'proto' : k;
};

function randomString(r: Rng): string {
  const n = r.pick([0, 1, 3, 8, 30, 200]);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += r.pick([
      () => String.fromCharCode(32 + r.int(95)),
      () => String.fromCharCode(r.int(0x10000)), // lone surrogates included
      () => '😀',
      () => '\u0000',
      () => r.pick(KEYS),
    ])();
  }
  return s;
}

function randomValue(r: Rng, depth = 0, binary = false, wild = false): unknown {
  const leaves = [
    () => null,
    () => undefined,
    () => r.next() < 0.5,
    () => r.int(100) - 50,
    () => r.pick(HUGE),
    () => (r.next() - 0.5) * 10 ** r.int(300),
    () => r.pick([NaN, Infinity, -Infinity]),
    () => randomString(r),
    () => 'x'.repeat(r.pick([1000, 4000])),
    ...(binary ? [() => new Uint8Array(r.int(40)).map(() => r.int(256)), () => new Date(r.int(2 ** 40))] : []),
  ];
  if (depth >= 4 || r.next() < 0.5) return r.pick(leaves)();
  if (r.next() < 0.5) return Array.from({ length: r.int(6) }, () => randomValue(r, depth + 1, binary, wild));
  const out: Record<string, unknown> = {};
  for (let i = r.int(6); i > 0; i--) Object.defineProperty(out, key(r, wild), { value: randomValue(r, depth + 1, binary, wild), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Something or nothing of the right kind, or anything at all. */
const maybe = (r: Rng, good: () => unknown, binary: boolean): unknown => (r.next() < 0.6 ? good() : randomValue(r, 2, binary));

function requestData(r: Rng, binary: boolean): Record<string, unknown> {
  return {
    requestType: maybe(r, () => r.pick(TYPES), binary),
    requestId: maybe(r, () => r.pick(['1', 'x', randomString(r), r.int(1000)]), binary),
    requestData: maybe(r, () => ({ sleepMillis: r.int(30), sleepFrames: r.int(3), ms: r.int(20), eventData: randomValue(r, 2, binary), text: randomString(r) }), binary),
    ...(r.next() < 0.2 ? { inputVariables: randomValue(r, 3, binary), outputVariables: randomValue(r, 3, binary) } : {}),
  };
}

/** One structured message: right shape, wrong details. */
function message(r: Rng, binary: boolean): unknown {
  return r.pick([
    () => ({ op: randomValue(r, 3, binary), d: randomValue(r, 1, binary) }),
    () => ({ op: r.pick([4, 10, 99, -1, 0, 2, 5, 7, 9, 2 ** 64, 1.5, '6', null]), d: {} }),
    () => ({ op: 1, d: { rpcVersion: maybe(r, () => 1, binary), eventSubscriptions: maybe(r, () => r.int(2 ** 20), binary) } }),
    () => ({ op: 3, d: { eventSubscriptions: maybe(r, () => r.pick([r.int(2 ** 20), 2 ** 53 - 1, 0]), binary) } }),
    () => ({ op: 6, d: requestData(r, binary) }),
    () => ({ op: 6, d: requestData(r, binary) }),
    () => ({
      op: 8,
      d: {
        requestId: maybe(r, () => 'b', binary),
        executionType: r.pick([undefined, null, 0, 1, 2, -1, 3, 2 ** 32, '0', randomValue(r, 3, binary)]),
        haltOnFailure: r.pick([undefined, true, false, 'yes', randomValue(r, 3, binary)]),
        variables: r.pick([undefined, null, {}, { v: 1 }, randomValue(r, 3, binary)]),
        requests: maybe(r, () => Array.from({ length: r.int(8) }, () => (r.next() < 0.8 ? requestData(r, binary) : randomValue(r, 2, binary))), binary),
      },
    }),
    () => randomValue(r, 0, binary),
    () => ({ 'request-type': 'GetVersion', 'message-id': '1' }),
  ])();
}

/** A value nested `depth` levels inside a request, so it gets past the envelope checks. */
function deep(depth: number, binary: boolean): string | Uint8Array {
  if (!binary) {
    return `{"op":6,"d":{"requestType":"Echo","requestId":"deep","requestData":{"v":${'['.repeat(depth)}1${']'.repeat(depth)}}}}`;
  }
  const head = encode({ op: 6, d: { requestType: 'Echo', requestId: 'deep', requestData: { v: null } } });
  // Replace the trailing nil with `depth` one-element arrays around a nil.
  return Buffer.concat([Buffer.from(head.subarray(0, head.length - 1)), Buffer.alloc(depth, 0x91), Buffer.from([0xc0])]);
}

/** Never a string authentication before Identify: wrong guesses would lock the fuzzers' own address out. */
function safe(value: unknown, identified: boolean): unknown {
  if (identified || typeof value !== 'object' || value === null) return value;
  const d = (value as { d?: unknown }).d;
  if (typeof d === 'object' && d !== null && typeof (d as { authentication?: unknown }).authentication === 'string') {
    (d as { authentication?: unknown }).authentication = 12;
  }
  return value;
}

type Frame = { data: string | Uint8Array | Buffer; binary: boolean };

function frame(r: Rng, binary: boolean, identified: boolean): Frame {
  const encodeAs = (value: unknown): Frame => {
    const v = safe(value, identified);
    if (binary) return { data: encode(v), binary: true };
    let text: string | undefined;
    try {
      text = JSON.stringify(v);
    } catch {
      text = undefined;
    }
    return { data: text ?? 'undefined', binary: false };
  };
  const kind = r.int(100);
  if (kind < 55) return encodeAs(message(r, binary));
  if (kind < 62) return { data: Buffer.from(Array.from({ length: r.int(200) }, () => r.int(256))), binary };
  if (kind < 70) {
    const whole = encodeAs(message(r, binary));
    const bytes = Buffer.from(whole.data);
    return { data: bytes.subarray(0, r.int(Math.max(1, bytes.length))), binary };
  }
  if (kind < 74) return { data: deep(r.pick([10, 40, 63, 64, 65, 200, 5000, 50_000]), binary), binary };
  if (kind < 78) return { data: encodeAs(message(r, binary)).data, binary: !binary };
  if (kind < 82) return { data: randomString(r), binary: false };
  if (kind < 86 && binary) {
    return {
      data: Buffer.from(r.pick([
        [0xdd, 0xff, 0xff, 0xff, 0xff], // array32 claiming 4G items
        [0xdf, 0x7f, 0xff, 0xff, 0xff, 0xa1, 0x61], // map32, truncated
        [0xdb, 0xff, 0xff, 0xff, 0xf0, 0x61], // str32 claiming 4 GB
        [0xc1], // never used
        [0xd6, 0xff, 0x00, 0x00], // truncated timestamp
        [0xd4, 0x7f, 0x01], // unknown extension
        [0x81, 0xa9, 0x5f, 0x5f, 0x70, 0x72, 0x6f, 0x74, 0x6f, 0x5f, 0x5f, 0x80], // {__proto__: {}}
        [0x82, 0xa2, 0x6f, 0x70, 0x06, 0xa1, 0x64, 0xc0], // {op: 6, d: nil}
        [0x82, 0xa2, 0x6f, 0x70, 0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xa1, 0x64, 0x80], // op = 2^64-1
      ])),
      binary: true,
    };
  }
  if (kind < 86) {
    return r.next() < 0.5
      ? { data: Buffer.from([0xff, 0xfe, 0xc3, 0x28]), binary: false } // invalid UTF-8 text
      : { data: '{"op":6,"d":{"requestId":"p","requestType":"Echo","requestData":{"a":[{"__proto__":{"polluted":1}}]}}}', binary: false };
  }
  if (kind < 87 && r.next() < 0.1) return { data: Buffer.alloc((1 << 20) + 10, 0x20), binary }; // over maxPayload
  return encodeAs(message(r, binary));
}

interface Tally {
  frames: number;
  connections: number;
  answered: number;
  closeCodes: Map<number, number>;
}

let nextId = 0;

const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A random object (never an array), for fields that must be objects to keep the session open. */
function randomObject(r: Rng, binary: boolean): Record<string, unknown> {
  const v = randomValue(r, 1, binary);
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date)
    ? (v as Record<string, unknown>)
    : { v };
}

/**
 * A frame with a valid envelope and garbage everywhere the spec allows it, so the server must
 * answer rather than close: `expect` is the requestId of the answer, or 'identified' for Reidentify.
 */
function answerable(r: Rng, binary: boolean): { message: unknown; expect: string | number } {
  // Well-formed text: a lone surrogate has no UTF-8 form, so MessagePack would carry it back as U+FFFD.
  const id = r.pick([() => `q${nextId++}`, () => `${wellFormed(randomString(r))}#${nextId++}`, () => nextId++ + 0.5])();
  const junk = r.next() < 0.3 ? Object.defineProperty({}, key(r, false), { value: randomValue(r, 2, binary), enumerable: true }) : {};
  const kind = r.int(10);
  if (kind < 6) {
    return {
      expect: id,
      message: { op: 6, d: { ...junk, ...requestData(r, binary), requestId: id, requestType: r.pick([...TYPES, randomString(r), null, undefined]) } },
    };
  }
  if (kind < 9) {
    const executionType = r.pick([undefined, null, 0, 1, 2]);
    return {
      expect: id,
      message: {
        op: 8,
        d: {
          ...junk,
          requestId: id,
          executionType,
          haltOnFailure: r.pick([undefined, null, true, false]),
          variables: executionType === 2 ? r.pick([undefined, null]) : r.pick([undefined, null, {}, randomObject(r, binary)]),
          requests: Array.from({ length: r.int(10) }, () => (r.next() < 0.8 ? requestData(r, binary) : randomValue(r, 2, binary))),
        },
      },
    };
  }
  return { expect: 'identified', message: { op: 3, d: { ...junk, eventSubscriptions: r.pick([undefined, null, r.int(2 ** 20), 0]) } } };
}

async function fuzzWorker(r: Rng, protocol: 'obswebsocket.json' | 'obswebsocket.msgpack', quota: { left: number }, tally: Tally): Promise<void> {
  const binary = protocol === 'obswebsocket.msgpack';
  const send = (client: RawClient, f: Frame): void => {
    client.ws.send(f.data, { binary: f.binary });
    quota.left -= 1;
    tally.frames += 1;
  };
  while (quota.left > 0) {
    const client = await RawClient.open(server.url, { protocol });
    tally.connections += 1;
    const hello = await client.next();
    if (!hello) throw new Error('no Hello from the server');
    const identified = r.next() < 0.85;
    if (identified) {
      const { salt, challenge } = hello.d['authentication'] as { salt: string; challenge: string };
      client.send({ op: 1, d: { rpcVersion: 1, authentication: authString(PASSWORD, salt, challenge), eventSubscriptions: r.int(2 ** 20) } });
      const identifiedReply = await client.until((m) => m.op === 2);
      expect(identifiedReply.d['negotiatedRpcVersion']).toBe(1);

      // Garbage the server must answer: every single one gets its answer, the session stays open.
      const pending = new Map<string | number, number>();
      for (let i = 5 + r.int(30); i > 0 && quota.left > 0; i--) {
        const { message: m, expect: id } = answerable(r, binary);
        pending.set(id, (pending.get(id) ?? 0) + 1);
        send(client, binary ? { data: encode(m), binary: true } : { data: JSON.stringify(m), binary: false });
      }
      while (pending.size > 0) {
        const m = await client.next();
        if (!m) throw new Error(`the server closed instead of answering: ${JSON.stringify(await client.closed)}`);
        if (m.op === -1) throw new Error(`the server sent a frame no client can decode: ${String(m.d['error'])}`);
        const answer = m.op === 2 ? 'identified' : m.op === 7 || m.op === 9 ? (m.d['requestId'] as string | number) : undefined;
        if (answer === undefined || !pending.has(answer)) continue;
        if (m.op === 7) expect(m.d['requestStatus']).toMatchObject({ result: expect.any(Boolean), code: expect.any(Number) });
        if (m.op === 9) expect(Array.isArray(m.d['results'])).toBe(true);
        const left = pending.get(answer)! - 1;
        if (left === 0) pending.delete(answer);
        else pending.set(answer, left);
        tally.answered += 1;
      }
    }
    // Then anything at all: most of it closes the session with some 4xxx code.
    for (let i = 1 + r.int(3); i > 0 && quota.left > 0 && client.ws.readyState === WebSocket.OPEN; i--) send(client, frame(r, binary, identified));
    // Either the session was closed by that, or it still answers.
    if (client.ws.readyState === WebSocket.OPEN) client.send({ op: 6, d: { requestType: 'Echo', requestId: 'probe' } });
    const outcome = await Promise.race([
      client.until((m) => m.op === 7 && m.d['requestId'] === 'probe').then(() => 'answered', () => 'closed'),
      client.closed.then(() => 'closed'),
    ]);
    if (outcome === 'closed') {
      const { code } = await client.closed;
      tally.closeCodes.set(code, (tally.closeCodes.get(code) ?? 0) + 1);
    } else {
      client.ws.terminate();
      await client.closed;
    }
  }
}

it(`survives ${FRAMES_PER_PROTOCOL} hostile frames per protocol while well-behaved sessions keep getting every event (seed ${SEED})`, async () => {
  const good = [new OBSWebSocketMsgpack(), new OBSWebSocketJson()];
  const received: number[][] = [[], []];
  let answered = 0;
  let emitted = 0;
  let ticker: NodeJS.Timeout | undefined;
  let caller: NodeJS.Timeout | undefined;
  try {
    for (const [i, client] of good.entries()) {
      await client.connect(server.url, PASSWORD, { eventSubscriptions: 1 });
      // Its own event type: fuzzed BroadcastCustomEvent requests send CustomEvents too.
      client.on('FuzzTick' as never, ((data: { n: number }) => received[i]!.push(data.n)) as never);
    }
    // A numbered event every 5 ms, plus high-volume noise for whichever fuzzers subscribed to it.
    ticker = setInterval(() => {
      emitted += 1;
      fx.events.emit({ eventType: 'FuzzTick', eventIntent: 1, eventData: { n: emitted } });
      fx.events.emit({ eventType: 'InputVolumeMeters', eventIntent: 1 << 16, eventData: { inputs: [] } });
      fx.events.emit({ eventType: 'SceneItemTransformChanged', eventIntent: 1 << 19, eventData: { sceneItemId: emitted } });
    }, 5);
    caller = setInterval(() => {
      for (const client of good) void client.call('Echo' as never, { alive: true } as never).then(() => (answered += 1));
    }, 50);

    const tallies: Record<string, Tally> = {};
    const rng = prng(SEED);
    await Promise.all(
      (['obswebsocket.json', 'obswebsocket.msgpack'] as const).map((protocol) => {
        const quota = { left: FRAMES_PER_PROTOCOL };
        const tally: Tally = { frames: 0, connections: 0, answered: 0, closeCodes: new Map() };
        tallies[protocol] = tally;
        return Promise.all(
          Array.from({ length: WORKERS_PER_PROTOCOL }, () => fuzzWorker(prng(rng.int(2 ** 31)), protocol, quota, tally)),
        );
      }),
    );
    const emittedDuringFuzz = emitted;
    if (process.env["FUZZ_REPORT"]) console.log(JSON.stringify(Object.entries(tallies).map(([p, t]) => [p, t.frames, t.connections, t.answered, [...t.closeCodes].sort()])), emitted);
    clearInterval(ticker);
    clearInterval(caller);

    for (const [protocol, tally] of Object.entries(tallies)) {
      expect(tally.frames, protocol).toBeGreaterThanOrEqual(FRAMES_PER_PROTOCOL);
      // The fuzz reached the protocol's checks, not just the socket layer.
      for (const code of [4002, 4003, 4004, 4006]) expect(tally.closeCodes.get(code) ?? 0, `${protocol} ${code}`).toBeGreaterThan(0);
      expect(tally.answered, protocol).toBeGreaterThan(FRAMES_PER_PROTOCOL / 2);
      expect(tally.closeCodes.get(1011) ?? 0, `${protocol}: internal errors`).toBe(0);
    }

    // Every event, in order, to both well-behaved sessions, and their requests were answered throughout.
    await Promise.all(good.map((client) => client.call('GetVersion')));
    expect(emittedDuringFuzz).toBeGreaterThan(0);
    for (const list of received) expect(list).toEqual(Array.from({ length: emitted }, (_, i) => i + 1));
    expect(answered).toBeGreaterThan(0);

    // Still serving: new clients in both builds connect and are answered.
    for (const Client of [OBSWebSocketMsgpack, OBSWebSocketJson]) {
      const late = new Client();
      await late.connect(server.url, PASSWORD);
      expect((await late.call('GetVersion')).availableRequests).toContain('Echo');
      await late.disconnect();
    }
    // Only the two well-behaved sessions are left.
    const deadline = Date.now() + 5000;
    while (server.sessionCount() !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(server.sessionCount()).toBe(2);
    expect(fx.logger.lines.filter((l) => l.message === 'an obs-websocket message could not be handled')).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  } finally {
    clearInterval(ticker);
    clearInterval(caller);
    await Promise.all(good.map((client) => client.disconnect()));
  }
}, 240_000);
