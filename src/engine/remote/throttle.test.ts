import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock';
import { AuthThrottle, DEFAULT_THROTTLE, peerKey } from './throttle';

const HOUR = 3_600_000;

/** An attacker who guesses the moment the throttle lets it; returns how long n guesses take. */
function bruteForce(throttle: AuthThrottle, clock: FakeClock, guesses: number, peer = '203.0.113.9'): number {
  const start = clock.now();
  for (let i = 0; i < guesses; i++) {
    const wait = throttle.waitMs(peer);
    if (wait > 0) clock.jump(wait);
    expect(throttle.waitMs(peer)).toBe(0);
    throttle.failed(peer);
  }
  return clock.now() - start;
}

describe('AuthThrottle', () => {
  it('three free failures, then 2 s, 4 s, 8 s … doubling, capped at 10 minutes', () => {
    const throttle = new AuthThrottle(new FakeClock());
    const delays = Array.from({ length: 14 }, (_, i) => throttle.delayAfter(i + 1) / 1000);
    expect(delays).toEqual([0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600]);
    expect(throttle.delayAfter(10_000)).toBe(DEFAULT_THROTTLE.maxDelayMs);
  });

  it('1,000 guesses as fast as allowed take over 160 hours', () => {
    const clock = new FakeClock();
    const elapsed = bruteForce(new AuthThrottle(clock), clock, 1000);
    // 2+4+…+512 s, then 987 lock-outs of 600 s.
    expect(elapsed).toBe((1022 + 987 * 600) * 1000);
    expect(elapsed).toBeGreaterThan(160 * HOUR);
  });

  it('waiting for the failures to be forgotten does not help: 1,000 guesses still take days', () => {
    const clock = new FakeClock();
    const throttle = new AuthThrottle(clock);
    const peer = '198.51.100.7';
    const start = clock.now();
    let guesses = 0;
    while (guesses < 1000) {
      // Guess while lock-outs are short (under a minute), then go quiet until forgotten.
      while (guesses < 1000 && throttle.waitMs(peer) < 60_000) {
        clock.jump(throttle.waitMs(peer));
        throttle.failed(peer);
        guesses += 1;
      }
      clock.jump(DEFAULT_THROTTLE.forgetAfterMs);
    }
    expect(clock.now() - start).toBeGreaterThan(24 * HOUR);
  });

  it('an attempt during a lock-out is refused without extending it; success forgets the peer', () => {
    const clock = new FakeClock();
    const throttle = new AuthThrottle(clock);
    for (let i = 0; i < 4; i++) throttle.failed('a');
    expect(throttle.waitMs('a')).toBe(2000);
    clock.advance(1500);
    expect(throttle.waitMs('a')).toBe(500);
    expect(throttle.waitMs('b')).toBe(0);
    throttle.succeeded('a');
    expect(throttle.waitMs('a')).toBe(0);
    expect(throttle.size()).toBe(0);
  });

  it('forgets a quiet peer and never remembers more than maxPeers', () => {
    const clock = new FakeClock();
    const throttle = new AuthThrottle(clock, { maxPeers: 3 });
    for (let i = 0; i < 5; i++) throttle.failed('quiet');
    clock.advance(DEFAULT_THROTTLE.forgetAfterMs);
    expect(throttle.waitMs('quiet')).toBe(0);
    for (const peer of ['p1', 'p2', 'p3', 'p4']) throttle.failed(peer);
    expect(throttle.size()).toBe(3);
  });
});

describe('peerKey', () => {
  it('unwraps IPv4-mapped addresses and groups IPv6 by /64', () => {
    expect(peerKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(peerKey('10.0.0.2')).toBe('10.0.0.2');
    expect(peerKey('2001:db8:1:2:aaaa::1')).toBe(peerKey('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(peerKey('2001:db8:1:2::1')).not.toBe(peerKey('2001:db8:1:3::1'));
    expect(peerKey('::1')).toBe('0:0:0:0::/64');
    expect(peerKey(undefined)).toBe('unknown');
  });
});
