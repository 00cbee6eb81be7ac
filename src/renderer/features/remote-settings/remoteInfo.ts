/**
 * What the Settings section derives from the engine's 'remote.info' answer: the web remote's
 * address (same port as obs-websocket) and whether the server listens on every interface, where the
 * URL's host is not one another device can use.
 */
import type { CommandResult } from '../../../shared';

export type RemoteInfo = CommandResult<'remote.info'>;

function parse(wsUrl: string): URL | null {
  try {
    const url = new URL(wsUrl);
    return url.protocol === 'ws:' || url.protocol === 'wss:' ? url : null;
  } catch {
    return null;
  }
}

/** The producers' web remote is served on the obs-websocket port at /remote/: ws → http, wss → https. */
export function webRemoteUrl(wsUrl: string): string | null {
  const url = parse(wsUrl);
  return url ? `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.host}/remote/` : null;
}

/** 0.0.0.0 or [::]: reachable on every address of this computer, none of which the URL names. */
export function listensEverywhere(wsUrl: string): boolean {
  const host = parse(wsUrl)?.hostname;
  return host === '0.0.0.0' || host === '[::]';
}

/** The address the server is bound to, as the warning names it. */
export function boundHost(wsUrl: string): string {
  return parse(wsUrl)?.hostname ?? wsUrl;
}
