/**
 * Checks a destination URL before any FFmpeg is started, so a typo fails at once with a message
 * that says what is wrong — without repeating the URL, which carries the stream key.
 */
import { Status, fail, ok, type Result } from '../../shared';

export interface TargetUrl {
  protocol: 'rtmp' | 'rtmps' | 'srt';
  host: string;
  port: number | null;
  /** Parts of the URL that are secret (stream key, passwords), as written and decoded. */
  secrets: string[];
}

const FIELD = 'server';

export function checkTargetUrl(url: string): Result<TargetUrl> {
  const text = url.trim();
  if (!text) return fail(Status.FieldEmpty, 'The destination has no server URL; enter one like rtmp://host/app.', FIELD);
  if (/[\s\u0000-\u001f\u007f]/.test(text)) {
    return fail(Status.InvalidRequestField, 'The server URL or stream key contains spaces or control characters; remove them.', FIELD);
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return fail(Status.InvalidRequestField, 'The server URL is not a valid address; it should look like rtmp://host/app.', FIELD);
  }
  const protocol = parsed.protocol.replace(/:$/, '');
  if (protocol === 'srt') return checkSrt(parsed);
  if (protocol !== 'rtmp' && protocol !== 'rtmps') {
    return fail(Status.InvalidRequestField, `The server URL must start with rtmp://, rtmps:// or srt://, not ${protocol}://.`, FIELD);
  }
  if (!parsed.hostname) return fail(Status.InvalidRequestField, 'The server URL has no host name; it should look like rtmp://host/app.', FIELD);
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (segments.length === 0) {
    return fail(Status.InvalidRequestField, 'The server URL has no application name; it should look like rtmp://host/app.', FIELD);
  }
  if (segments.length < 2 && !parsed.search) {
    return fail(Status.InvalidRequestField, 'The destination has no stream key; enter the key your platform gave you.', FIELD);
  }
  const key = segments.slice(1).join('/');
  const secrets = secretParts([key, parsed.search.slice(1), parsed.password, parsed.username]);
  return ok({ protocol, host: parsed.hostname, port: parsed.port ? Number(parsed.port) : null, secrets });
}

/**
 * SRT callers need a host and a port; the stream key travels as the streamid (see stream-url.ts) and,
 * like a passphrase, is a secret.
 */
function checkSrt(parsed: URL): Result<TargetUrl> {
  if (!parsed.hostname) return fail(Status.InvalidRequestField, 'The SRT URL has no host name; it should look like srt://host:port.', FIELD);
  if (!parsed.port) return fail(Status.InvalidRequestField, 'The SRT URL needs a port, such as srt://host:9000.', FIELD);
  const mode = parsed.searchParams.get('mode');
  if (mode && mode !== 'caller') {
    return fail(Status.InvalidRequestField, 'The SRT URL must be in caller mode: remove mode=listener or mode=rendezvous.', FIELD);
  }
  const secrets = secretParts([
    parsed.searchParams.get('streamid') ?? '',
    parsed.searchParams.get('passphrase') ?? '',
    parsed.password,
    parsed.username,
  ]);
  return ok({ protocol: 'srt', host: parsed.hostname, port: Number(parsed.port), secrets });
}

function secretParts(parts: string[]): string[] {
  const secrets = new Set<string>();
  for (const s of parts) {
    if (!s) continue;
    secrets.add(s);
    secrets.add(encodeURIComponent(s));
    try {
      secrets.add(decodeURIComponent(s));
    } catch {
      // Not valid percent-encoding: the raw form is enough.
    }
  }
  return [...secrets];
}
