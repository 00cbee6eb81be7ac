/**
 * Collects setting changes and sends them as one merged overlay after a quiet period, so typing in
 * a text field sends one input.update per pause instead of one per key.
 */

export interface Batcher<T extends object> {
  /** Merges a change into the pending batch and restarts the quiet period. */
  push(change: Partial<T>): void;
  /** Sends the pending batch now, if any. */
  flush(): void;
  /** Drops the pending batch. */
  cancel(): void;
  pending(): boolean;
}

export function createBatcher<T extends object>(send: (batch: Partial<T>) => void, delayMs: number): Batcher<T> {
  let batch: Partial<T> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const clear = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const flush = (): void => {
    clear();
    if (!batch) return;
    const out = batch;
    batch = null;
    send(out);
  };

  return {
    push(change) {
      batch = { ...batch, ...change };
      clear();
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      clear();
      batch = null;
    },
    pending: () => batch !== null,
  };
}

/**
 * Calls `fn` at most once per `intervalMs` while calls keep coming, always with the latest value,
 * and once more at the end so the last value is never lost (leading + trailing).
 */
export interface Throttle<T> {
  call(value: T): void;
  /** Sends the latest value now if one is waiting; used on pointer release. */
  flush(): void;
  cancel(): void;
}

export function createThrottle<T>(fn: (value: T) => void, intervalMs: number, now: () => number = Date.now): Throttle<T> {
  let last = -Infinity;
  let waiting: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const fire = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!waiting) return;
    const { value } = waiting;
    waiting = null;
    last = now();
    fn(value);
  };

  return {
    call(value) {
      waiting = { value };
      const wait = last + intervalMs - now();
      if (wait <= 0) fire();
      else if (timer === null) timer = setTimeout(fire, wait);
    },
    flush: fire,
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
