/**
 * The destination state machine on a fake clock. The pusher is the StartPush port, driven by hand:
 * each attempt can report progress (bytes handed to the network) or end with a classified failure.
 */
import { describe, expect, it } from 'vitest';
import { Status, type StudioError } from '../../shared';
import type { Logger } from '../api';
import { FakeClock } from '../testing/fake-clock';
import type { ExitFailure } from './classify-exit';
import { DestinationRunner, type DestinationChange, type DestinationTiming, type PushEvents } from './destination';

const silent: Logger = { log: () => {} };
const LOST: ExitFailure = { kind: 'lost', retryable: true, error: { code: Status.DestinationUnreachable, message: 'The connection to the server was lost.' } };
const REFUSED: ExitFailure = { kind: 'refused', retryable: true, error: { code: Status.DestinationUnreachable, message: 'The server refused the connection.' } };
const REJECTED: ExitFailure = { kind: 'rejected', retryable: false, error: { code: Status.DestinationUnreachable, message: 'The server refused the stream; check the stream key.' } };

interface Attempt {
  events: PushEvents;
  stopped: boolean;
  killed: boolean;
  dropped: number;
}

function setup(timing: Partial<DestinationTiming> = {}, random = () => 0.5) {
  const clock = new FakeClock();
  const changes: DestinationChange[] = [];
  const attempts: Attempt[] = [];
  const runner = new DestinationRunner({
    id: 'd1',
    name: 'Twitch',
    clock,
    logger: silent,
    timing,
    random,
    startPush: (events) => {
      const a: Attempt = { events, stopped: false, killed: false, dropped: 0 };
      attempts.push(a);
      return {
        ok: true,
        value: {
          stop: async () => void (a.stopped = true),
          kill: async () => void (a.killed = true),
          counters: () => ({ dropped: a.dropped, congestion: 0.25 }),
        },
      };
    },
    onChange: (c) => changes.push(c),
  });
  const last = (): Attempt => attempts.at(-1)!;
  /** Reports `bytes` sent once a second for `seconds` seconds, growing each time. */
  const flow = (seconds: number, perSecond = 10_000): void => {
    const a = last();
    for (let i = 0; i < seconds; i++) {
      clock.advance(1000);
      sent.set(a, (sent.get(a) ?? 0) + perSecond);
      a.events.progress(sent.get(a)!, (i + 1) * 30);
    }
  };
  const sent = new Map<Attempt, number>();
  const states = (): string[] => changes.map((c) => c.state);
  return { clock, runner, changes, attempts, last, flow, states };
}

