import { describe, expect, it } from 'vitest';
import { FrameClock, type Tick, type TimerPort } from './clock';

/** A fake clock: timers fire only when the test advances time (as a busy page would make them late). */
class FakeTimers implements TimerPort {
  t = 1000;
  private q: { at: number; fn: () => void; id: number }[] = [];
  private id = 0;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.id;
    this.q.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.q = this.q.filter((e) => e.id !== h);
  };
  get pending(): number {
    return this.q.length;
  }
  /** Runs due timers in order up to time `to`; `busy` ms of work happen inside each callback. */
  advance(to: number, busy = 0): void {
    for (;;) {
      this.q.sort((a, b) => a.at - b.at);
      const next = this.q[0];
      if (!next || next.at > to) break;
      this.q.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
      this.t += busy;
    }
    this.t = Math.max(this.t, to);
  }
}

const setup = (num = 30, den = 1): { timers: FakeTimers; ticks: Tick[]; clock: FrameClock } => {
  const timers = new FakeTimers();
  const ticks: Tick[] = [];
  const clock = new FrameClock(timers, (t) => ticks.push(t), num, den);
  return { timers, ticks, clock };
};

describe('FrameClock', () => {
  it('ticks on the n·1000·D/N grid without drift', () => {
    const { timers, ticks, clock } = setup(30, 1);
    clock.start();
    timers.advance(1000 + 10_000);
    expect(ticks.length).toBe(301);
    expect(ticks.every((t, i) => t.index === i && t.missed === 0)).toBe(true);
    expect(ticks[300]!.dueMs).toBeCloseTo(1000 + 10_000, 6);
  });

  it('handles fractional rates (30000/1001)', () => {
    const { timers, ticks, clock } = setup(30000, 1001);
    clock.start();
    timers.advance(1000 + 60_060);
    expect(ticks.at(-1)!.index).toBe(1800);
    expect(ticks.every((t) => t.missed === 0)).toBe(true);
  });

  it('jumps to the current tick and reports the missed ones when the page was busy', () => {
    const { timers, ticks, clock } = setup(30, 1);
    clock.start();
    timers.advance(1000); // tick 0
    timers.t = 1000 + 250; // the page stalled for 250 ms
    timers.advance(1000 + 250);
    const last = ticks.at(-1)!;
    expect(last.index).toBe(7);
    expect(last.missed).toBe(6);
    timers.advance(1000 + 300);
    expect(ticks.at(-1)!.index).toBe(9);
    expect(ticks.at(-1)!.missed).toBe(0);
  });

  it('keeps indices monotonic across a rate change and follows the new rate', () => {
    const { timers, ticks, clock } = setup(30, 1);
    clock.start();
    timers.advance(1000 + 1000);
    const before = ticks.at(-1)!.index;
    clock.setRate(60, 1);
    timers.advance(1000 + 2000);
    const after = ticks.filter((t) => t.index > before);
    expect(after.length).toBeGreaterThanOrEqual(59);
    expect(after.length).toBeLessThanOrEqual(61);
    expect(ticks.every((t, i) => i === 0 || t.index > ticks[i - 1]!.index)).toBe(true);
  });

  it('survives a throwing tick and stops cleanly', () => {
    const timers = new FakeTimers();
    let n = 0;
    const clock = new FrameClock(timers, () => {
      n++;
      if (n === 2) throw new Error('boom');
    });
    const err = console.error;
    console.error = () => {};
    try {
      clock.start();
      timers.advance(1000 + 200);
    } finally {
      console.error = err;
    }
    expect(n).toBe(7);
    clock.stop();
    expect(timers.pending).toBe(0);
    timers.advance(5000);
    expect(n).toBe(7);
  });
});
