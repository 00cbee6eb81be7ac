/**
 * Who may drive server mode. Origin checks only bind browsers: any local program can forge an Origin
 * header, and the studio socket can make the studio run programs and read files. So every run has a
 * secret, as Jupyter does: 32 random bytes, printed only inside the ready line's URL. A browser
 * trades it once for an HttpOnly, SameSite=Strict cookie; the socket, /media and every route that
 * reads or changes state then require that cookie. The secret lives for one run.
 *
 * The headless Chromium that server mode starts cannot read the ready line, and its command line is
 * readable by every local user, so it gets a ticket instead: single use, short-lived, worthless once
 * its browser has traded it for the cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Query parameter of the printed URL. */
export const TOKEN_PARAM = 'token';
/** Query parameter of a one-time launch URL. */
export const TICKET_PARAM = 'ticket';
/** A launch ticket not traded within this long is void. */
const TICKET_TTL_MS = 60_000;

/** Said wherever a request without the secret is refused. */
export const OPEN_PRINTED_URL =
  'This studio only answers its own pages: open the URL printed when server mode started (it ends in ?token=…). After a restart the old URL no longer works.';

export interface Access {
  /** The per-run secret, base64url. */
  readonly token: string;
  /** Cookie name, per port: cookies are shared by every port of a host, studios are not. */
  readonly cookieName: string;
  /** Whether a request carries this run's cookie. */
  allows(req: IncomingMessage): boolean;
  /** Whether a query value is this run's token or an unused, fresh ticket (which it then spends). */
  redeem(params: URLSearchParams): boolean;
  /** A Set-Cookie value that grants this run's access. */
  cookie(): string;
  /** A one-time ticket for a browser the studio launches itself. */
  ticket(): string;
}

export function createAccess(port: number, now: () => number = () => performance.now()): Access {
  const token = randomBytes(32).toString('base64url');
  const cookieName = `studio-${port}`;
  const tickets = new Map<string, number>();

  const matches = (candidate: string | null | undefined, secret: string): boolean => {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(secret);
    // timingSafeEqual needs equal lengths; comparing lengths first tells nothing about the secret.
    return a.length === b.length && timingSafeEqual(a, b);
  };

  return {
    token,
    cookieName,
    allows(req) {
      return matches(readCookie(req.headers.cookie, cookieName), token);
    },
    redeem(params) {
      if (matches(params.get(TOKEN_PARAM), token)) return true;
      const ticket = params.get(TICKET_PARAM);
      if (!ticket) return false;
      for (const [candidate, expires] of tickets) {
        if (expires < now()) tickets.delete(candidate);
        else if (matches(ticket, candidate)) {
          tickets.delete(candidate);
          return true;
        }
      }
      return false;
    },
    cookie() {
      return `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    },
    ticket() {
      const ticket = randomBytes(32).toString('base64url');
      tickets.set(ticket, now() + TICKET_TTL_MS);
      return ticket;
    },
  };
}

/** The value of one cookie in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
