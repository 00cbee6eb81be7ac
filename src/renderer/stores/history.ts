/**
 * The stats history behind the graphs: the engine keeps it (so a reloaded page still has the last
 * ten minutes), replays it on connect (stats.history) and adds one sample a second (stats.sample).
 */
import type { StatsSample } from '../../shared';

export type StatSample = StatsSample;

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
