/** The stats history behind the bitrate sparkline: one sample per stream.stats event (once a second). */

export interface StatSample {
  bitrateKbps: number;
  fps: number;
}

/** 600 samples at one per second = the last 10 minutes. */
export const HISTORY_CAPACITY = 600;

/**
 * Appends a sample and drops the oldest past `capacity`. Returns a new array so React and zustand
 * see the change; copying 600 small objects once a second costs nothing worth a mutable ring.
 */
export function pushSample(history: readonly StatSample[], sample: StatSample, capacity = HISTORY_CAPACITY): StatSample[] {
  const start = Math.max(0, history.length + 1 - capacity);
  const next = history.slice(start);
  next.push(sample);
  return next;
}
