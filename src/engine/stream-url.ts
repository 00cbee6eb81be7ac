/**
 * Joins a destination's server URL and stream key the way OBS's rtmp_custom does: the key is the
 * last path segment of an RTMP(S) URL. For SRT the key, when given, travels as the streamid.
 */
export function streamUrl(server: string, key: string): string {
  const trimmedKey = key.trim();
  if (!trimmedKey) return server.trim();
  if (server.startsWith('srt://')) {
    const url = new URL(server.trim());
    url.searchParams.set('streamid', trimmedKey);
    return url.toString();
  }
  return `${server.trim().replace(/\/+$/, '')}/${trimmedKey.replace(/^\/+/, '')}`;
}
