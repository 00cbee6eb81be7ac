/**
 * The desktop app's studio-media:// scheme: studio-media://file/<encoded absolute path> serves a
 * local file only when the studio document refers to it (Studio.resolveMediaPath).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME, NETWORK_STREAM_PREFIX } from '../shared';
import type { Studio } from '../engine/api';
import { mimeType } from '../engine/http/mime';
import { rangeHeaders } from '../engine/http/range';
import { networkStreamResponse } from '../engine/http/network-stream';

/** Must run before app 'ready': the scheme needs fetch support and a secure, standard origin. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ]);
}

export function handleMediaScheme(studio: Studio): () => void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    let requested = '';
    try {
      requested = url.hostname === 'file' ? decodeURIComponent(url.pathname.slice(1)) : '';
    } catch {
      // Malformed escapes: treated as a path the document does not use.
    }
    // A network stream source's live bytes (engine/media/network-sources.ts).
    if (requested.startsWith(NETWORK_STREAM_PREFIX)) return networkStreamResponse(studio, requested, { 'Access-Control-Allow-Origin': '*' });
    const file = requested ? studio.resolveMediaPath(requested) : null;
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) return new Response('Not found', { status: 404 });
    // Range requests let a <video> seek and loop (see engine/http/range.ts).
    const { status, headers, range } = rangeHeaders(request.headers.get('range') ?? undefined, info.size, mimeType(file));
    const body =
      status === 416 || request.method === 'HEAD'
        ? null
        : (Readable.toWeb(createReadStream(file, range ? { start: range.start, end: range.end } : {})) as ReadableStream<Uint8Array>);
    return new Response(body, {
      status,
      headers: {
        ...headers,
        // Only our own pages run in this session (see guards.ts), and a file:// page's origin is
        // opaque, so a wildcard is what lets it read the bytes (e.g. into a WebGL texture).
        'Access-Control-Allow-Origin': '*',
      },
    });
  });
  return () => protocol.unhandle(MEDIA_SCHEME);
}
