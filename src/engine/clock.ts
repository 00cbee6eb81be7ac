import type { Clock, TimerHandle } from './api';

/** The real clock. Tests inject a fake one instead (see src/engine/testing/fake-clock.ts). */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms) as unknown as TimerHandle,
  clearTimeout: (h) => clearTimeout(h as unknown as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms) as unknown as TimerHandle,
  clearInterval: (h) => clearInterval(h as unknown as NodeJS.Timeout),
};
