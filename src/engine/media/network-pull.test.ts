/** NetworkPull's retry timing (reconnect_delay_sec, then the backoff), with a fake clock. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Status, fail, ok } from '../../shared';
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

describe('NetworkPull watchdog', () => {
  // Stands in for an FFmpeg that has opened its input and waits for data: an SRT listener with
  // nobody calling yet, or a caller whose server accepted and sends nothing.
  const dir = mkdtempSync(path.join(tmpdir(), 'pull-watchdog-'));
  const waiting = path.join(dir, 'ffmpeg');
  writeFileSync(waiting, '#!/bin/sh\nexec sleep 600\n');
  chmodSync(waiting, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function pullOf(raw: string): { pull: NetworkPull; clock: FakeClock; lines: string[]; statuses: PullStatus[] } {
    const clock = new FakeClock();
    const url = parseNetworkUrl(raw);
    if (!url.ok) throw new Error(url.error.message);
    const lines: string[] = [];
    const statuses: PullStatus[] = [];
    const pull = new NetworkPull({
      name: 'Phone',
      url: url.value,
      ffmpegPath: async () => ok(waiting),
      clock,
      logger: { log: (level, message) => lines.push(`${level} ${message}`) },
      reconnect: reconnectPolicy({ reconnect_delay_sec: 1 }),
      onStatus: (s) => statuses.push(s),
    });
    return { pull, clock, lines, statuses };
  }

  it('lets an SRT listener wait for its first caller for as long as it takes', async () => {
    const { pull, clock, lines, statuses } = pullOf('srt://0.0.0.0:9000?mode=listener');
    expect(pull.status()).toMatchObject({ state: 'connecting', reason: 'waiting for a caller…' });
    pull.start();
    await expect.poll(() => (pull as unknown as { process: { pid?: number } | null }).process?.pid).toBeTypeOf('number');
    // Ten minutes of fake time, a second at a time (the watchdog checks every second).
    for (let i = 0; i < 600; i++) clock.advance(1000);
    expect(lines.filter((l) => /no data|down/.test(l))).toEqual([]);
    expect(statuses).toEqual([]);
    expect(pull.status()).toMatchObject({ state: 'connecting', reason: 'waiting for a caller…' });
    await pull.dispose();
  });

  it('gives up on a caller that gets no picture in 20 s', async () => {
    const { pull, clock, lines, statuses } = pullOf('srt://127.0.0.1:9000?streamid=cam');
    expect(pull.status().reason).toBe('connecting…');
    pull.start();
    await expect.poll(() => (pull as unknown as { process: { pid?: number } | null }).process?.pid).toBeTypeOf('number');
    for (let i = 0; i < 20; i++) clock.advance(1000);
    expect(lines).toContain('warn network source: no data, reconnecting');
    await expect.poll(() => statuses.at(-1)?.state).toBe('reconnecting');
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
