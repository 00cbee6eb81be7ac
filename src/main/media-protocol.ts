/**
 * The desktop app's studio-media:// scheme: studio-media://file/<encoded absolute path> serves a
 * local file only when the studio document refers to it (Studio.resolveMediaPath).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { MEDIA_SCHEME } from '../shared';
import type { Studio } from '../engine/api';
import { mimeType } from '../engine/http/mime';

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
    const file = requested ? studio.resolveMediaPath(requested) : null;
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) return new Response('Not found', { status: 404 });
    const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'Content-Type': mimeType(file),
        'Content-Length': String(info.size),
        // Only our own pages run in this session (see guards.ts), and a file:// page's origin is
        // opaque, so a wildcard is what lets it read the bytes (e.g. into a WebGL texture).
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-cache',
      },
    });
  });
  return () => protocol.unhandle(MEDIA_SCHEME);
}
