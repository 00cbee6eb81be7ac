/**
 * Reading an audience figure out of what a server publishes about its streams. Each reader gets the
 * response body and the stream it looks for (the RTMP application and stream name the studio
 * publishes to) and answers the number of viewers, or why it cannot.
 *
 * - nginx-rtmp's `rtmp_stat all` XML: the clients of the stream that are not publishing.
 * - SRS's HTTP API (`/api/v1/streams/`): the stream's `clients`, less its publisher.
 * - Any JSON endpoint: a number found at a dot path (`data.viewers`, `streams.0.count`).
 */
import type { Result } from '../../shared';
import { Status, fail, ok } from '../../shared';

export interface StreamRef {
  app: string;
  name: string;
}

export const unavailable = (why: string): Result<number> => fail(Status.ResourceNotFound, why);

/** The inner text of each `<tag>…</tag>` directly inside `xml`, in order (no nesting of the same tag). */
function blocks(xml: string, tag: string): string[] {
  const found: string[] = [];
  const open = `<${tag}>`;
  const close = `</${tag}>`;
  let at = xml.indexOf(open);
  while (at >= 0) {
    const end = xml.indexOf(close, at);
    if (end < 0) break;
    found.push(xml.slice(at + open.length, end));
    at = xml.indexOf(open, end + close.length);
  }
  return found;
}

/** The first `<name>` of a block that holds nested blocks: the one before any nested element. */
const ownName = (block: string): string => /^\s*<name>([^<]*)<\/name>/.exec(block)?.[1]?.trim() ?? '';

export function nginxRtmpViewers(xml: string, stream: StreamRef): Result<number> {
  if (!xml.includes('<rtmp>')) return unavailable('the statistics page is not nginx-rtmp’s rtmp_stat XML');
  for (const app of blocks(xml, 'application')) {
    if (ownName(app) !== stream.app) continue;
    for (const s of blocks(app, 'stream')) {
      if (ownName(s) !== stream.name) continue;
      const viewers = blocks(s, 'client').filter((c) => !c.includes('<publishing/>')).length;
      return ok(viewers);
    }
    return unavailable('the server does not list this stream (yet)');
  }
  return unavailable(`the server has no application "${stream.app}"`);
}

interface SrsStream {
  app?: unknown;
  name?: unknown;
  clients?: unknown;
  publish?: { active?: unknown };
}

export function srsViewers(json: unknown, stream: StreamRef): Result<number> {
  const streams = (json as { streams?: unknown } | null)?.streams;
  if (!Array.isArray(streams)) return unavailable('the answer is not SRS’s stream list ({ streams: [...] })');
  const s = (streams as SrsStream[]).find((x) => x.app === stream.app && x.name === stream.name);
  if (!s) return unavailable('the server does not list this stream (yet)');
  if (typeof s.clients !== 'number') return unavailable('SRS gave no client count for this stream');
  return ok(Math.max(0, s.clients - (s.publish?.active === true ? 1 : 0)));
}

/** A number at `path` (dot-separated keys and array indexes) in a JSON value. */
export function jsonPathViewers(json: unknown, path: string): Result<number> {
  let at: unknown = json;
  for (const key of path.split('.').filter(Boolean)) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return unavailable(`the answer has nothing at "${path}"`);
    at = (at as Record<string, unknown>)[key];
  }
  const n = typeof at === 'string' && at.trim() !== '' ? Number(at) : at;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return unavailable(`the value at "${path}" is not a count`);
  return ok(Math.floor(n));
}

/** The application and stream name an RTMP(S) publish URL names (the stream name without its query). */
export function streamRef(url: string): StreamRef | null {
  const m = /^rtmps?:\/\/[^/?#]+\/([^?#]*)/i.exec(url.trim());
  if (!m) return null;
  const path = m[1]!;
  const slash = path.lastIndexOf('/');
  if (slash <= 0) return null;
  return { app: path.slice(0, slash), name: path.slice(slash + 1) };
}
