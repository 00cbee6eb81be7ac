/**
 * Origin allow-list. Browsers always send Origin on a WebSocket upgrade, so a page on any site could
 * otherwise drive the studio from the user's own browser; native tools (Companion, Stream Deck
 * plugins, scripts) send none. So: no Origin is allowed, an Origin must be listed.
 */

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

export function createOriginCheck(allowed: readonly string[] = []): (origin: string | string[] | undefined) => boolean {
  const set = new Set<string>();
  for (const entry of allowed) {
    const normal = normalizeOrigin(entry);
    if (normal) set.add(normal);
  }
  return (origin) => {
    if (origin === undefined) return true;
    // Several Origin headers is not something a browser does: refuse.
    if (Array.isArray(origin)) return false;
    const normal = normalizeOrigin(origin);
    return normal !== null && set.has(normal);
  };
}
