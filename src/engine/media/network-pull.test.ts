/** NetworkPull's retry timing (reconnect_delay_sec, then the backoff), with a fake clock. */
import { describe, expect, it } from 'vitest';
import { Status, fail } from '../../shared';
import type { Logger } from '../api';
import { FakeClock } from '../testing/fake-clock';
import { NetworkPull, failureCause, retryDelayMs, type PullStatus } from './network-pull';
import { parseNetworkUrl, reconnectPolicy } from './network-url';

describe('retryDelayMs', () => {
  it('waits reconnect_delay_sec first, then doubles up to the cap, never sooner than the delay', () => {
    const policy = reconnectPolicy({ reconnect_delay_sec: 5 });
    const mid = (): number => 0.5; // no jitter
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, mid))).toEqual([5000, 10_000, 20_000, 40_000, 60_000]);
    // The jitter's lower half would come sooner than the delay the user set: it waits the delay.
    expect(retryDelayMs(1, policy, () => 0)).toBe(5000);
    expect(retryDelayMs(1, policy, () => 0.999)).toBeGreaterThan(5000);
  });
});

describe('NetworkPull reconnect', () => {
  it('retries after reconnect_delay_sec, then after the grown backoff', async () => {
    const clock = new FakeClock();
    const url = parseNetworkUrl('srt://127.0.0.1:9?passphrase=0123456789abc');
    if (!url.ok) throw new Error(url.error.message);
    let tries = 0;
    const statuses: PullStatus[] = [];
    const delays: unknown[] = [];
    const logger: Logger = { log: (_l, _m, f) => f?.['delayMs'] !== undefined && delays.push(f['delayMs']) };
    const pull = new NetworkPull({
      name: 'Cam',
      url: url.value,
      // No FFmpeg: every attempt fails at once, which is all the timing needs.
      ffmpegPath: async () => {
        tries++;
        return fail(Status.NotReady, 'not installed');
      },
      clock,
      logger,
      reconnect: reconnectPolicy({ reconnect_delay_sec: 3 }),
      onStatus: (s) => statuses.push(s),
      random: () => 0.5,
    });
    pull.start();
    await expect.poll(() => tries).toBe(1);
    await expect.poll(() => statuses.length).toBe(1);
    expect(statuses[0]).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(delays).toEqual([3000]);
    clock.advance(2999);
    await Promise.resolve();
    expect(tries).toBe(1);
    clock.advance(1);
    await expect.poll(() => tries).toBe(2);
    await expect.poll(() => delays.length).toBe(2);
    expect(delays).toEqual([3000, 6000]);
    clock.advance(6000);
    await expect.poll(() => delays).toEqual([3000, 6000, 12_000]);
    await pull.dispose();
  });
});

describe('failureCause', () => {
  it("finds the line that says why, not the concat list's own complaint", () => {
    expect(failureCause(["[hls @ 0x1] Format not on whitelist 'flv'", "[concat @ 0x2] Impossible to open '***'", 'pipe:5: Invalid argument'])).toBe("[hls @ 0x1] Format not on whitelist 'flv'");
    expect(failureCause(['[tls @ 0x1] Peer certificate failed verification', '[rtmps @ 0x2] Cannot open connection tls://h:443', "[concat @ 0x3] Impossible to open '***'"])).toBe('[tls @ 0x1] Peer certificate failed verification');
    expect(failureCause(["[concat @ 0x3] Impossible to open '***'", 'pipe:5: Input/output error'])).toBeNull();
  });
});
