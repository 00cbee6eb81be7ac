/**
 * Failed-authentication throttle, per peer. The first few failures cost nothing (typos happen);
 * after that each failure locks the peer out for twice as long as the one before, up to a cap, and
 * attempts during a lock-out are refused without being checked. With the defaults, 1,000 guesses
 * take over 160 hours. Purely clock-driven: it owns no timers.
 */
import net from 'node:net';
import type { Clock } from '../api';

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  freeFailures: number;
  /** The first lock-out; each further failure doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A peer with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Peers remembered at once; the least recently failing are forgotten first. */
  maxPeers: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxPeers: 10_000,
};

interface Record {
  failures: number;
  lastFailure: number;
}

export class AuthThrottle {
  private readonly peers = new Map<string, Record>();
  private readonly policy: ThrottlePolicy;

  constructor(
    private readonly clock: Clock,
    policy: Partial<ThrottlePolicy> = {},
  ) {
    this.policy = { ...DEFAULT_THROTTLE, ...policy };
  }

  /** The lock-out that follows a peer's nth failure (0 while failures are still free). */
  delayAfter(failures: number): number {
    const over = failures - this.policy.freeFailures;
    if (over <= 0) return 0;
    // 2^(over-1) grows past the cap long before it could overflow; clamp the exponent anyway.
    return Math.min(this.policy.baseDelayMs * 2 ** Math.min(over - 1, 40), this.policy.maxDelayMs);
  }

  /** Milliseconds until this peer may try again; 0 when it may try now. */
  waitMs(peer: string): number {
    const record = this.current(peer);
    if (!record) return 0;
    return Math.max(0, record.lastFailure + this.delayAfter(record.failures) - this.clock.now());
  }

  failed(peer: string): void {
    const record = this.current(peer) ?? { failures: 0, lastFailure: 0 };
    record.failures += 1;
    record.lastFailure = this.clock.now();
    // Re-insert so Map order is least-recently-failing first.
    this.peers.delete(peer);
    this.peers.set(peer, record);
    while (this.peers.size > this.policy.maxPeers) {
      const oldest = this.peers.keys().next().value;
      if (oldest === undefined) break;
      this.peers.delete(oldest);
    }
  }

  succeeded(peer: string): void {
    this.peers.delete(peer);
  }

  /** Peers currently remembered. */
  size(): number {
    return this.peers.size;
  }

  private current(peer: string): Record | undefined {
    const record = this.peers.get(peer);
    if (record && this.clock.now() - record.lastFailure >= this.policy.forgetAfterMs) {
      this.peers.delete(peer);
      return undefined;
    }
    return record;
  }
}

/**
 * The key a peer is throttled under: its IPv4 address, or the /64 of an IPv6 one (one host usually
 * owns a whole /64, so per-address keys would let it rotate past the throttle).
 */
export function peerKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (net.isIPv6(address)) {
    const groups = expandIPv6(address);
    return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
  }
  return address;
}

function expandIPv6(address: string): string[] | null {
  const [head, tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  if (right.some((g) => g.includes('.')) || left.some((g) => g.includes('.'))) return null;
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, ''));
}
