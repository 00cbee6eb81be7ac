/** Serves the built UI (out/renderer) read-only, never anything outside it. */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY } from '../../shared';
import { mimeType } from './mime';
import { sendJson } from './respond';

/**
 * Maps a URL path to a file inside root, or null when the path tries to leave it. The path is
 * decoded here (so %2e%2e%2f is caught too) and resolved before the containment check.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return isInside(root, file) ? file : null;
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const requested = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (!requested) {
    sendJson(res, 403, { ok: false, error: { message: 'That path is outside the studio UI.' } });
    return;
  }
  // realpath so that a link inside the bundle cannot point the server at the rest of the disk.
  const [realRoot, realFile] = await Promise.all([realpath(root).catch(() => root), realpath(requested).catch(() => null)]);
  const info = realFile ? await stat(realFile).catch(() => null) : null;
  if (!realFile || !info?.isFile() || !isInside(realRoot, realFile)) {
    sendJson(res, 404, { ok: false, error: { message: `Not found: ${urlPath}` } });
    return;
  }
  const type = mimeType(realFile);
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', info.size);
  res.setHeader('Cache-Control', 'no-cache');
  if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await sendFile(res, realFile);
}

/** Streams a file as the response body; a read error after the headers went out just ends it. */
export async function sendFile(res: ServerResponse, file: string): Promise<void> {
  try {
    await pipeline(createReadStream(file), res);
  } catch {
    if (!res.headersSent) sendJson(res, 500, { ok: false, error: { message: 'The file could not be read.' } });
    else res.destroy();
  }
}
