/**
 * The webhooks section's pure parts: event labels, the add form's checks (the engine checks again
 * and has the last word), and how URLs and test answers are shown.
 */
import { WEBHOOK_EVENTS, type CommandArgs, type Result, type WebhookEvent } from '../../../shared';

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'stream.started': 'Stream started',
  'stream.stopped': 'Stream stopped',
  'destination.live': 'Destination live',
  'destination.reconnecting': 'Destination reconnecting',
  'destination.failed': 'Destination failed',
  'recording.saved': 'Recording saved',
  'stream.report': 'Stream report saved',
};

/** The engine's limits on a secret the user chooses (schemas.ts). */
export const SECRET_MIN = 16;
export const SECRET_MAX = 512;

export interface WebhookDraft {
  url: string;
  name: string;
  events: WebhookEvent[];
  /** Empty: the engine generates one and shows it once. */
  secret: string;
}

export const blankWebhook = (): WebhookDraft => ({ url: '', name: '', events: [...WEBHOOK_EVENTS], secret: '' });

/** Turns one event on or off, keeping the model's order so the list reads the same everywhere. */
export function toggleEvent(events: readonly WebhookEvent[], event: WebhookEvent, on: boolean): WebhookEvent[] {
  const next = new Set(events);
  if (on) next.add(event);
  else next.delete(event);
  return WEBHOOK_EVENTS.filter((e) => next.has(e));
}

export function urlProblem(url: string): string | null {
  const text = url.trim();
  if (text === '') return 'Enter the URL the studio should POST to.';
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return 'The URL must be a complete http:// or https:// address.';
  }
  if (!['http:', 'https:'].includes(parsed.protocol) || parsed.hostname === '') return 'The URL must be a complete http:// or https:// address.';
  return null;
}

/** Why the draft cannot be added yet, or null. */
export function draftProblem(d: WebhookDraft): string | null {
  const url = urlProblem(d.url);
  if (url) return url;
  if (d.events.length === 0) return 'Choose at least one event.';
  if (d.secret !== '' && d.secret.length < SECRET_MIN) return `A secret of your own must be at least ${SECRET_MIN} characters long (or leave it empty for a generated one).`;
  if (d.secret.length > SECRET_MAX) return `The secret must be at most ${SECRET_MAX} characters long.`;
  return null;
}

export function addArgs(d: WebhookDraft): CommandArgs<'webhook.upsert'> {
  return {
    url: d.url.trim(),
    events: d.events,
    ...(d.name.trim() === '' ? {} : { name: d.name.trim() }),
    ...(d.secret === '' ? {} : { secret: d.secret }),
  };
}

/** The URL for the screen: without its query or credentials, either of which may hold a token. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

export type TestOutcome = { ok: boolean; text: string };

/** A test's answer in words: the receiver's status (2xx is a pass), or why it never answered. */
export function testOutcome(r: Result<{ status: number }>): TestOutcome {
  if (!r.ok) return { ok: false, text: r.error.message };
  const { status } = r.value;
  const words = `${status}${REASONS[status] ? ` ${REASONS[status]}` : ''}`;
  if (status >= 200 && status < 300) return { ok: true, text: `The receiver answered ${words}.` };
  if (status === 401 || status === 403) return { ok: false, text: `The receiver answered ${words}: check that it uses this webhook's secret.` };
  return { ok: false, text: `The receiver answered ${words}.` };
}
