/**
 * A Clock for tests: time moves only when the test calls advance(). Timers fire in due order,
 * including timers scheduled by other timers while advancing. Used by the output's unit tests.
 */
import type { Clock, TimerHandle } from '../api';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
  every: number | null;
}

export class FakeClock implements Clock {
  private t: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start = 1000) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, null);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.add(fn, ms, Math.max(1, ms));
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  clearInterval(handle: TimerHandle): void {
    this.timers.delete(handle as unknown as number);
  }

  /** Timers still scheduled (a disposed owner should leave none). */
  pending(): number {
    return this.timers.size;
  }

  /** Moves time forward without firing anything, as if the event loop had been frozen. */
  jump(ms: number): void {
    this.t += ms;
  }

  /** Moves time forward by ms, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: Timer | null = null;
      for (const timer of this.timers.values()) {
        if (timer.due <= end && (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id))) next = timer;
      }
      if (!next) break;
      this.t = Math.max(this.t, next.due);
      if (next.every === null) this.timers.delete(next.id);
      else next.due += next.every;
      next.fn();
    }
    this.t = end;
  }

  private add(fn: () => void, ms: number, every: number | null): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.t + Math.max(0, ms), fn, every });
    return id as unknown as TimerHandle;
  }
}
