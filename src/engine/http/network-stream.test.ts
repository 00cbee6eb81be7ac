/**
 * The hosts' route for a network stream's bytes, on a real HTTP server (server mode's shape) and as
 * a fetch Response (the desktop scheme's), given a stream handle that behaves as a live pull does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared';
import type { PullReader } from '../media/network-pull';
import type { NetworkStreamHandle } from '../media/network-sources';
import { networkStreamResponse, serveNetworkStream } from './network-stream';

/** A live stream: init + cached fragments on read, then whatever the test pushes; end() ends every reader. */
function fakeLive() {
  const readers = new Set<PullReader>();
  const handle: NetworkStreamHandle = {
    mimeType: 'video/mp4; codecs="avc1.42c01e,mp4a.40.2"',
    read(reader): Result<() => void> {
      reader.write(Buffer.from('INIT'));
      reader.write(Buffer.from('KEYF'));
      readers.add(reader);
      return ok(() => readers.delete(reader));
    },
  };
  return {
    studio: { networkStream: (uuid: string) => (uuid === 'live' ? handle : null) },
    push: (s: string) => readers.forEach((r) => r.write(Buffer.from(s))),
    end: () => [...readers].forEach((r) => r.end()),
    readers,
  };
}

let server: http.Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

async function serve(studio: ReturnType<typeof fakeLive>['studio']): Promise<string> {
  server = http.createServer((req, res) => serveNetworkStream(studio, new URL(req.url!, 'http://x').searchParams.get('path')!, req, res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/media?path=`;
}

async function readAll(body: ReadableStream<Uint8Array>, until: (text: string) => boolean): Promise<string> {
  const reader = body.getReader();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += Buffer.from(value).toString();
    if (until(text)) {
      await reader.cancel();
      return text;
    }
  }
}

describe('serveNetworkStream (server mode)', () => {
  it('streams init, the cached GOP and live fragments with the MSE type, and ends with the pull', async () => {
    const live = fakeLive();
    const base = await serve(live.studio);
    const res = await fetch(`${base}studio-stream:live`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4; codecs="avc1.42c01e,mp4a.40.2"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('KEYF')) text += Buffer.from((await reader.read()).value!).toString();
    live.push('FRAG');
    while (!text.includes('FRAG')) text += Buffer.from((await reader.read()).value!).toString();
    expect(text).toBe('INITKEYFFRAG');
    live.end();
    expect((await reader.read()).done).toBe(true);
    expect(live.readers.size).toBe(0);
  });

  it('answers 503 while the stream is down (or for an input that has none)', async () => {
    const base = await serve(fakeLive().studio);
    const res = await fetch(`${base}studio-stream:down`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/not live/);
  });

  it('lets go of the reader when the page goes away', async () => {
    const live = fakeLive();
    const base = await serve(live.studio);
    const ctrl = new AbortController();
    const res = await fetch(`${base}studio-stream:live`, { signal: ctrl.signal });
    await readAll(res.body!, (t) => t.includes('KEYF')).catch(() => '');
    ctrl.abort();
    for (let i = 0; i < 100 && live.readers.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(live.readers.size).toBe(0);
  });
});

describe('networkStreamResponse (desktop scheme)', () => {
  it('is the same stream as a fetch Response, and 503 while down', async () => {
    const live = fakeLive();
    const res = networkStreamResponse(live.studio, 'studio-stream:live', { 'Access-Control-Allow-Origin': '*' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^video\/mp4; codecs=/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const reader = res.body!.getReader();
    live.push('FRAG');
    live.end();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    expect(text).toBe('INITKEYFFRAG');
    expect(networkStreamResponse(live.studio, 'studio-stream:down').status).toBe(503);
  });
});
