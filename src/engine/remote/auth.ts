/**
 * obs-websocket authentication: secret = b64(sha256(password + salt)), and a client proves it knows
 * the secret with b64(sha256(secret + challenge)). The salt lives as long as the server; the
 * challenge is fresh per connection, so an authentication string is worthless on any other one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface AuthSecret {
  salt: string;
  /** Derived from the password; the password itself is not kept. */
  secret: string;
}

const sha256b64 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');

export const randomToken = (): string => randomBytes(32).toString('base64');

export function deriveSecret(password: string, salt: string = randomToken()): AuthSecret {
  return { salt, secret: sha256b64(password + salt) };
}

/** What a client sends for this secret and challenge (also how tests and clients compute it). */
export function authenticationString(secret: string, challenge: string): string {
  return sha256b64(secret + challenge);
}

/** Constant-time: hashing both sides gives equal lengths, and equal digests iff equal strings. */
export function verify(auth: AuthSecret, challenge: string, attempt: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(authenticationString(auth.secret, challenge)), digest(attempt));
}
