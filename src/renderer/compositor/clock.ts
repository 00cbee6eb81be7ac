/**
 * The frame clock: tick n is due at t0 + n·1000·D/N ms. Each tick schedules a one-shot timer for
 * the next due time (no setInterval drift). When the page was too busy and due times passed, the
 * clock jumps to the current tick and tells the caller how many it missed. Timers are injected so
 * tests drive it with a fake clock.
 */
export interface TimerPort {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Tick {
  /** Monotonic tick index; never repeats, skips the missed ones. */
  index: number;
  /** Ticks that came due but were not run before this one. */
  missed: number;
  /** When this tick was due, on the port's clock (ms). */
  dueMs: number;
}

/** A timer that fires this close before a due time counts as on time (timers round to whole ms). */
const EARLY_SLACK = 0.02;

export const browserTimers: TimerPort = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class FrameClock {
  private t0 = 0;
  /** Tick index that is due exactly at t0 (moves when the rate changes, so indices stay monotonic). */
  private n0 = 0;
  private intervalMs: number;
  private last = -1;
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly port: TimerPort,
    private readonly onTick: (tick: Tick) => void,
    fpsNumerator = 30,
    fpsDenominator = 1,
  ) {
    this.intervalMs = FrameClock.interval(fpsNumerator, fpsDenominator);
  }

  static interval(num: number, den: number): number {
    return num > 0 && den > 0 ? (1000 * den) / num : 1000 / 30;
  }

  get period(): number {
    return this.intervalMs;
  }

  /** The index the next tick will have at the earliest. */
  get nextIndex(): number {
    return this.last + 1;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.t0 = this.port.now();
    this.n0 = this.last + 1;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    this.cancel();
  }

  /** Changes the rate from the next tick on; a no-op when unchanged. */
  setRate(num: number, den: number): void {
    const next = FrameClock.interval(num, den);
    if (next === this.intervalMs) return;
    this.intervalMs = next;
    if (!this.running) return;
    this.cancel();
    this.t0 = this.port.now();
    this.n0 = this.last + 1;
    this.schedule();
  }

  private cancel(): void {
    if (this.timer !== null) this.port.clearTimeout(this.timer);
    this.timer = null;
  }

  private dueOf(n: number): number {
    return this.t0 + (n - this.n0) * this.intervalMs;
  }

  private schedule(): void {
    const wait = Math.max(0, Math.ceil(this.dueOf(this.last + 1) - this.port.now()));
    this.timer = this.port.setTimeout(this.run, wait);
  }

  private readonly run = (): void => {
    this.timer = null;
    if (!this.running) return;
    const now = this.port.now();
    const n = this.n0 + Math.floor((now - this.t0) / this.intervalMs + EARLY_SLACK);
    if (n > this.last) {
      // n0 is always last+1 after a (re)base, so this also holds for the first tick.
      const missed = n - this.last - 1;
      this.last = n;
      try {
        this.onTick({ index: n, missed, dueMs: this.dueOf(n) });
      } catch (err) {
        // A failing frame must not stop the clock; the next tick tries again.
        console.error('Compositor tick failed:', err);
      }
    }
    if (this.running && this.timer === null) this.schedule();
  };
}
