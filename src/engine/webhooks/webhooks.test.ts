/**
 * Webhooks against real HTTP receivers on loopback, with the engine's events played in by hand and
 * time on a fake clock, so retries, backoff and timeouts are exact and instant. (test/integration/
 * webhooks.test.ts drives a real engine and stream instead.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Status, WEBHOOK_EVENTS, type DestinationState, type StudioDocument, type StudioEvent, type Webhook, type WebhookEvent } from '../../shared';
import type { Logger } from '../api';
import { blankDocument } from '../document/defaults';
import { FakeClock } from '../testing/fake-clock';
import { DEFAULT_POLICY, type DeliveryPolicy } from './policy';
import { closedPort, startReceiver, type Answer, type Receiver } from './test-receiver';
import { Webhooks } from './webhooks';

const SECRET = 'unit-test-signing-secret-0001';
// Generous: the machine is shared, and 120 loopback requests in a row can take a few seconds.
const poll = <T>(fn: () => T) => expect.poll(fn, { timeout: 15_000 });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  hooks: Webhooks;
  clock: FakeClock;
  logs: string[];
  notices: string[];
  emit(event: StudioEvent): void;
  setHooks(hooks: Webhook[]): void;
  secrets: Map<string, string>;
  listeners: Set<(e: StudioEvent) => void>;
}

function rig(initial: Webhook[], policy: Partial<DeliveryPolicy> = {}): Rig {
  let n = 0;
  let doc: StudioDocument = { ...blankDocument(() => `id-${++n}`), webhooks: initial };
  const listeners = new Set<(e: StudioEvent) => void>();
  const logs: string[] = [];
  const notices: string[] = [];
  const clock = new FakeClock();
  const secrets = new Map(initial.map((h) => [h.id, SECRET]));
  const logger: Logger = { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) };
  const emit = (event: StudioEvent): void => {
    for (const l of [...listeners]) l(event);
  };
  const hooks = new Webhooks({
    subscribe: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    document: () => doc,
    secret: (id) => Promise.resolve(secrets.get(id)),
    clock,
    logger,
    notify: (level, message) => notices.push(`${level}: ${message}`),
    policy,
    random: () => 0.5,
  });
  cleanups.push(async () => {
    await hooks.dispose();
    // Nothing leaks into the logs that would let someone forge or replay a delivery.
    const text = logs.join('\n');
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/sha256=|[0-9a-f]{64}/);
  });
  return {
    hooks,
    clock,
    logs,
    notices,
    emit,
    secrets,
    listeners,
    setHooks(next) {
      doc = { ...doc, revision: doc.revision + 1, webhooks: next };
      emit({ type: 'document.changed', data: { document: doc, cause: 'webhook.upsert' } });
    },
  };
}

async function receiver(answer?: Answer, path?: string): Promise<Receiver> {
  const r = await startReceiver(() => SECRET, answer, path);
  cleanups.push(() => r.close());
  return r;
}

const hook = (id: string, url: string, over: Partial<Webhook> = {}): Webhook => ({
  id,
  name: `Hook ${id}`,
  url,
  enabled: true,
  events: [...WEBHOOK_EVENTS],
  hasSecret: true,
  ...over,
});
const stream = (state: DestinationState, message?: string): StudioEvent => ({
  type: 'stream.state',
  data: message ? { state, error: { code: Status.ActionFailed, message } } : { state },
});
const dest = (id: string, state: DestinationState, extra: object = {}): StudioEvent =>
  ({ type: 'destination.state', data: { id, name: id.toUpperCase(), state, attempt: 0, ...extra } }) as StudioEvent;
const events = (r: Receiver): string[] => r.received.map((x) => x.event);
const logged = (t: Rig, msg: string): number => t.logs.filter((l) => (JSON.parse(l) as { msg: string }).msg === msg).length;

describe('Webhooks: deliveries', () => {
  it('sends each derived event, signed, to the enabled webhooks that list it, in order', async () => {
    const all = await receiver();
    const some = await receiver();
    const off = await receiver();
    const t = rig([
      hook('all', all.url),
      hook('some', some.url, { events: ['destination.failed', 'stream.stopped'] }),
      hook('off', off.url, { enabled: false }),
    ]);
    t.emit(stream('connecting'));
    t.emit(stream('live'));
    t.emit(dest('a', 'live'));
    t.emit(dest('b', 'failed', { error: { code: 902, message: 'The server refused the stream.' } }));
    t.emit({ type: 'record.saved', data: { path: '/r/a.mkv', remuxedPath: null, bytes: 10, durationMs: 1000 } });
    t.emit(stream('idle'));
    await poll(() => all.received.length).toBe(5);
    await poll(() => some.received.length).toBe(2);
    expect(events(all)).toEqual(['stream.started', 'destination.live', 'destination.failed', 'recording.saved', 'stream.stopped']);
    expect(events(some)).toEqual(['destination.failed', 'stream.stopped']);
    expect(off.received).toEqual([]);
    for (const r of [...all.received, ...some.received]) {
      expect(r.valid).toBe(true);
      expect(r.json.id).toBe(r.delivery);
      expect(r.json.event).toBe(r.event);
      expect(r.json.studio).toBe('broadcast-studio');
      expect(Date.parse(r.json.timestamp)).toBeGreaterThan(0);
    }
    expect(all.received[2]!.json.data).toEqual({ id: 'b', name: 'B', attempt: 0, retryInMs: null, error: 'The server refused the stream.' });
    // Each webhook has its own delivery ids.
    expect(new Set([...all.received, ...some.received].map((r) => r.delivery)).size).toBe(7);
  });

  it('retries 5xx and 429 on the backoff schedule with the same delivery id, keeping later events behind', async () => {
    const flaky = await receiver((_r, n) => (n === 1 ? 500 : n === 2 ? 429 : 200));
    const t = rig([hook('f', flaky.url)]);
    t.emit(stream('live'));
    t.emit(dest('a', 'live'));
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(1);
    t.clock.advance(999);
    await new Promise((r) => setTimeout(r, 50));
    expect(flaky.received).toHaveLength(1); // not before its time
    t.clock.advance(1);
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(2);
    t.clock.advance(2000);
    await poll(() => flaky.received.length).toBe(4);
    expect(flaky.received.map((r) => [r.event, r.attempt])).toEqual([
      ['stream.started', 1],
      ['stream.started', 2],
      ['stream.started', 3],
      ['destination.live', 1],
    ]);
    const ids = flaky.received.map((r) => r.delivery);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[1]).toBe(ids[2]);
    expect(ids[3]).not.toBe(ids[0]);
    expect(new Set(flaky.received.map((r) => r.body)).size).toBe(2); // a retry sends the same bytes
    expect(flaky.received.every((r) => r.valid)).toBe(true);
    expect(t.notices).toEqual([]);
  });

  it('honours Retry-After and gives up after the last attempt with one warning naming the webhook, not its URL', async () => {
    const down = await receiver(() => ({ status: 503, headers: { 'retry-after': '3' } }), '/hook?token=sekrit-token');
    const t = rig([hook('d', down.url, { name: 'Chat bot' })], { maxAttempts: 3 });
    t.emit(stream('live'));
    t.emit(stream('idle'));
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(1);
    t.clock.advance(2999);
    await new Promise((r) => setTimeout(r, 50));
    expect(down.received).toHaveLength(1);
    t.clock.advance(1);
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(2);
    t.clock.advance(3000);
    // The third attempt fails too: dropped, and the next delivery goes out.
    await poll(() => down.received.length).toBe(4);
    expect(t.notices).toEqual(['warning: Webhook "Chat bot" did not take the stream.started delivery after 3 attempts (HTTP 503); it was dropped.']);
    expect(down.received[3]!.event).toBe('stream.stopped');
    expect(JSON.stringify(t.logs)).not.toContain('sekrit-token');
  });

  it('does not retry a 4xx other than 429', async () => {
    const gone = await receiver(() => 404);
    const t = rig([hook('g', gone.url, { name: 'Gone' })]);
    t.emit(stream('live'));
    await poll(() => t.notices.length).toBe(1);
    t.clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(gone.received).toHaveLength(1);
    expect(t.notices).toEqual(['warning: Webhook "Gone" did not take the stream.started delivery (HTTP 404); it was dropped.']);
  });

  it('times an attempt out on the clock, closes it, and tries again', async () => {
    const slow = await receiver((_r, n) => (n === 1 ? 'hang' : 204));
    const t = rig([hook('s', slow.url)]);
    t.emit(stream('live'));
    await poll(() => slow.openHung()).toBe(1);
    t.clock.advance(DEFAULT_POLICY.timeoutMs - 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(slow.openHung()).toBe(1);
    t.clock.advance(1);
    await poll(() => slow.closedHung()).toBe(1);
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(1);
    t.clock.advance(1000);
    await poll(() => slow.received.length).toBe(2);
    expect(slow.received[1]!.delivery).toBe(slow.received[0]!.delivery);
    expect(t.logs.some((l) => l.includes('no answer in time'))).toBe(true);
  });

  it('a hung receiver holds up only itself, the emitter returns at once, and its queue stays bounded', async () => {
    const stuck = await receiver(() => 'hang');
    const fine = await receiver();
    const t = rig([hook('stuck', stuck.url, { name: 'Stuck' }), hook('fine', fine.url)]);
    const show = (runs: number): void => {
      for (let i = 0; i < runs; i++) {
        t.emit(stream('live'));
        t.emit(stream('idle'));
      }
    };
    // 100 events for 2 webhooks derived and queued inside emit, which returns before any delivery:
    // at most the one request each receiver may have in flight is begun, nothing is awaited, nothing
    // has arrived. (Counted, not timed: a loaded machine makes any time bound meaningless.)
    const posts = vi.spyOn(globalThis, 'fetch');
    cleanups.push(() => posts.mockRestore());
    expect(show(50)).toBeUndefined();
    expect(posts.mock.calls.length, 'requests begun during the burst').toBeLessThanOrEqual(2);
    expect(stuck.received.length + fine.received.length).toBe(0);
    await poll(() => fine.received.length).toBe(100);
    expect(events(fine)).toEqual(Array.from({ length: 100 }, (_, i) => (i % 2 ? 'stream.stopped' : 'stream.started')));
    expect(stuck.received).toHaveLength(1);
    expect(t.notices).toEqual([]);
    // The stuck one holds 1 + 99 of DEFAULT_POLICY.maxQueue = 100 waiting; 20 more push 19 out.
    show(10);
    await poll(() => fine.received.length).toBe(120);
    expect(stuck.received).toHaveLength(1);
    expect(t.notices).toEqual(['warning: Webhook "Stuck" is not keeping up; its oldest queued deliveries are being dropped.']);
    expect(logged(t, 'webhook queue full; oldest delivery dropped')).toBe(19);
  });

  it('drops the queue of a webhook that is removed or disabled, aborting what is in flight', async () => {
    const a = await receiver(() => 'hang');
    const b = await receiver(() => 500);
    const t = rig([hook('a', a.url), hook('b', b.url)]);
    t.emit(stream('live'));
    t.emit(stream('idle'));
    t.emit(stream('live'));
    await poll(() => a.openHung()).toBe(1);
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(1);
    t.setHooks([hook('b', b.url, { enabled: false })]);
    await poll(() => a.closedHung()).toBe(1);
    expect(t.clock.pending()).toBe(0); // b's retry timer went with its queue
    t.clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.received).toHaveLength(1);
    expect(b.received).toHaveLength(1);
    expect(logged(t, 'webhook queue dropped')).toBe(2);
    // Enabled again, it gets new events only.
    b.setAnswer(() => 204);
    t.setHooks([hook('b', b.url)]);
    t.emit(stream('idle'));
    await poll(() => b.received.length).toBe(2);
    expect(b.received[1]!.event).toBe('stream.stopped');
    expect(t.notices).toEqual([]);
  });

  it('drops a delivery when the webhook has no secret, saying so once', async () => {
    const r = await receiver();
    const t = rig([hook('n', r.url, { name: 'Unsigned' })]);
    t.secrets.clear();
    t.emit(stream('live'));
    await poll(() => t.notices.length).toBe(1);
    expect(t.notices[0]).toBe('warning: Webhook "Unsigned" did not take the stream.started delivery (it has no signing secret); it was dropped.');
    expect(r.received).toEqual([]);
  });

  it('dispose stops listening, aborts requests in flight and clears every timer', async () => {
    const hang = await receiver(() => 'hang');
    const down = await receiver(() => 502);
    const t = rig([hook('h', hang.url), hook('d', down.url)]);
    t.emit(stream('live'));
    await poll(() => hang.openHung()).toBe(1);
    await poll(() => logged(t, 'webhook delivery failed; retrying')).toBe(1);
    expect(t.clock.pending()).toBe(2); // h's timeout, d's retry
    await t.hooks.dispose();
    expect(t.clock.pending()).toBe(0);
    expect(t.listeners.size).toBe(0);
    await poll(() => hang.closedHung()).toBe(1);
    t.clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 50));
    expect(down.received).toHaveLength(1);
    expect((await t.hooks.test({ id: 'h' })).ok).toBe(false);
  });
});

describe('Webhooks: webhook.test', () => {
  it('sends one signed test delivery, even to a disabled webhook, and answers the status', async () => {
    const r = await receiver(() => 202);
    const t = rig([hook('x', r.url, { enabled: false })]);
    expect(await t.hooks.test({ id: 'x' })).toEqual({ ok: true, value: { status: 202 } });
    expect(r.received).toHaveLength(1);
    expect(r.received[0]).toMatchObject({ event: 'test', valid: true, attempt: 1 });
    expect(r.received[0]!.json.data).toEqual({ message: 'A test delivery from Broadcast Studio.' });
  });

  it('answers a receiver error status as it is, without retrying', async () => {
    const r = await receiver(() => 500);
    const t = rig([hook('x', r.url)]);
    expect(await t.hooks.test({ id: 'x' })).toEqual({ ok: true, value: { status: 500 } });
    t.clock.advance(60_000);
    await new Promise((res) => setTimeout(res, 50));
    expect(r.received).toHaveLength(1);
  });

  it('fails clearly: bad arguments, unknown webhook, no secret, unreachable, timeout', async () => {
    const port = await closedPort();
    const hang = await receiver(() => 'hang');
    const t = rig([hook('gone', `http://127.0.0.1:${port}/x?token=abc`, { name: 'Nowhere' }), hook('slow', hang.url, { name: 'Slow' }), hook('bare', hang.url, { name: 'Bare' })]);
    t.secrets.delete('bare');
    expect(await t.hooks.test({})).toMatchObject({ ok: false, error: { code: Status.MissingRequestField, field: 'id' } });
    expect(await t.hooks.test({ id: 'x', extra: 1 })).toMatchObject({ ok: false, error: { code: Status.InvalidRequestField, field: 'extra' } });
    expect(await t.hooks.test({ id: 'nope' })).toMatchObject({ ok: false, error: { code: Status.ResourceNotFound, field: 'id' } });
    expect(await t.hooks.test({ id: 'bare' })).toEqual({
      ok: false,
      error: { code: Status.InvalidResourceState, message: 'Webhook "Bare" has no signing secret; set one and try again.' },
    });
    expect(await t.hooks.test({ id: 'gone' })).toEqual({
      ok: false,
      error: { code: Status.DestinationUnreachable, message: 'Webhook "Nowhere" could not be reached: the connection was refused.' },
    });
    const pending = t.hooks.test({ id: 'slow' });
    await poll(() => hang.openHung()).toBe(1);
    t.clock.advance(DEFAULT_POLICY.timeoutMs);
    expect(await pending).toEqual({ ok: false, error: { code: Status.ActionFailed, message: 'Webhook "Slow" did not answer within 10 s.' } });
    await poll(() => hang.closedHung()).toBe(1);
  });
});

// Types kept honest: every event the model offers is one ShowEvents can produce.
const _all: readonly WebhookEvent[] = WEBHOOK_EVENTS;
void _all;
