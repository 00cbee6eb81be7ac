/**
 * Origin allow-list. Browsers always send Origin on a WebSocket upgrade, so a page on any site could
 * otherwise drive the studio from the user's own browser; native tools (Companion, Stream Deck
 * plugins, scripts) send none. So: no Origin is allowed, an Origin must be listed (or be this
 * server's own, for the web remote it serves).
 */
import net from 'node:net';

/** Lower-cased scheme://host[:port] with default ports dropped; null when it is not an origin. */
export function normalizeOrigin(origin: string): string | null {
  const trimmed = origin.trim();
  if (trimmed === 'null') return 'null';
  try {
    const url = new URL(trimmed);
    if (url.origin === 'null') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

export type OriginCheck = (origin: string | string[] | undefined, host: string | undefined, secure: boolean) => boolean;

/**
 * The check for one server. Besides the listed origins, a page this server itself served (the web
 * remote) is admitted: its Origin is this server's own scheme://Host. Only when that host is an IP
 * address or localhost, though: a domain name could be a DNS-rebinding attacker's, pointed at us.
 */
export function createOriginCheck(allowed: readonly string[] = []): OriginCheck {
  const set = new Set<string>();
  for (const entry of allowed) {
    const normal = normalizeOrigin(entry);
    if (normal) set.add(normal);
  }
  return (origin, host, secure) => {
    if (origin === undefined) return true;
    // Several Origin headers is not something a browser does: refuse.
    if (Array.isArray(origin)) return false;
    const normal = normalizeOrigin(origin);
    if (normal === null) return false;
    if (set.has(normal)) return true;
    return host !== undefined && normal === normalizeOrigin(`${secure ? 'https' : 'http'}://${host}`) && unspoofable(normal);
  };
}

function unspoofable(origin: string): boolean {
  const hostname = new URL(origin).hostname.replace(/^\[(.*)\]$/, '$1');
  return hostname === 'localhost' || net.isIP(hostname) !== 0;
}
