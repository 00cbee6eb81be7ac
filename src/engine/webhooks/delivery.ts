/**
 * One attempt: a POST with a time limit, answered as what happened — the receiver's status, a
 * timeout, no connection, or aborted by its owner. Whether to try again is the queue's business.
 *
 * The timer comes from the injected Clock so timeouts run on a fake clock in tests. Error reasons are
 * built from error codes only: fetch's own messages can quote the URL, and a URL may carry a token.
 */
import type { Clock } from '../api';

export type Answer =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'aborted' };

export interface PostRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  clock: Clock;
  /** The owner's abort (dispose, a webhook removed): the attempt ends at once. */
  signal?: AbortSignal;
}

export async function post(req: PostRequest): Promise<Answer> {
  if (req.signal?.aborted) return { kind: 'aborted' };
  const ctl = new AbortController();
  let timedOut = false;
  const timer = req.clock.setTimeout(() => {
    timedOut = true;
    ctl.abort();
  }, req.timeoutMs);
  const stop = (): void => ctl.abort();
  req.signal?.addEventListener('abort', stop, { once: true });
  try {
    // Redirects are not followed: a signed delivery goes where the user said, or nowhere.
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal: ctl.signal });
    // The answer's body is not needed; cancelling it frees the connection without reading it.
    res.body?.cancel().catch(() => undefined);
    const retryAfterMs = retryAfter(res.headers.get('retry-after'));
    return retryAfterMs === undefined ? { kind: 'status', status: res.status } : { kind: 'status', status: res.status, retryAfterMs };
  } catch (error) {
    if (timedOut) return { kind: 'timeout' };
    if (ctl.signal.aborted) return { kind: 'aborted' };
    return { kind: 'unreachable', reason: reasonOf(error) };
  } finally {
    req.clock.clearTimeout(timer);
    req.signal?.removeEventListener('abort', stop);
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_CLOSED: 'the connection was closed',
  ENOTFOUND: 'the host name was not found',
  EAI_AGAIN: 'the host name could not be looked up',
  ENETUNREACH: 'the network is unreachable',
  EHOSTUNREACH: 'the host is unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

function reasonOf(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return REASONS[code] ?? `network error ${code}`;
  }
  return 'a network error';
}
