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
import { existsSync } from 'node:fs';
import { FFMPEG_SOURCE, Status, fail, ok, type Input, type Result } from '../../shared';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../output/backoff';

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
  /**
   * srt://host:port?mode=listener: the studio binds the port and waits for a caller (a phone, an
   * encoder) to push to it, instead of calling a server.
   */
  listener: boolean;
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
    // FFmpeg takes srt://:9000?mode=listener (any address); a URL needs the host spelled out.
    if (scheme === 'srt' && /^srt:\/\/:\d+/i.test(url)) return fail(Status.InvalidRequestField, `Input (URL) names no host; to listen on every address use srt://0.0.0.0${/^srt:\/\/(:\d+)/i.exec(url)?.[1]}?mode=listener.`, FIELD);
    return fail(Status.InvalidRequestField, `Input (URL) is not a valid ${scheme}:// URL; expected ${scheme}://host[:port]/….`, FIELD);
  }
  if (!parsed.hostname) return fail(Status.InvalidRequestField, `Input (URL) names no host; expected ${scheme}://host[:port]/….`, FIELD);
  if (/\s/.test(url)) return fail(Status.InvalidRequestField, 'Input (URL) contains spaces; encode them as %20.', FIELD);
  const listener = scheme === 'srt' && /[?&]mode=listener(?:&|$)/i.test(url);
  // FFmpeg would fail with "Port missing in uri" on every attempt.
  if (listener && !parsed.port) return fail(Status.InvalidRequestField, 'Input (URL) listens for an SRT caller but names no port; use srt://0.0.0.0:PORT?mode=listener.', FIELD);
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
  return ok({ url, scheme: scheme as NetworkScheme, display, secrets: [url, ...secrets], listener });
}

/** The URL an ffmpeg_source pulls, or null when it plays a local file (or is not a media source). */
export function networkInputUrl(input: Pick<Input, 'kind' | 'settings'>): string | null {
  if (input.kind !== FFMPEG_SOURCE.id) return null;
  if (input.settings['is_local_file'] !== false) return null;
  const url = input.settings['input'];
  return typeof url === 'string' ? url.trim() : '';
}

/**
 * OBS's input_format: the name of an FFmpeg demuxer ("mpegts", "flv", "hls"), or empty for
 * FFmpeg's own probing. Letters, digits and '_' only, so it can never become another option or
 * another line of the concat list.
 */
const FORMAT_FIELD = 'settings.input_format';
const FORMAT_RE = /^[a-z0-9_]{1,32}$/;

/** The input_format to apply, '' for none; an error names the field. */
export function inputFormat(settings: Record<string, unknown>): Result<string> {
  const v = settings['input_format'];
  if (v === undefined || v === null) return ok('');
  if (typeof v !== 'string') return fail(Status.InvalidRequestField, 'Input format must be text: an FFmpeg demuxer name such as mpegts, flv or hls, or empty.', FORMAT_FIELD);
  const name = v.trim();
  if (name === '') return ok('');
  if (!FORMAT_RE.test(name)) {
    return fail(
      Status.InvalidRequestField,
      `Input format "${name.slice(0, 40)}" is not an FFmpeg demuxer name; use 1 to 32 lower-case letters, digits or '_' (e.g. mpegts, flv, hls), or leave it empty.`,
      FORMAT_FIELD,
    );
  }
  return ok(name);
}

/**
 * The kind's cross-field rule, run on every CreateInput / SetInputSettings (kinds/registry.ts): a
 * network stream's URL must be one the studio can pull, and its input_format a demuxer name. An
 * empty URL is allowed (OBS's default; the source says "no URL set"), as is anything in `input`
 * while the source plays a local file.
 */
export function mediaSourceSettingsProblem(settings: Record<string, unknown>): { field: string; message: string } | null {
  const url = networkInputUrl({ kind: FFMPEG_SOURCE.id, settings });
  if (url === null) return null;
  const format = inputFormat(settings);
  if (!format.ok) return { field: format.error.field ?? FORMAT_FIELD, message: format.error.message };
  if (!url) return null;
  const parsed = parseNetworkUrl(url);
  return parsed.ok ? null : { field: parsed.error.field ?? FIELD, message: parsed.error.message };
}

