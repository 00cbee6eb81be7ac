/**
 * HTTP range requests (RFC 9110 §14) for media: a <video> asks for byte ranges to start quickly, to
 * seek, and to loop; without 206 answers Chromium cannot seek a file at all. One range per request
 * (what media elements send); a multi-range request is served whole, as the RFC allows.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

export type ByteRange = { start: number; end: number };

/**
 * The range a Range header asks for within a file of `size` bytes: a ByteRange (end inclusive),
 * null to send the whole file (no header, one we do not understand, several ranges), or
 * 'unsatisfiable' (416) when it starts past the end.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // Suffix: the last N bytes.
    const n = Number(last);
    if (n === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return null;
  return { start, end };
}

/** Headers and status for serving `size` bytes of `type` under a Range header. */
export function rangeHeaders(
  header: string | undefined,
  size: number,
  type: string,
): { status: 200 | 206 | 416; headers: Record<string, string>; range: ByteRange | null } {
  const base = { 'Accept-Ranges': 'bytes', 'Content-Type': type, 'Cache-Control': 'no-cache' };
  const range = parseRange(header, size);
  if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, range: null };
  if (!range) return { status: 200, headers: { ...base, 'Content-Length': String(size) }, range: null };
  return {
    status: 206,
    headers: { ...base, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${size}` },
    range,
  };
}

/** Serves a file (already checked by the caller) honouring Range; HEAD gets the headers alone. */
export async function sendFileRange(req: IncomingMessage, res: ServerResponse, file: string, size: number, type: string): Promise<void> {
  const { status, headers, range } = rangeHeaders(req.headers.range, size, type);
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (req.method === 'HEAD' || status === 416) {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file, range ? { start: range.start, end: range.end } : {}), res);
  } catch {
    // The player went away mid-range (it does on every seek) or the read failed after the headers.
    res.destroy();
  }
}
