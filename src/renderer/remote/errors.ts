/**
 * One clear sentence for each way a connection or a request can fail. Close codes are
 * obs-websocket's (4002–4012) and the browser's (1006 when the socket never opened or dropped).
 */

export const Close = {
  Normal: 1000,
  GoingAway: 1001,
  Abnormal: 1006,
  PolicyViolation: 1008,
  TooBig: 1009,
  TryAgainLater: 1013,
  MessageDecodeError: 4002,
  NotIdentified: 4007,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
} as const;

/** The reason obs-websocket gives when Identify carries no authentication string. */
const MISSING_AUTH = /missing an `?authentication`? string/i;

/** Closes that another try cannot fix: ask the person instead of reconnecting in a loop. */
export function isFatalClose(code: number): boolean {
  return (
    code === Close.AuthenticationFailed ||
    code === Close.UnsupportedRpcVersion ||
    code === Close.SessionInvalidated ||
    code === Close.PolicyViolation
  );
}

/** Why a connection attempt failed or an open connection closed. `address` is what the user typed. */
export function closeMessage(code: number, reason: string, address: string): string {
  const why = reason.trim();
  if (code === Close.AuthenticationFailed) {
    if (/too many/i.test(why)) {
      return `The studio is locking this device out after several wrong passwords (${why.replace(/^Authentication failed\.\s*/, '')})`;
    }
    return MISSING_AUTH.test(why)
      ? 'The studio needs a password: enter the one shown in its remote control settings.'
      : 'Wrong password: the studio rejected it. Check the password in its remote control settings.';
  }
  if (code === Close.UnsupportedRpcVersion) return 'This studio speaks a different obs-websocket version than this page; update the studio.';
  if (code === Close.SessionInvalidated) return 'The studio ended this session. Connect again when you are ready.';
  if (code === Close.PolicyViolation) {
    return `The studio refused this page${why ? ` (${why})` : ''}. Open the remote from the studio's own address.`;
  }
  if (code === Close.TryAgainLater) return `The studio asks to wait before trying again${why ? ` (${why})` : ''}.`;
  if (code === -1 && /subprotocol/i.test(why)) return `${address} is not an obs-websocket server (${why}).`;
  if (code === Close.Abnormal || code === Close.GoingAway || code === -1 || code === 0) {
    return `Cannot reach the studio at ${address}. Check the address and that the studio is running.`;
  }
  if (code >= 4000 && code < 4100) return `The studio closed the connection (${code}${why ? `: ${why}` : ''}).`;
  return `The connection closed (${code}${why ? `: ${why}` : ''}).`;
}

/** obs-websocket-js rejects with an OBSWebSocketError (code + message); anything else is a plain error. */
export function errorCode(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') return error.code;
  return null;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return '';
}

/** Thrown (as a rejection) by our session wrapper when the socket closes under a pending request. */
export class ConnectionLostError extends Error {
  constructor() {
    super('The connection to the studio was lost; the request may not have run.');
  }
}

/** Thrown when the studio never answered a request in time. */
export class RequestTimeoutError extends Error {
  constructor(requestType: string) {
    super(`The studio did not answer ${requestType} in time.`);
  }
}

/** The sentence to show when a request failed: the studio's own comment when it gave one. */
export function requestMessage(error: unknown, what: string): string {
  if (error instanceof ConnectionLostError || error instanceof RequestTimeoutError) return error.message;
  const code = errorCode(error);
  const text = errorText(error).trim();
  if (code === null) return text ? `${what} failed: ${text}` : `${what} failed.`;
  if (text) return `${what} failed: ${text.replace(/\.?$/, '.')}`;
  return `${what} failed (the studio answered ${code}).`;
}

/** What the browser reports as the close of an attempt, for closeMessage. */
export function closeOf(error: unknown): { code: number; reason: string } {
  return { code: errorCode(error) ?? -1, reason: errorText(error) };
}
