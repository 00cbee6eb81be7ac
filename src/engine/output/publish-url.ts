/**
 * Splits a destination's publish URL into what a pusher FFmpeg may show in its argv (readable by
 * every user of the machine through /proc/PID/cmdline or `ps`) and the secret protocol options it
 * reads from a preset instead (see ffmpeg-preset.ts): the RTMP app and stream name, the SRT stream
 * id and passphrase.
 *
 * FFmpeg must end up publishing exactly where the whole URL would have taken it, so the RTMP split
 * follows the rules its rtmp protocol (libavformat/rtmpproto.c, rtmp_open) applies to a URL's path:
 * the Wowza `?slist=` form, `/ondemand/`, an application instance (`/app/inst/name`) unless the
 * second segment holds a ':' (`/app/mp4:file`), and the stream name's `.flv` / `.mp4` / `.f4v`
 * rules. test/integration/secret-args.test.ts checks the split against FFmpeg itself.
 *
 * The one secret that stays in argv: `user:password@` in an RTMP URL, which FFmpeg's rtmp uses for
 * its Adobe/Limelight authentication and accepts from nowhere else (docs/ARCHITECTURE.md, Secrets).
 */
export type PublishProtocol = 'rtmp' | 'rtmps' | 'srt';

export interface PublishUrl {
  /** For argv: scheme, authority and the options that are not secret. */
  url: string;
  /** Protocol options (name, value) that FFmpeg reads from its preset, in order. */
  options: Array<readonly [string, string]>;
}

/** scheme://authority, then the path FFmpeg's URL splitter hands to the protocol (from the first / ? or #). */
const PARTS = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/is;
/** SRT query parameters that are secrets; FFmpeg's libsrt reads them from the URL or from options. */
const SRT_SECRETS = new Set(['streamid', 'passphrase']);

export function splitPublishUrl(url: string, protocol: PublishProtocol): PublishUrl {
  const text = url.trim();
  const m = PARTS.exec(text);
  if (!m) return { url: text, options: [] };
  return protocol === 'srt' ? splitSrt(m[1]!, m[2]!) : splitRtmp(m[1]!, m[2]!);
}

function splitRtmp(origin: string, path: string): PublishUrl {
  const { app, name } = rtmpAppAndName(path);
  const playpath = name === null ? '' : streamName(name);
  const options: Array<readonly [string, string]> = [];
  if (app) options.push(['rtmp_app', app]);
  // An empty name cannot be written to a preset; FFmpeg derives the same empty name from the bare path.
  if (playpath) options.push(['rtmp_playpath', playpath]);
  // The app alone, when it is a plain first segment, keeps FFmpeg's own log lines readable. With
  // rtmp_app set, FFmpeg would take a lone segment for the stream name, so that needs one too.
  const plain = app && playpath && !/[/?#]/.test(app) && !path.startsWith('/ondemand/');
  return { url: `${origin}/${plain ? app : ''}`, options };
}

/** rtmp_open's split of the URL path into the application and the stream name (null: none). */
function rtmpAppAndName(path: string): { app: string; name: string | null } {
  const query = path.indexOf('?');
  if (query >= 0 && path.indexOf('slist=', query) >= 0) {
    // Wowza: the whole path is the app, the stream is what follows slist= up to the next parameter.
    const after = path.slice(path.indexOf('slist=') + 'slist='.length);
    const amp = after.indexOf('&');
    return { app: path.slice(1), name: amp >= 0 ? after.slice(0, amp) : after };
  }
  if (path.startsWith('/ondemand/')) return { app: 'ondemand', name: path.slice('/ondemand/'.length) };
  const next = path ? path.slice(1) : path;
  const slash = next.indexOf('/');
  if (slash < 0) return { app: next, name: null };
  const rest = next.slice(slash + 1);
  const colon = rest.indexOf(':');
  const second = rest.indexOf('/');
  // "app/inst/name" is an application instance, unless a ':' comes first ("app/mp4:dir/file").
  if (second < 0 || (colon >= 0 && colon < second)) return { app: next.slice(0, slash), name: rest };
  return { app: next.slice(0, slash + 1 + second), name: rest.slice(second + 1) };
}

/** The stream name FFmpeg derives from the URL's: MP4 files get "mp4:", a ".flv" suffix goes. */
function streamName(name: string): string {
  if (!name.includes(':') && name.length >= 4 && /\.(?:f4v|mp4)$/.test(name)) return `mp4:${name}`;
  if (name.length >= 4 && name.endsWith('.flv')) return name.slice(0, -4);
  return name;
}

function splitSrt(origin: string, rest: string): PublishUrl {
  // libsrt ignores user:password@ (it takes host and port only), so it can simply go.
  const bare = origin.replace(/^(srt:\/\/)[^@/?#]*@/i, '$1');
  const q = rest.indexOf('?');
  if (q < 0) return { url: bare + rest, options: [] };
  const kept: string[] = [];
  const options: Array<readonly [string, string]> = [];
  for (const pair of rest.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq >= 0 ? pair.slice(0, eq) : pair;
    if (!SRT_SECRETS.has(name)) {
      kept.push(pair);
      continue;
    }
    // FFmpeg takes the first occurrence. The value is what the URL means (stream-url.ts writes
    // the key URL-encoded), so the preset gets it decoded.
    if (eq < 0 || options.some(([n]) => n === name)) continue;
    const value = decode(pair.slice(eq + 1));
    if (value) options.push([name, value]);
  }
  const query = kept.filter(Boolean).join('&');
  return { url: bare + rest.slice(0, q) + (query ? `?${query}` : ''), options };
}

function decode(value: string): string {
  const spaced = value.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
