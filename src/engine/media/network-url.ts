/**
 * ffmpeg_source's network case (is_local_file false, `input` a URL): which URLs the studio pulls,
 * how they are named where people read them, and how the URL reaches FFmpeg without its argv.
 *
 * A stream URL may carry a key (rtmp://host/app/KEY, srt://…?streamid=…&passphrase=…, an HLS
 * token in the query, user:pass@). FFmpeg's `-fpre` preset (output/preset-channel.ts) applies to
 * outputs only ("cannot be applied to input url"), so inputs take another route every FFmpeg has:
 * the concat demuxer reads an `ffconcat` list from an inherited descriptor (fd N, a file opened and
 * unlinked before FFmpeg starts, exactly as the preset is), named `pipe:N`, whose one `file` line
 * is the URL. argv holds `-f concat -i pipe:N` only, and FFmpeg's own "Input #0" line names pipe:N.
 * Reading the list through pipe: also lets the protocol whitelist leave out `file`.
 */
import { FFMPEG_SOURCE, Status, fail, ok, type Input, type Result } from '../../shared';

/** The schemes a network stream may use: RTMP(S) and SRT pulls, HTTP(S) for HLS (or a plain stream). */
export const NETWORK_SCHEMES = ['rtmp', 'rtmps', 'srt', 'http', 'https'] as const;
export type NetworkScheme = (typeof NETWORK_SCHEMES)[number];

export interface NetworkUrl {
  /** The URL exactly as the settings hold it (trimmed). */
  url: string;
  scheme: NetworkScheme;
  /** scheme://host:port/… — what logs, notices and statuses may show. */
  display: string;
  /** Parts of the URL that may be secret (path, query, credentials), for the log scrubber. */
  secrets: string[];
}

const FIELD = 'settings.input';
/** Shorter query values are not added to the scrub set on their own. */
const MIN_SECRET = 8;

/** Checks a stream URL; the error says what to change. */
export function parseNetworkUrl(raw: string): Result<NetworkUrl> {
  const url = raw.trim();
  if (url === '') return fail(Status.InvalidRequestField, 'Input (URL) is empty; enter an rtmp://, rtmps://, srt:// or http(s):// stream URL.', FIELD);
  if (/[\u0000-\u001f\u007f]/.test(url)) return fail(Status.InvalidRequestField, 'Input (URL) contains a line break or another control character; remove it.', FIELD);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme) {
    return fail(Status.InvalidRequestField, 'Input (URL) is not a URL; a network stream starts with rtmp://, rtmps://, srt://, http:// or https://.', FIELD);
  }
  if (!(NETWORK_SCHEMES as readonly string[]).includes(scheme)) {
    const local = scheme === 'file' || /^[a-z]$/i.test(scheme) ? ' For a file on this machine set is_local_file to true and use local_file.' : '';
    return fail(
      Status.InvalidRequestField,
      `Input (URL) uses ${scheme}://, which the studio does not pull; use rtmp://, rtmps://, srt:// or an http(s):// HLS URL.${local}`,
      FIELD,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail(Status.InvalidRequestField, `Input (URL) is not a valid ${scheme}:// URL; expected ${scheme}://host[:port]/….`, FIELD);
  }
  if (!parsed.hostname) return fail(Status.InvalidRequestField, `Input (URL) names no host; expected ${scheme}://host[:port]/….`, FIELD);
  if (/\s/.test(url)) return fail(Status.InvalidRequestField, 'Input (URL) contains spaces; encode them as %20.', FIELD);
  const port = parsed.port ? `:${parsed.port}` : '';
  const display = `${scheme}://${parsed.hostname}${port}/…`;
  const secrets = new Set<string>();
  const tail = url.slice(url.indexOf(parsed.host) + parsed.host.length);
  if (tail.length >= MIN_SECRET) secrets.add(tail);
  // The query as written: an SRT streamid often holds '#', which URL would take for a fragment.
  const q = url.indexOf('?');
  if (q >= 0 && q < url.length - 1) secrets.add(url.slice(q + 1));
  for (const pair of q >= 0 ? url.slice(q + 1).split('&') : []) {
    const value = pair.slice(pair.indexOf('=') + 1);
    // Short values ("live", "1") are left to redact()'s URL shapes: the scrub set is the whole
    // studio's, and hiding every "live" in the log protects nothing.
    if (value.length < MIN_SECRET) continue;
    secrets.add(value);
    try {
      secrets.add(decodeURIComponent(value));
    } catch {
      // Not %-encoded text: the raw value is already there.
    }
  }
  if (parsed.username) secrets.add(decodeURIComponent(parsed.username));
  if (parsed.password) secrets.add(decodeURIComponent(parsed.password));
  return ok({ url, scheme: scheme as NetworkScheme, display, secrets: [url, ...secrets] });
}

/** The URL an ffmpeg_source pulls, or null when it plays a local file (or is not a media source). */
export function networkInputUrl(input: Pick<Input, 'kind' | 'settings'>): string | null {
  if (input.kind !== FFMPEG_SOURCE.id) return null;
  if (input.settings['is_local_file'] !== false) return null;
  const url = input.settings['input'];
  return typeof url === 'string' ? url.trim() : '';
}

/**
 * The kind's cross-field rule, run on every CreateInput / SetInputSettings (kinds/registry.ts): a
 * network stream's URL must be one the studio can pull. An empty URL is allowed (OBS's default;
 * the source says "no URL set"), as is anything in `input` while the source plays a local file.
 */
export function mediaSourceSettingsProblem(settings: Record<string, unknown>): { field: string; message: string } | null {
  const url = networkInputUrl({ kind: FFMPEG_SOURCE.id, settings });
  if (!url) return null;
  const parsed = parseNetworkUrl(url);
  return parsed.ok ? null : { field: parsed.error.field ?? FIELD, message: parsed.error.message };
}

/** OBS's reconnect_delay_sec for the input (the cap of the reconnect backoff), in ms. */
export function reconnectCapMs(settings: Record<string, unknown>): number {
  const v = settings['reconnect_delay_sec'];
  const sec = typeof v === 'number' && Number.isFinite(v) ? v : (FFMPEG_SOURCE.defaults['reconnect_delay_sec'] as number);
  return Math.max(1, Math.min(60, sec)) * 1000;
}

/** The ffconcat list that names the URL to FFmpeg (see the top of this file). */
export function concatList(url: string): string {
  // ffconcat quoting: inside '…' everything is literal; a quote is closed, escaped and reopened.
  return `ffconcat version 1.0\nfile '${url.replace(/'/g, "'\\''")}'\n`;
}