/**
 * OBS's reconnect_delay_sec: the wait before the first retry. Later retries grow from it as a
 * destination's do (output/backoff.ts), up to a minute (or the delay itself, when that is longer).
 */
export function reconnectPolicy(settings: Record<string, unknown>): BackoffPolicy {
  const v = settings['reconnect_delay_sec'];
  const sec = typeof v === 'number' && Number.isFinite(v) ? v : (FFMPEG_SOURCE.defaults['reconnect_delay_sec'] as number);
  const baseMs = Math.max(1, Math.min(60, sec)) * 1000;
  return { ...DEFAULT_BACKOFF, baseMs, maxMs: Math.max(baseMs, DEFAULT_BACKOFF.maxMs) };
}

/**
 * The demuxers an HLS stream's segments need besides "hls" itself: FFmpeg checks every nested
 * open against the whitelist (MPEG-TS, fragmented MP4, packed audio, subtitles).
 */
const HLS_SEGMENT_FORMATS = ['mpegts', 'mov', 'aac', 'mp3', 'ac3', 'eac3', 'webvtt'];

/**
 * The system's CA bundle where it has one at a well-known path. FFmpeg built on GnuTLS (Debian,
 * Ubuntu, Fedora) trusts the system's store by itself, but one built on OpenSSL loads no trust
 * store unless given ca_file, and would refuse every server once tls_verify is on. Passing the
 * bundle is the same trust on the first and makes the second work. None found (Windows, where
 * builds use Schannel and the system store): FFmpeg's own default.
 */
export function systemCaBundle(exists: (file: string) => boolean = existsSync): string | undefined {
  return CA_BUNDLES.find((f) => exists(f));
}

const CA_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Arch, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/ssl/cert.pem', // macOS, the BSDs
];

/** What the concat list says about the file besides its URL. */
export interface ConcatOptions {
  /** A checked input_format ('' or absent: FFmpeg probes). */
  format?: string;
  /** A PEM bundle to trust instead of the system's for rtmps:// and https:// (private CAs, tests). */
  caFile?: string;
}

/**
 * The ffconcat list that names the URL to FFmpeg (see the top of this file), with the file's
 * options (`option` lines, passed to FFmpeg's open of the URL):
 * - rtmps:// and https:// verify the server's certificate and name (FFmpeg's tls_verify, off by
 *   default): a stream key must not go to whoever answers on the way. FFmpeg's HLS demuxer opens
 *   segments with its own options, so on https:// HLS the playlist is what is verified.
 * - `format` (input_format): FFmpeg's concat demuxer opens its file with probing (it has no way to
 *   force a demuxer, and `-f` before `-i` is the concat demuxer itself), so the name becomes the
 *   file's format_whitelist: a stream that probes as another format fails with FFmpeg's "Format
 *   not on whitelist" instead of playing as something the user did not ask for.
 */
export function concatList(url: string, opts: ConcatOptions = {}): string {
  // ffconcat quoting: inside '…' everything is literal; a quote is closed, escaped and reopened.
  const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;
  const lines = ['ffconcat version 1.0', `file ${quote(url)}`];
  if (/^(rtmps|https):/i.test(url)) {
    lines.push('option tls_verify 1');
    if (opts.caFile) {
      if (/[\u0000-\u001f]/.test(opts.caFile)) throw new Error('concatList: CA file path with a control character');
      lines.push(`option ca_file ${quote(opts.caFile)}`);
    }
  }
  const format = opts.format ?? '';
  if (format) {
    if (!FORMAT_RE.test(format)) throw new Error('concatList: unchecked input format');
    const allowed = format === 'hls' ? [format, ...HLS_SEGMENT_FORMATS] : [format];
    lines.push(`option format_whitelist ${allowed.join(',')}`);
  }
  return `${lines.join('\n')}\n`;
}
