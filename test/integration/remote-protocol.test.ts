/**
 * The obs-websocket v5 transport against real clients: obs-websocket-js in both builds (msgpack, the
 * Node default, and JSON) and a raw `ws` client for what no library would send. The studio is a real
 * one; the requests and events are a small test registry and source (test/harness/remote-fixture.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OBSWebSocketMsgpack, { EventSubscription as Subs } from 'obs-websocket-js';
import OBSWebSocketJson from 'obs-websocket-js/json';
import { encode } from '@msgpack/msgpack';
import { FakeClock } from '../../src/engine/testing/fake-clock';
import { startRemoteServer } from '../../src/engine/remote/server';
import { ensureSelfSignedCert } from '../../src/engine/remote/tls';
import { RawClient, authString, createFixture, type Fixture, type Message } from '../harness/remote-fixture';

const PASSWORD = 'correct horse';
// Written out, not imported: Companion string-matches these exact texts.
const AUTH_FAILED_REASON = 'Authentication failed.';
const AUTH_MISSING_REASON = "Your payload's data is missing an `authentication` string, however authentication is required.";
let fx: Fixture;
let url: string;

beforeAll(async () => {
  fx = await createFixture();
  url = (await fx.start()).url;
});

afterAll(async () => {
  await fx.dispose();
});

const builds = [
  { name: 'msgpack', Client: OBSWebSocketMsgpack },
  { name: 'json', Client: OBSWebSocketJson },
] as const;

type AnyClient = InstanceType<typeof OBSWebSocketMsgpack> | InstanceType<typeof OBSWebSocketJson>;
const clients: AnyClient[] = [];
function track<T extends AnyClient>(client: T): T {
  clients.push(client);
  return client;
}
afterAll(async () => {
  await Promise.all(clients.map((c) => c.disconnect()));
});

async function closeOf(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected the connection to be refused');
}

describe.each(builds)('obs-websocket-js $name build', ({ Client }) => {
  it('connects with the password, gets Hello/Identified and answers requests', async () => {
    const obs = track(new Client());
    const hello = await obs.connect(url, PASSWORD);
    expect(hello).toMatchObject({ obsWebSocketVersion: '5.5.0', rpcVersion: 1, negotiatedRpcVersion: 1 });
    expect((hello as { obsStudioVersion?: string }).obsStudioVersion).toMatch(/^\d+\.\d+\.\d+$/);
    const version = await obs.call('GetVersion');
    expect(version.availableRequests).toContain('Echo');
    // requestData left out: the msgpack build sends it as nil, which must read as absent.
    expect(await obs.call('GetVersion' as never)).toBeTruthy();
    const echoed = await obs.call('Echo' as never, { text: 'hi', n: 3, nested: { list: [1, 2] } } as never);
    expect(echoed).toEqual({ text: 'hi', n: 3, nested: { list: [1, 2] } });
    await obs.disconnect();
  });

  it('a wrong password closes with 4009 "Authentication failed."', async () => {
    const obs = track(new Client());
    const closed = await closeOf(obs.connect(url, 'wrong password'));
    expect(closed).toEqual({ code: 4009, message: AUTH_FAILED_REASON });
  });

  it('no password when one is required closes with 4009 and the exact missing-authentication reason', async () => {
    const obs = track(new Client());
    const closed = await closeOf(obs.connect(url));
    expect(closed).toEqual({ code: 4009, message: AUTH_MISSING_REASON });
  });

  it('rpcVersion 2 closes with 4010', async () => {
    const obs = track(new Client());
    const closed = await closeOf(obs.connect(url, PASSWORD, { rpcVersion: 2 }));
    expect(closed.code).toBe(4010);
  });

  it('unknown requests are answered 204, failures carry their code, a throwing handler is 205 with a comment', async () => {
    const obs = track(new Client());
    await obs.connect(url, PASSWORD);
    await expect(obs.call('NoSuchRequest' as never)).rejects.toMatchObject({ code: 204 });
    await expect(obs.call('Fail' as never)).rejects.toMatchObject({ code: 600, message: 'No source was found by that name.' });
    await expect(obs.call('Throw' as never)).rejects.toMatchObject({ code: 205, message: expect.stringContaining('the handler exploded') });
    await expect(obs.call('Garbage' as never)).rejects.toMatchObject({ code: 205 });
    // The session survives all of that.
    expect(await obs.call('Echo' as never, { still: 'here' } as never)).toEqual({ still: 'here' });
    await obs.disconnect();
  });

  it('batches: serial with haltOnFailure, parallel, SerialFrame with Sleep; every result echoes requestId and requestType', async () => {
    const obs = track(new Client());
    await obs.connect(url, PASSWORD);
    const serial = [
      { requestType: 'Echo', requestId: 'a', requestData: { i: 1 } },
      { requestType: 'Fail', requestId: 'b' },
      { requestType: 'Echo', requestId: 'c', requestData: { i: 3 } },
    ] as never;
    const halted = await obs.callBatch(serial, { haltOnFailure: true });
    expect(halted.map((r) => [r.requestId, r.requestType, r.requestStatus.code])).toEqual([
      ['a', 'Echo', 100],
      ['b', 'Fail', 600],
    ]);
    const all = await obs.callBatch(serial);
    expect(all.map((r) => [r.requestId, r.requestStatus.code])).toEqual([['a', 100], ['b', 600], ['c', 100]]);
    expect(all[2]!.responseData).toEqual({ i: 3 });

    // Two Rendezvous requests succeed only when both run at the same time.
    const meet = (id: string, key: string) => ({ requestType: 'Rendezvous', requestId: id, requestData: { key, count: 2, timeoutMs: 300 } });
    const together = `par-${Math.random()}`;
    const parallel = await obs.callBatch([meet('p1', together), meet('p2', together)] as never, { executionType: 2 });
    expect(parallel.map((r) => [r.requestId, r.requestStatus.code])).toEqual([['p1', 100], ['p2', 100]]);
    const key = `ser-${Math.random()}`;
    const serialMeet = await obs.callBatch([meet('s1', key), meet('s2', key)] as never, { executionType: 0 });
    // Serially the first waits alone and gives up; the second then finds the meeting already counted.
    expect(serialMeet[0]!.requestStatus.code).toBe(702);

    const fps = fx.studio.document().video;
    const frameMs = (1000 * fps.fpsDenominator) / fps.fpsNumerator;
    const started = performance.now();
    const framed = await obs.callBatch(
      [
        { requestType: 'Echo', requestId: 'f1', requestData: { step: 1 } },
        { requestType: 'Sleep', requestId: 'f2', requestData: { sleepFrames: 3 } },
        { requestType: 'Echo', requestId: 'f3', requestData: { step: 2 } },
      ] as never,
      { executionType: 1 },
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * frameMs - 2);
    expect(framed.map((r) => [r.requestId, r.requestType, r.requestStatus.code])).toEqual([
      ['f1', 'Echo', 100],
      ['f2', 'Sleep', 100],
      ['f3', 'Echo', 100],
    ]);
    expect(framed[1]!.responseData).toEqual({ waitedMs: 3 * frameMs });
    const realtime = await obs.callBatch([{ requestType: 'Sleep', requestId: 'r1', requestData: { sleepMillis: 5 } }] as never);
    expect(realtime[0]!.requestStatus.code).toBe(100);
    // Sleep outside a batch, or in a parallel one, is 206.
    await expect(obs.call('Sleep', { sleepMillis: 1 })).rejects.toMatchObject({ code: 206 });
    const inParallel = await obs.callBatch([{ requestType: 'Sleep', requestData: { sleepMillis: 1 } }] as never, { executionType: 2 });
    expect(inParallel[0]!.requestStatus.code).toBe(206);
    expect(inParallel[0]!.requestId).toBeUndefined();
    await obs.disconnect();
  });

  it('events reach only sessions subscribed to their intent; Reidentify changes that; high-volume bits are opt-in', async () => {
    const scenesOnly = track(new Client());
    const everything = track(new Client());
    const defaults = track(new Client());
    await scenesOnly.connect(url, PASSWORD, { eventSubscriptions: Subs.Scenes });
    await everything.connect(url, PASSWORD, { eventSubscriptions: Subs.All | Subs.InputVolumeMeters });
    await defaults.connect(url, PASSWORD);
    const seen = { scenesOnly: [] as string[], everything: [] as string[], defaults: [] as string[] };
    for (const [name, client] of [['scenesOnly', scenesOnly], ['everything', everything], ['defaults', defaults]] as const) {
      for (const type of ['CurrentProgramSceneChanged', 'StudioModeStateChanged', 'InputVolumeMeters']) {
        client.on(type as never, ((data: { n: number }) => seen[name].push(`${type}:${data.n}`)) as never);
      }
    }
    const emitAll = (n: number) => {
      fx.events.emit({ eventType: 'CurrentProgramSceneChanged', eventIntent: Subs.Scenes, eventData: { n } });
      fx.events.emit({ eventType: 'StudioModeStateChanged', eventIntent: Subs.General, eventData: { n } });
      fx.events.emit({ eventType: 'InputVolumeMeters', eventIntent: Subs.InputVolumeMeters, eventData: { n } });
    };
    emitAll(1);
    // Events and answers share each socket in order: after a round trip, earlier events have arrived.
    const flush = () => Promise.all([scenesOnly, everything, defaults].map((c) => c.call('GetVersion')));
    await flush();
    expect(seen.scenesOnly).toEqual(['CurrentProgramSceneChanged:1']);
    expect(seen.everything).toEqual(['CurrentProgramSceneChanged:1', 'StudioModeStateChanged:1', 'InputVolumeMeters:1']);
    expect(seen.defaults).toEqual(['CurrentProgramSceneChanged:1', 'StudioModeStateChanged:1']);

    await scenesOnly.reidentify({ eventSubscriptions: Subs.General });
    emitAll(2);
    await flush();
    expect(seen.scenesOnly).toEqual(['CurrentProgramSceneChanged:1', 'StudioModeStateChanged:2']);

    // Order is kept across many events.
    for (let n = 3; n < 103; n++) fx.events.emit({ eventType: 'StudioModeStateChanged', eventIntent: Subs.General, eventData: { n } });
    await flush();
    const ns = seen.everything.filter((s) => s.startsWith('StudioModeStateChanged')).map((s) => Number(s.split(':')[1]));
    expect(ns).toEqual(Array.from({ length: 102 }, (_, i) => i + 1));
    await Promise.all([scenesOnly, everything, defaults].map((c) => c.disconnect()));
  });

  it('BroadcastCustomEvent reaches every session subscribed to General; GetStats counts this session\'s messages', async () => {
    const sender = track(new Client());
    const listener = track(new Client());
    const deaf = track(new Client());
    await sender.connect(url, PASSWORD);
    await listener.connect(url, PASSWORD, { eventSubscriptions: Subs.General });
    await deaf.connect(url, PASSWORD, { eventSubscriptions: Subs.Scenes });
    const got: unknown[] = [];
    const deafGot: unknown[] = [];
    listener.on('CustomEvent', (data) => got.push(data));
    deaf.on('CustomEvent', (data) => deafGot.push(data));
    await sender.call('BroadcastCustomEvent', { eventData: { cue: 'lights' } });
    await listener.call('GetVersion');
    await deaf.call('GetVersion');
    expect(got).toEqual([{ cue: 'lights' }]);
    expect(deafGot).toEqual([]);

    const first = (await sender.call('GetStats')) as { webSocketSessionIncomingMessages: number; webSocketSessionOutgoingMessages: number };
    const second = (await sender.call('GetStats')) as typeof first;
    // Identify + BroadcastCustomEvent + GetStats in; Hello + Identified + 1 answer out (+ its own CustomEvent).
    expect(first.webSocketSessionIncomingMessages).toBe(3);
    expect(first.webSocketSessionOutgoingMessages).toBe(4);
    expect(second.webSocketSessionIncomingMessages).toBe(4);
    expect(second.webSocketSessionOutgoingMessages).toBe(5);
    await Promise.all([sender, listener, deaf].map((c) => c.disconnect()));
  });
});

describe('raw protocol', () => {
  const open = (protocol: string | null = 'obswebsocket.json') => RawClient.open(url, { protocol });

  it('echoes the chosen subprotocol; no subprotocol means JSON; an unknown one is refused at upgrade', async () => {
    const json = await open('obswebsocket.json');
    expect(json.ws.protocol).toBe('obswebsocket.json');
    const msgpack = await open('obswebsocket.msgpack');
    expect(msgpack.ws.protocol).toBe('obswebsocket.msgpack');
    expect((await msgpack.next())?.op).toBe(0);
    const mixed = await RawClient.open(url, { protocol: ['chat', 'obswebsocket.msgpack'] });
    expect(mixed.ws.protocol).toBe('obswebsocket.msgpack');
    const none = await open(null);
    expect(none.ws.protocol).toBe('');
    await none.identify(PASSWORD);
    none.send({ op: 6, d: { requestType: 'Echo', requestId: 'x', requestData: { a: 1 } } });
    expect((await none.next())?.d).toMatchObject({ requestId: 'x', responseData: { a: 1 } });
    await expect(RawClient.open(url, { protocol: 'obswebsocket.xml' })).rejects.toMatchObject({ status: 400 });
    for (const c of [json, msgpack, mixed, none]) c.close();
  });

  it('a replayed authentication string fails on a new connection', async () => {
    const first = await open();
    const hello = (await first.next())!;
    const { salt, challenge } = hello.d['authentication'] as { salt: string; challenge: string };
    const proof = authString(PASSWORD, salt, challenge);
    first.send({ op: 1, d: { rpcVersion: 1, authentication: proof } });
    expect((await first.next())?.op).toBe(2);

    const second = await open();
    const hello2 = (await second.next())!;
    expect((hello2.d['authentication'] as { challenge: string }).challenge).not.toBe(challenge);
    expect((hello2.d['authentication'] as { salt: string }).salt).toBe(salt);
    second.send({ op: 1, d: { rpcVersion: 1, authentication: proof } });
    expect(await second.closed).toEqual({ code: 4009, reason: AUTH_FAILED_REASON });
    first.close();
  });

  it('missing authentication (absent or nil) closes 4009 with the exact reason', async () => {
    for (const protocol of ['obswebsocket.json', 'obswebsocket.msgpack']) {
      const client = await open(protocol);
      await client.next();
      client.send({ op: 1, d: { rpcVersion: 1, authentication: null } });
      expect(await client.closed).toEqual({ code: 4009, reason: AUTH_MISSING_REASON });
    }
  });

  it('a request before Identify closes 4007; a second Identify closes 4008', async () => {
    const early = await open();
    await early.next();
    early.send({ op: 6, d: { requestType: 'GetVersion', requestId: '1' } });
    expect((await early.closed).code).toBe(4007);

    const twice = await open();
    await twice.identify(PASSWORD);
    twice.send({ op: 1, d: { rpcVersion: 1 } });
    expect((await twice.closed).code).toBe(4008);
  });

  it('close codes: unknown op 4006, missing field 4003, wrong type 4004, bad value 4005, unsupported feature 4012', async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ op: 4, d: {} }, 4006],
      [{ op: 99, d: {} }, 4006],
      [{ op: 0, d: {} }, 4006],
      [{ d: {} }, 4006],
      [{ op: 6 }, 4003],
      [{ op: 6, d: [] }, 4004],
      [{ op: 6, d: { requestType: 'Echo' } }, 4003],
      [{ op: 6, d: { requestType: 7, requestId: 'x' } }, 4004],
      [{ op: 6, d: { requestType: 'Echo', requestId: { id: 1 } } }, 4004],
      [{ op: 8, d: { requestId: 'b' } }, 4003],
      [{ op: 8, d: { requestId: 'b', requests: {} } }, 4004],
      [{ op: 8, d: { requestId: 'b', requests: [], executionType: -1 } }, 4004],
      [{ op: 8, d: { requestId: 'b', requests: [], executionType: 7 } }, 4005],
      [{ op: 8, d: { requestId: 'b', requests: [], haltOnFailure: 'yes' } }, 4004],
      [{ op: 8, d: { requestId: 'b', requests: [], executionType: 2, variables: { a: 1 } } }, 4012],
      [{ op: 3, d: { eventSubscriptions: -5 } }, 4004],
    ];
    for (const [message, code] of cases) {
      const client = await open();
      await client.identify(PASSWORD);
      client.send(message);
      expect({ message, code: (await client.closed).code }).toEqual({ message, code });
    }
  });

  it('Identify field checks: missing rpcVersion 4003, wrong type 4004, pre-5 protocol 4010', async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ op: 1, d: {} }, 4003],
      [{ op: 1, d: { rpcVersion: '1' } }, 4004],
      [{ op: 1, d: { rpcVersion: 1, eventSubscriptions: 'all' } }, 4004],
      [{ 'request-type': 'GetVersion', 'message-id': '1' }, 4010],
    ];
    for (const [message, code] of cases) {
      const client = await open();
      const hello = (await client.next())!;
      const { salt, challenge } = hello.d['authentication'] as { salt: string; challenge: string };
      if (message['d']) (message['d'] as Record<string, unknown>)['authentication'] = authString(PASSWORD, salt, challenge);
      client.send(message);
      expect({ message, code: (await client.closed).code }).toEqual({ message, code });
    }
  });

  it('wrong frame type or undecodable frames close 4002', async () => {
    const msgpack = await open('obswebsocket.msgpack');
    await msgpack.next();
    msgpack.ws.send(JSON.stringify({ op: 1, d: { rpcVersion: 1 } }), { binary: false });
    expect((await msgpack.closed).code).toBe(4002);

    const json = await open('obswebsocket.json');
    await json.next();
    json.ws.send(encode({ op: 1, d: { rpcVersion: 1 } }), { binary: true });
    expect((await json.closed).code).toBe(4002);

    const broken = await open('obswebsocket.json');
    await broken.next();
    broken.ws.send('{"op": 1, "d": {', { binary: false });
    expect((await broken.closed).code).toBe(4002);

    const deep = await open('obswebsocket.msgpack');
    await deep.next();
    deep.ws.send(Buffer.concat([Buffer.alloc(10_000, 0x91), Buffer.from([0xc0])]), { binary: true });
    expect((await deep.closed).code).toBe(4002);
  });

  it('requests: missing requestType 203, non-object requestData read as none, null fields read as absent', async () => {
    const client = await open('obswebsocket.msgpack');
    await client.identify(PASSWORD, { eventSubscriptions: null });
    const answer = async (d: Record<string, unknown>): Promise<Message> => {
      client.send({ op: 6, d });
      return client.until((m) => m.op === 7 && m.d['requestId'] === d['requestId']);
    };
    expect((await answer({ requestId: 'm', requestType: null })).d).toMatchObject({ requestType: '', requestStatus: { code: 203 } });
    // requestData that is not an object is none, as in obs-websocket: a request that needs none runs
    // (one that needs a field answers 301: registry.test.ts).
    expect((await answer({ requestId: 'n', requestType: 'Echo', requestData: [1] })).d).toMatchObject({ requestStatus: { code: 100 }, responseData: {} });
    expect((await answer({ requestId: 'n2', requestType: 'Echo', requestData: 'x' })).d).toMatchObject({ requestStatus: { code: 100 }, responseData: {} });
    expect((await answer({ requestId: 'o', requestType: 'Echo', requestData: null })).d).toMatchObject({ requestStatus: { code: 100 }, responseData: {} });
    client.send({
      op: 8,
      d: {
        requestId: 'batch',
        executionType: null,
        haltOnFailure: null,
        variables: { who: 'world' },
        requests: [
          { requestType: 'Echo', requestId: 'v1', requestData: { greeting: 'hello' }, inputVariables: { name: 'who' }, outputVariables: { said: 'greeting' } },
          { requestType: 'Echo', requestId: 'v2', inputVariables: { echoed: 'said' } },
          'not an object',
          { requestId: 'no-type' },
        ],
      },
    });
    const batch = await client.until((m) => m.op === 9);
    expect(batch.d['requestId']).toBe('batch');
    expect(batch.d['results']).toEqual([
      { requestType: 'Echo', requestId: 'v1', requestStatus: { result: true, code: 100 }, responseData: { greeting: 'hello', name: 'world' } },
      { requestType: 'Echo', requestId: 'v2', requestStatus: { result: true, code: 100 }, responseData: { echoed: 'hello' } },
      { requestType: '', requestStatus: { result: false, code: 203, comment: expect.any(String) } },
      { requestType: '', requestId: 'no-type', requestStatus: { result: false, code: 203, comment: expect.any(String) } },
    ]);
    client.close();
  });

  it('an oversized frame closes only that session (1009); others keep working', async () => {
    const small = await fx.start({ maxMessageBytes: 64 * 1024 });
    const bystander = await RawClient.open(small.url);
    await bystander.identify(PASSWORD);
    const offender = await RawClient.open(small.url);
    await offender.identify(PASSWORD);
    offender.send({ op: 6, d: { requestType: 'Echo', requestId: 'big', requestData: { blob: 'x'.repeat(100 * 1024) } } });
    expect((await offender.closed).code).toBe(1009);
    bystander.send({ op: 6, d: { requestType: 'Echo', requestId: 'ok', requestData: { fine: true } } });
    expect((await bystander.next())?.d).toMatchObject({ requestId: 'ok', responseData: { fine: true } });
    bystander.close();
    await small.close();
  });
});

describe('security', () => {
  it('Origin: absent is allowed, a listed one is allowed, any other is refused at upgrade', async () => {
    const server = await fx.start({ allowedOrigins: ['http://127.0.0.1:8080'] });
    const native = await RawClient.open(server.url);
    await native.identify(PASSWORD);
    const listed = await RawClient.open(server.url, { origin: 'http://127.0.0.1:8080' });
    await listed.identify(PASSWORD);
    await expect(RawClient.open(server.url, { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.open(server.url, { origin: 'http://127.0.0.1:8081' })).rejects.toMatchObject({ status: 403 });
    await expect(RawClient.open(url, { origin: 'http://127.0.0.1:8080' })).rejects.toMatchObject({ status: 403 });
    native.close();
    listed.close();
    await server.close();
  });

  it('pageDir: the web remote is served at /remote/, and its own origin may connect when the host is an IP', async () => {
    const pageDir = mkdtempSync(path.join(tmpdir(), 'studio-page-'));
    mkdirSync(path.join(pageDir, 'assets'));
    writeFileSync(path.join(pageDir, 'remote.html'), '<!doctype html><title>remote</title>');
    writeFileSync(path.join(pageDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(tmpdir(), 'outside-secret.txt'), 'secret');
    try {
      const server = await fx.start({ pageDir });
      const base = `http://127.0.0.1:${server.port}`;
      const page = await fetch(`${base}/remote/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('<title>remote</title>');
      expect((await fetch(`${base}/remote/assets/app.js`)).status).toBe(200);
      // A request target no URL parser accepts is refused, and the server carries on.
      const odd = await new Promise<string>((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1', () => socket.write('GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.once('data', (d) => (socket.destroy(), resolve(String(d).split('\r\n')[0]!)));
        socket.once('error', () => resolve('closed'));
        socket.once('close', () => resolve('closed'));
      });
      expect(odd).not.toMatch(/ 200 /);
      for (const bad of ['/remote/assets/%2e%2e/%2e%2e/outside-secret.txt', '/remote/assets/..%2f..%2foutside-secret.txt', '/index.html', '/']) {
        const res = await fetch(`${base}${bad}`);
        expect({ bad, ok: res.ok }).toEqual({ bad, ok: false });
        expect(await res.text()).not.toContain('secret');
      }
      const own = await RawClient.open(server.url, { origin: base });
      await own.identify(PASSWORD);
      own.close();
      // Same host and origin, but a name: could be a DNS-rebinding page, so it needs the allow-list.
      const named = `http://studio.example:${server.port}`;
      await expect(RawClient.open(server.url, { origin: named, headers: { Host: `studio.example:${server.port}` } })).rejects.toMatchObject({ status: 403 });
      await server.close();
      // Without pageDir no page of ours exists, so no own origin either.
      const plain = await fx.start();
      await expect(RawClient.open(plain.url, { origin: `http://127.0.0.1:${plain.port}` })).rejects.toMatchObject({ status: 403 });
      await plain.close();
    } finally {
      rmSync(pageDir, { recursive: true, force: true });
      rmSync(path.join(tmpdir(), 'outside-secret.txt'), { force: true });
    }
  });

  it('sessions are capped: one over the cap is closed 1013 with a clear reason; a freed slot can be used again', async () => {
    const server = await fx.start({ maxSessions: 2 });
    const a = await RawClient.open(server.url);
    const b = await RawClient.open(server.url);
    await a.identify(PASSWORD);
    await b.identify(PASSWORD);
    const c = await RawClient.open(server.url);
    expect(await c.closed).toEqual({ code: 1013, reason: expect.stringContaining('at most 2') });
    expect(server.sessionCount()).toBe(2);
    a.close();
    await a.closed;
    await waitFor(() => server.sessionCount() === 1);
    const d = await RawClient.open(server.url);
    await d.identify(PASSWORD);
    b.close();
    d.close();
    await server.close();
  });

  it('failed authentication is throttled per peer with a growing lock-out (fake clock)', async () => {
    const clock = new FakeClock();
    const server = await fx.start({ clock });
    const attempt = async (password: string) => {
      const client = await RawClient.open(server.url);
      const hello = (await client.next())!;
      const { salt, challenge } = hello.d['authentication'] as { salt: string; challenge: string };
      client.send({ op: 1, d: { rpcVersion: 1, authentication: authString(password, salt, challenge) } });
      const reply = await Promise.race([client.next(), client.closed.then(() => null)]);
      if (reply?.op === 2) {
        client.close();
        return 'identified';
      }
      return (await client.closed).reason;
    };
    for (let i = 0; i < 3; i++) expect(await attempt('guess')).toBe(AUTH_FAILED_REASON);
    // Three free failures; the fourth locks the peer out for 2 s.
    expect(await attempt('guess')).toBe(AUTH_FAILED_REASON);
    expect(await attempt(PASSWORD)).toMatch(/^Authentication failed\. Too many failed attempts.*try again in 2 s\.$/);
    clock.advance(2000);
    expect(await attempt('guess')).toBe(AUTH_FAILED_REASON);
    expect(await attempt(PASSWORD)).toMatch(/try again in 4 s/);
    clock.advance(4000);
    expect(await attempt(PASSWORD)).toBe('identified');
    // Success forgets the failures.
    expect(await attempt('guess')).toBe(AUTH_FAILED_REASON);
    expect(await attempt(PASSWORD)).toBe('identified');
    await server.close();
    expect(clock.pending()).toBe(0);
  });

  it('wss with a generated self-signed certificate', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studio-tls-'));
    try {
      const cert = await ensureSelfSignedCert({ dir });
      expect(cert.ok).toBe(true);
      if (!cert.ok) return;
      expect(cert.value.generated).toBe(true);
      const again = await ensureSelfSignedCert({ dir });
      expect(again.ok && again.value.generated).toBe(false);
      const server = await fx.start({ tls: { cert: cert.value.certPath, key: cert.value.keyPath } });
      expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
      const client = await RawClient.open(server.url, { ca: cert.value.cert, protocol: 'obswebsocket.msgpack' });
      await client.identify(PASSWORD);
      client.send({ op: 6, d: { requestType: 'Echo', requestId: 't', requestData: { secure: true } } });
      expect((await client.next())?.d).toMatchObject({ responseData: { secure: true } });
      await expect(RawClient.open(server.url)).rejects.toThrow(/self[- ]signed|certificate/i);
      client.close();
      await server.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('password off: Hello has no authentication and Identify needs none', async () => {
    const server = await fx.start({ password: null });
    const client = await RawClient.open(server.url);
    const hello = await client.identify(null);
    expect(hello['authentication']).toBeUndefined();
    client.close();
    await server.close();
  });

  it('start failures are Results: a port in use, an empty password, unusable TLS material', async () => {
    const taken = await fx.start();
    const busy = await startRemoteServer({
      studio: fx.studio, registry: fx.registry, events: fx.events, logger: fx.logger,
      port: taken.port, bind: '127.0.0.1', password: 'x', version: 'test',
    });
    expect(busy.ok).toBe(false);
    if (!busy.ok) expect(busy.error.message).toMatch(/already in use/);
    const empty = await startRemoteServer({
      studio: fx.studio, registry: fx.registry, events: fx.events, logger: fx.logger,
      port: 0, bind: '127.0.0.1', password: '', version: 'test',
    });
    expect(empty.ok).toBe(false);
    const base = { studio: fx.studio, registry: fx.registry, events: fx.events, logger: fx.logger, port: 0, bind: '127.0.0.1', password: 'x', version: 'test' };
    const badPem = await startRemoteServer({ ...base, tls: { cert: '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n', key: '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n' } });
    expect(badPem.ok).toBe(false);
    if (!badPem.ok) expect(badPem.error.field).toBe('tls');
    const missing = await startRemoteServer({ ...base, tls: { cert: '/nonexistent/cert.pem', key: '/nonexistent/key.pem' } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/cannot be read/);
    await taken.close();
  });

  it('the password and authentication strings never reach the log', () => {
    const text = JSON.stringify(fx.logger.lines);
    expect(text).not.toContain(PASSWORD);
    expect(fx.logger.lines.some((l) => l.message.includes('failed to authenticate'))).toBe(true);
  });
});

describe('close()', () => {
  it('closes every session with 1001, stops listening, unsubscribes and leaves no timers', async () => {
    const clock = new FakeClock();
    const before = fx.events.listenerCount();
    const server = await fx.start({ clock });
    expect(fx.events.listenerCount()).toBe(before + 1);
    const identified = await RawClient.open(server.url);
    await identified.identify(PASSWORD);
    const waiting = await RawClient.open(server.url, { protocol: 'obswebsocket.msgpack' });
    await waiting.next();
    expect(server.sessionCount()).toBe(2);
    await server.close();
    expect((await identified.closed).code).toBe(1001);
    expect((await waiting.closed).code).toBe(1001);
    expect(server.sessionCount()).toBe(0);
    expect(fx.events.listenerCount()).toBe(before);
    expect(clock.pending()).toBe(0);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port: server.port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    await server.close();
  });

  it('an unidentified connection is closed when Identify does not come in time (fake clock)', async () => {
    const clock = new FakeClock();
    const server = await fx.start({ clock });
    const idle = await RawClient.open(server.url);
    await idle.next();
    clock.advance(10_000);
    expect((await idle.closed).code).toBe(1008);
    await server.close();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 5));
}