describe('DestinationRunner', () => {
  it('goes connecting → live once bytes reach the network, with stats from this run', () => {
    const t = setup();
    expect(t.runner.start()).toBe(true);
    expect(t.runner.state()).toBe('connecting');
    t.last().events.progress(0, 0);
    expect(t.runner.state()).toBe('connecting');
    t.flow(3);
    expect(t.states()).toEqual(['connecting', 'live']);
    const s = t.runner.stats();
    expect(s).toMatchObject({ id: 'd1', name: 'Twitch', state: 'live', bytesSent: 30_000, framesSent: 90, reconnects: 0, congestion: 0.25, lastError: null });
    expect(s.bitrateKbps).toBe(80); // 10 000 B/s
    expect(s.uptimeMs).toBe(2000);
  });

  it('reconnects a lost connection after 1 s, 2 s, 4 s … capped at 60 s, and counts the reconnects', () => {
    const t = setup({}, () => 0.5); // no jitter
    t.runner.start();
    t.flow(2);
    const delays: number[] = [];
    t.last().events.exit(LOST);
    for (let i = 0; i < 9; i++) {
      const c = t.changes.at(-1)!;
      expect(c.state).toBe('reconnecting');
      expect(c.attempt).toBe(i + 1);
      expect(c.error?.message).toMatch(/lost|refused/);
      delays.push(c.retryInMs!);
      const before = t.attempts.length;
      t.clock.advance(c.retryInMs! - 1);
      expect(t.attempts.length).toBe(before); // not a moment early
      t.clock.advance(1);
      expect(t.attempts.length).toBe(before + 1);
      expect(t.runner.state()).toBe('connecting');
      t.last().events.exit(REFUSED); // the server is still down: refused, retry again
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(t.runner.stats().reconnects).toBe(10);
  });

  it('jitters each wait by up to ±20 %', () => {
    const low = setup({}, () => 0);
    low.runner.start();
    low.flow(1);
    low.last().events.exit(LOST);
    expect(low.changes.at(-1)!.retryInMs).toBe(800);
    const high = setup({}, () => 0.999);
    high.runner.start();
    high.flow(1);
    high.last().events.exit(LOST);
    expect(high.changes.at(-1)!.retryInMs).toBe(1200);
  });

  it('starts counting attempts again after a stable run, not after a short one', () => {
    const t = setup({ stableMs: 60_000 });
    t.runner.start();
    t.flow(2);
    t.last().events.exit(LOST); // attempt 1
    t.clock.advance(1000);
    t.flow(5); // live again, but only 5 s
    t.last().events.exit(LOST);
    expect(t.changes.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 2, retryInMs: 2000 });
    t.clock.advance(2000);
    t.flow(61); // a stable run
    t.last().events.exit(LOST);
    expect(t.changes.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1, retryInMs: 1000 });
  });

  it('counts a stall as lost: no growth of bytes sent for stallMs while live', () => {
    const t = setup({ stallMs: 5000 });
    t.runner.start();
    t.flow(3);
    const a = t.last();
    // Progress keeps coming but the byte count stands still (a frozen server, TCP not told).
    for (let i = 0; i < 4; i++) {
      t.clock.advance(1000);
      a.events.progress(30_000, 100);
    }
    expect(t.runner.state()).toBe('live');
    t.clock.advance(999);
    expect(t.runner.state()).toBe('live');
    t.clock.advance(1);
    expect(t.runner.state()).toBe('reconnecting');
    expect(a.killed).toBe(true);
    expect(t.changes.at(-1)!.error?.message).toMatch(/Nothing reached the server for 5 s/);
    // A late report from the killed pusher changes nothing.
    a.events.progress(99_999, 999);
    a.events.exit(LOST);
    expect(t.runner.state()).toBe('reconnecting');
    expect(t.runner.stats().bytesSent).toBe(30_000);
  });

  it('counts silence (no progress at all) as a stall too', () => {
    const t = setup({ stallMs: 3000 });
    t.runner.start();
    t.flow(1);
    t.clock.advance(3000);
    expect(t.runner.state()).toBe('reconnecting');
  });

  it('gives up on an attempt that is not live within connectTimeoutMs', () => {
    const t = setup({ connectTimeoutMs: 8000 });
    t.runner.start();
    t.flow(2);
    t.last().events.exit(LOST);
    t.clock.advance(1000);
    const stuck = t.last();
    expect(t.runner.state()).toBe('connecting');
    t.clock.advance(7999);
    expect(t.runner.state()).toBe('connecting');
    t.clock.advance(1);
    expect(stuck.killed).toBe(true);
    expect(t.changes.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 2 });
    expect(t.changes.at(-1)!.error?.message).toMatch(/did not accept the stream within 8 s/);
  });

  it('fails without retrying when the server rejects the key, naming the cause', () => {
    const t = setup();
    t.runner.start();
    t.flow(2);
    t.last().events.exit(REJECTED);
    expect(t.runner.state()).toBe('failed');
    expect(t.changes.at(-1)!.error).toEqual(REJECTED.error);
    t.clock.advance(10 * 60_000);
    expect(t.attempts).toHaveLength(1);
    expect(t.clock.pending()).toBe(0);
    expect(t.runner.stats().lastError).toMatch(/stream key/);
  });

  it('fails at once when the first connect of a start fails, even for a retryable cause', () => {
    const t = setup();
    t.runner.start();
    t.last().events.exit(REFUSED);
    expect(t.states()).toEqual(['connecting', 'failed']);
    expect(t.clock.pending()).toBe(0);
  });

  it('reconnect now: skips the wait, restarts a failed one, and replaces a live connection', () => {
    const t = setup();
    t.runner.start();
    t.flow(2);
    t.last().events.exit(LOST);
    t.flow(0);
    expect(t.runner.reconnectNow()).toBe(true);
    expect(t.runner.state()).toBe('connecting');
    expect(t.attempts).toHaveLength(2);
    t.flow(1);
    const live = t.last();
    expect(t.runner.reconnectNow()).toBe(true);
    expect(live.killed).toBe(true);
    expect(t.attempts).toHaveLength(3);
    t.last().events.exit(REJECTED);
    expect(t.runner.state()).toBe('failed');
    expect(t.runner.reconnectNow()).toBe(true);
    expect(t.runner.state()).toBe('connecting');
    expect(t.attempts).toHaveLength(4);
  });

  it('stop ends the pusher cleanly from any active state and leaves no timer', async () => {
    const t = setup();
    t.runner.start();
    t.flow(2);
    t.last().events.exit(LOST);
    const stopped = t.runner.stop();
    expect(t.runner.state()).toBe('stopping');
    await stopped;
    expect(t.runner.state()).toBe('idle');
    expect(t.clock.pending()).toBe(0);
    t.runner.start();
    t.flow(1);
    const a = t.last();
    await t.runner.stop();
    expect(a.stopped).toBe(true);
    expect(t.states().slice(-4)).toEqual(['connecting', 'live', 'stopping', 'idle']);
    expect(t.clock.pending()).toBe(0);
  });

  it('adds up bytes, frames and drops over reconnects, and fail() from outside stops it', async () => {
    const t = setup();
    t.runner.start();
    t.flow(2);
    t.last().dropped = 7;
    t.last().events.exit(LOST);
    t.clock.advance(1000);
    t.flow(1);
    t.last().dropped = 3;
    expect(t.runner.stats()).toMatchObject({ bytesSent: 30_000, framesSent: 90, dropped: 10, reconnects: 1 });
    const cause: StudioError = { code: Status.ActionFailed, message: 'The encoder stopped.' };
    const a = t.last();
    await t.runner.fail(cause);
    expect(a.killed).toBe(true);
    expect(t.changes.at(-1)).toMatchObject({ state: 'failed', error: cause });
    expect(t.clock.pending()).toBe(0);
  });

  it('dispose kills the pusher, clears its timers and says nothing more', async () => {
    const t = setup();
    t.runner.start();
    t.flow(1);
    const n = t.changes.length;
    const a = t.last();
    await t.runner.dispose();
    expect(a.killed).toBe(true);
    expect(t.clock.pending()).toBe(0);
    a.events.exit(LOST);
    expect(t.changes).toHaveLength(n);
  });
});
