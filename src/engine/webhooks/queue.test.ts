import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { makeDelivery, type Delivery } from './payload';
import { DEFAULT_POLICY, judge, retryDelay, type DeliveryPolicy, type Outcome } from './policy';
import { DeliveryQueue } from './queue';

const mid = (): number => 0.5; // no jitter
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const delivery = (n: number): Delivery => makeDelivery({ event: 'stream.started', data: {} }, 0, `d${n}`);

describe('retry policy', () => {
  it('waits 1, 2, 4, 8 s between the five attempts, capped at 30 s, with ±20 % jitter', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((n) => retryDelay(n, DEFAULT_POLICY, mid))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(DEFAULT_POLICY.maxAttempts).toBe(5);
    expect(retryDelay(1, DEFAULT_POLICY, () => 0)).toBe(800);
    expect(retryDelay(1, DEFAULT_POLICY, () => 0.999999)).toBe(1200);
  });

  it('heeds Retry-After when it asks for longer, within the cap', () => {
    expect(retryDelay(1, DEFAULT_POLICY, mid, 5000)).toBe(5000);
    expect(retryDelay(3, DEFAULT_POLICY, mid, 100)).toBe(4000);
    expect(retryDelay(1, DEFAULT_POLICY, mid, 3_600_000)).toBe(30_000);
  });

  it('retries network errors, timeouts, 5xx and 429; not other 4xx or 3xx', () => {
    expect(judge({ kind: 'status', status: 204 })).toEqual({ kind: 'delivered', status: 204 });
    for (const status of [500, 502, 503, 429]) expect(judge({ kind: 'status', status }).kind, String(status)).toBe('retry');
    for (const status of [400, 401, 403, 404, 410, 301, 302]) expect(judge({ kind: 'status', status }).kind, String(status)).toBe('reject');
    expect(judge({ kind: 'timeout' }).kind).toBe('retry');
    expect(judge({ kind: 'unreachable', reason: 'the connection was refused' })).toEqual({ kind: 'retry', reason: 'the connection was refused' });
    expect(judge({ kind: 'status', status: 429, retryAfterMs: 2000 })).toEqual({ kind: 'retry', reason: 'HTTP 429', retryAfterMs: 2000 });
  });
});

/** A queue whose attempts are answered by the test, one at a time. */
function rig(policy: Partial<DeliveryPolicy> = {}) {
  const clock = new FakeClock(0);
  const calls: Array<{ id: string; n: number; at: number; answer(o: Outcome): void; signal: AbortSignal }> = [];
  const log: string[] = [];
  const queue = new DeliveryQueue({
    clock,
    policy: { ...DEFAULT_POLICY, ...policy },
    random: mid,
    attempt: (d, n, signal) =>
      new Promise<Outcome>((resolve) => {
        calls.push({ id: d.id, n, at: clock.now(), answer: resolve, signal });
        signal.addEventListener('abort', () => resolve({ kind: 'aborted' }));
      }),
    report: {
      delivered: (d, n, status) => log.push(`delivered ${d.id} #${n} ${status}`),
      retrying: (d, n, reason, ms) => log.push(`retry ${d.id} #${n} ${reason} in ${ms}`),
      dropped: (d, n, reason) => log.push(`dropped ${d.id} after ${n}: ${reason}`),
      overflowed: (d, first) => log.push(`overflow ${d.id}${first ? ' (first)' : ''}`),
    },
  });
  const last = () => calls.at(-1)!;
  return { clock, calls, log, queue, last };
}

describe('DeliveryQueue', () => {
  it('sends in order, one at a time, and starts nothing inside push()', async () => {
    const { queue, calls, log, last } = rig();
    for (let i = 1; i <= 3; i++) queue.push(delivery(i));
    expect(calls).toEqual([]); // push returned before any attempt began
    await flush();
    expect(calls.map((c) => c.id)).toEqual(['d1']);
    last().answer({ kind: 'delivered', status: 200 });
    await flush();
    expect(calls.map((c) => c.id)).toEqual(['d1', 'd2']);
    last().answer({ kind: 'delivered', status: 204 });
    await flush();
    last().answer({ kind: 'delivered', status: 200 });
    await flush();
    expect(log).toEqual(['delivered d1 #1 200', 'delivered d2 #1 204', 'delivered d3 #1 200']);
    expect(queue.size()).toBe(0);
  });

  it('retries on the backoff schedule, holding later deliveries back, then drops once after the last attempt', async () => {
    const { queue, calls, log, last, clock } = rig();
    queue.push(delivery(1));
    queue.push(delivery(2));
    await flush();
    for (let n = 1; n <= 5; n++) {
      expect(last()).toMatchObject({ id: 'd1', n });
      last().answer({ kind: 'retry', reason: 'HTTP 500' });
      await flush();
      if (n < 5) {
        expect(clock.pending()).toBe(1);
        clock.advance(retryDelay(n, DEFAULT_POLICY, mid) - 1);
        await flush();
        expect(calls).toHaveLength(n); // not a millisecond early
        clock.advance(1);
        await flush();
      }
    }
    expect(calls.map((c) => [c.id, c.n, c.at])).toEqual([
      ['d1', 1, 0],
      ['d1', 2, 1000],
      ['d1', 3, 3000],
      ['d1', 4, 7000],
      ['d1', 5, 15_000],
      ['d2', 1, 15_000],
    ]);
    expect(log.filter((l) => l.startsWith('dropped'))).toEqual(['dropped d1 after 5: HTTP 500']);
  });

  it('does not retry a refusal', async () => {
    const { queue, calls, log, last, clock } = rig();
    queue.push(delivery(1));
    await flush();
    last().answer({ kind: 'reject', reason: 'HTTP 404' });
    await flush();
    clock.advance(60_000);
    await flush();
    expect(calls).toHaveLength(1);
    expect(log).toEqual(['dropped d1 after 1: HTTP 404']);
  });

  it('is bounded: the oldest waiting delivery makes room, with one warning per spell of overflow', async () => {
    const { queue, calls, log, last } = rig({ maxQueue: 3 });
    for (let i = 1; i <= 6; i++) queue.push(delivery(i)); // d1 in flight, d2..d6 arrive for 3 places
    await flush();
    expect(queue.size()).toBe(4);
    expect(log).toEqual(['overflow d2 (first)', 'overflow d3']);
    for (let i = 0; i < 4; i++) {
      last().answer({ kind: 'delivered', status: 200 });
      await flush();
    }
    expect(calls.map((c) => c.id)).toEqual(['d1', 'd4', 'd5', 'd6']);
    // Drained: a later overflow warns again.
    for (let i = 7; i <= 11; i++) queue.push(delivery(i));
    await flush();
    expect(log.filter((l) => l.includes('first'))).toEqual(['overflow d2 (first)', 'overflow d8 (first)']);
  });

  it('dispose aborts the attempt in flight, clears its timer and drops the rest', async () => {
    const { queue, calls, clock, last, log } = rig();
    queue.push(delivery(1));
    queue.push(delivery(2));
    await flush();
    last().answer({ kind: 'retry', reason: 'HTTP 503' });
    await flush();
    expect(clock.pending()).toBe(1);
    await queue.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    await flush();
    expect(calls).toHaveLength(1);

    const other = rig();
    other.queue.push(delivery(1));
    await flush();
    const inFlight = other.last();
    await other.queue.dispose();
    expect(inFlight.signal.aborted).toBe(true);
    other.queue.push(delivery(2));
    await flush();
    expect(other.calls).toHaveLength(1);
    expect([...log, ...other.log].filter((l) => !l.startsWith('retry'))).toEqual([]);
  });
});
