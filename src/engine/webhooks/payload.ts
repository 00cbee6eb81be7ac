/**
 * What a receiver gets: the JSON body (built once per delivery, so every retry sends the same bytes)
 * and the headers of one attempt (signed afresh each time). Shapes are documented in docs/WEBHOOKS.md.
 */
import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../shared';
import { STUDIO_VERSION } from '../version';
import { sign } from './sign';

export const STUDIO = 'broadcast-studio';

/** A delivery is about one of the show's events, or the test the user asked for. */
export type DeliveryEvent = WebhookEvent | 'test';

/** Destinations are named by id and name only: their server URL may carry credentials, their key is one. */
export interface DestinationData {
  id: string;
  name: string;
  /** Reconnect attempt number (1 = first retry); 0 when not reconnecting. */
  attempt: number;
  /** When reconnecting: ms until the next try. */
  retryInMs: number | null;
  /** Why it is reconnecting or failed. */
  error: string | null;
}

export interface EventData {
  'stream.started': Record<string, never>;
  'stream.stopped': { state: 'idle' | 'failed'; durationMs: number; error: string | null };
  'destination.live': DestinationData;
  'destination.reconnecting': DestinationData;
  'destination.failed': DestinationData;
  'recording.saved': { path: string; remuxedPath: string | null; bytes: number; durationMs: number };
  'stream.report': { path: string; htmlPath: string; durationMs: number };
  test: { message: string };
}

/** One of the show's events, ready to be addressed to the webhooks that want it. */
export type Happening = { [E in WebhookEvent]: { event: E; data: EventData[E] } }[WebhookEvent];

export interface Delivery {
  /** Also X-Studio-Delivery: the same for every attempt, so a receiver can drop duplicates. */
  id: string;
  event: DeliveryEvent;
  body: string;
}

export function makeDelivery(what: Happening | { event: 'test'; data: EventData['test'] }, atMs = Date.now(), id: string = randomUUID()): Delivery {
  const body = JSON.stringify({ id, event: what.event, timestamp: new Date(atMs).toISOString(), studio: STUDIO, data: what.data });
  return { id, event: what.event, body };
}

/** The headers of one attempt. The signature is never logged; only this request carries it. */
export function deliveryHeaders(delivery: Delivery, secret: string, attempt: number, nowMs = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'content-type': 'application/json',
    'user-agent': `BroadcastStudio/${STUDIO_VERSION}`,
    'x-studio-event': delivery.event,
    'x-studio-delivery': delivery.id,
    'x-studio-attempt': String(attempt),
    'x-studio-timestamp': timestamp,
    'x-studio-signature': sign(secret, timestamp, delivery.body),
  };
}
