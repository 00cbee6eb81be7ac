/**
 * Webhook signatures: HMAC-SHA256 over `${timestamp}.${body}` with the webhook's secret, sent as
 * `X-Studio-Signature: sha256=<hex>`. The timestamp (Unix seconds of the attempt, in
 * `X-Studio-Timestamp`) is inside the signed text so a receiver can refuse an old delivery replayed
 * at it; a retry is signed afresh and so is never "old" just because it waited in a queue.
 *
 * verify() is what a receiver (and our tests) run: constant-time compare, and a tolerance on the
 * timestamp. It depends on nothing but node:crypto, so it can be copied into a receiver as is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_PREFIX = 'sha256=';
/** A receiver's default window, either side of its own clock. */
export const DEFAULT_TOLERANCE_SEC = 300;

/** `sha256=<hex>` for this timestamp and body. */
export function sign(secret: string, timestamp: string, body: string): string {
  return SIGNATURE_PREFIX + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received (re-serialised JSON would not match). */
  body: string;
  /** X-Studio-Timestamp. */
  timestamp: string | undefined;
  /** X-Studio-Signature. */
  signature: string | undefined;
  /** Largest distance between the timestamp and now; Infinity turns the check off. */
  toleranceSec?: number;
  /** The receiver's clock, ms since the epoch (tests pass their own). */
  nowMs?: number;
}

export function verify(input: VerifyInput): boolean {
  const { secret, body, timestamp, signature } = input;
  if (!timestamp || !signature || !/^\d{1,15}$/.test(timestamp)) return false;
  const tolerance = input.toleranceSec ?? DEFAULT_TOLERANCE_SEC;
  const ageSec = Math.abs((input.nowMs ?? Date.now()) / 1000 - Number(timestamp));
  if (!(ageSec <= tolerance)) return false;
  const expected = Buffer.from(sign(secret, timestamp, body));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; the length of a well-formed signature is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
