/**
 * Hysteresis for the diagnosis: a cause counts from the first second it is seen (a problem should
 * be told at once) but stays for a calm period after it was last seen, at the worst severity seen
 * in that period, so a stream that loses frames every few seconds does not flip between "ok" and a
 * warning every second. The loss figures already span a window (./window.ts), so a burst is visible
 * for that window plus the calm period. A new diagnosis is only reported when it changes materially
 * (see show()).
 */
import type { Diagnosis } from '../../shared';
import { compose, NO_DIAGNOSIS, type ActiveCause } from './compose';
import type { Finding } from './findings';

interface Seen {
  finding: Finding;
  /** When it was last seen at all, and last seen as a problem. */
  warnAt: number;
  problemAt: number;
}

const NUMBER = /\d+(?:\.\d+)?/g;

/** Another cause, severity or wording is news at once. */
export function materiallyDifferent(a: Diagnosis, b: Diagnosis): boolean {
  const words = (m: string): string => m.replace(NUMBER, '#');
  return a.severity !== b.severity || a.where !== b.where || a.destinationId !== b.destinationId || words(a.message) !== words(b.message);
}

/**
 * The same diagnosis in other numbers ("14 frames" vs "15 frames") is not news; numbers that have
 * doubled or halved are worth a refresh, at most every REFRESH_MS, so the figures shown do not go
 * stale without the diagnosis changing every second.
 */
export function numbersMoved(a: string, b: string): boolean {
  const x = a.match(NUMBER) ?? [];
  const y = b.match(NUMBER) ?? [];
  if (x.length !== y.length) return true;
  return x.some((v, i) => {
    const [lo, hi] = [Number(v), Number(y[i])].sort((p, q) => p - q) as [number, number];
    return lo === 0 ? hi > 0 : hi / lo >= 2;
  });
}

export const REFRESH_MS = 10_000;

export class Settle {
  private readonly seen = new Map<string, Seen>();
  private shown: Diagnosis = NO_DIAGNOSIS;
  private shownAt = -Infinity;

  constructor(private readonly calmMs: number) {}

  current(): Diagnosis {
    return this.shown;
  }

  /**
   * Takes what is wrong at time t (ms) and returns the new diagnosis when it changed materially,
   * else null. `destinations`: how many destinations the stream sends to now.
   */
  update(found: readonly Finding[], t: number, destinations: number): Diagnosis | null {
    for (const f of found) {
      const prev = this.seen.get(f.key);
      this.seen.set(f.key, { finding: f, warnAt: t, problemAt: f.severity === 'problem' ? t : (prev?.problemAt ?? -Infinity) });
    }
    const active: ActiveCause[] = [];
    for (const [key, s] of this.seen) {
      if (t - s.problemAt < this.calmMs) active.push({ finding: s.finding, severity: 'problem' });
      else if (t - s.warnAt < this.calmMs) active.push({ finding: s.finding, severity: 'warning' });
      else this.seen.delete(key);
    }
    return this.show(compose(active, this.shown.destinationId, destinations), t);
  }

  /** Nothing is running: nothing is being lost, at once. */
  reset(t: number): Diagnosis | null {
    this.seen.clear();
    return this.show(NO_DIAGNOSIS, t);
  }

  private show(next: Diagnosis, t: number): Diagnosis | null {
    const refresh = t - this.shownAt >= REFRESH_MS && numbersMoved(this.shown.message, next.message);
    if (!refresh && !materiallyDifferent(this.shown, next)) return null;
    this.shown = next;
    this.shownAt = t;
    return next;
  }
}
