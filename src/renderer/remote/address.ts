/**
 * Where the remote connects. The studio's remote server serves this page on its own port, so the
 * page's host is the default; ?ws=host:port (or a full ws:// / wss:// URL) points it elsewhere.
 */

/** The obs-websocket default, for a page opened from a file or a dev server without ?ws. */
export const FALLBACK_ADDRESS = '127.0.0.1:4455';

export interface PageLocation {
  search: string;
  host: string;
  protocol: string;
}

/** What the address field starts with. */
export function defaultAddress(loc: PageLocation): string {
  const override = new URLSearchParams(loc.search).get('ws')?.trim();
  if (override) return override;
  if (!loc.protocol.startsWith('http') || !loc.host) return FALLBACK_ADDRESS;
  // Served on the scheme's default port: say so, or the 4455 default below would replace it.
  if (!/:\d+$/.test(loc.host)) return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}`;
  return loc.host;
}

/**
 * The WebSocket URL for what the user typed: "host:port", "host" (port 4455) or a full ws(s) URL.
 * A page served over https must use wss (browsers block mixed content), so bare addresses follow
 * the page's scheme. Returns null when it is not an address at all.
 */
export function toWsUrl(address: string, pageProtocol: string): string | null {
  const text = address.trim();
  if (!text) return null;
  const scheme = pageProtocol === 'https:' ? 'wss' : 'ws';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${scheme}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  if (!url.hostname || url.username || url.password) return null;
  if (!url.port && !/^[a-z]+:\/\/[^/]*:\d+/i.test(withScheme)) url.port = '4455';
  return `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
}
