import type { Settings } from '../model';

/**
 * The clock of a scoreboard or countdown as settings, so every renderer and the engine agree on it
 * without talking: `clock_ms` of time had elapsed at wall time `clock_started_at` (ms since the
 * epoch), and it runs on from there while `clock_running`. Stopped, `clock_ms` is the elapsed time
 * and `clock_started_at` is 0. A running clock whose start is 0 (a tool that sent only
 * clock_running: true) holds still until the engine pins the start (src/engine/overlays).
 * Pure helpers; the *Patch functions answer the settings to send for start, stop and set.
 */
export interface Stopwatch {
  running: boolean;
  ms: number;
  startedAt: number;
}

const finite = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function readStopwatch(s: Settings): Stopwatch {
  return {
    running: s['clock_running'] === true,
    ms: Math.max(0, finite(s['clock_ms'], 0)),
    startedAt: finite(s['clock_started_at'], 0),
  };
}

/** Elapsed ms at wall time `now`; a start time in the future (another machine's clock) counts as now. */
export function elapsedMs(w: Stopwatch, now: number): number {
  return w.running && w.startedAt > 0 ? w.ms + Math.max(0, now - w.startedAt) : w.ms;
}

export function startPatch(w: Stopwatch, now: number): Settings {
  return { clock_running: true, clock_ms: elapsedMs(w, now), clock_started_at: now };
}

export function stopPatch(w: Stopwatch, now: number): Settings {
  return { clock_running: false, clock_ms: Math.round(elapsedMs(w, now)), clock_started_at: 0 };
}

/** Sets the elapsed time, keeping the clock running or stopped as it is. */
export function setPatch(w: Stopwatch, ms: number, now: number): Settings {
  return { clock_running: w.running, clock_ms: Math.max(0, Math.round(ms)), clock_started_at: w.running ? now : 0 };
}

/** "m:ss", or "h:mm:ss" from an hour up (or always with `hours`); tenths under a minute when asked. */
export function formatClock(ms: number, opts: { hours?: boolean; tenths?: boolean } = {}): string {
  const t = Math.max(0, ms);
  if (opts.tenths && t < 60_000) {
    const tenths = Math.floor(t / 100);
    return `${Math.floor(tenths / 10)}.${tenths % 10}`;
  }
  const total = Math.floor(t / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const ss = String(sec).padStart(2, '0');
  if (h > 0 || opts.hours) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

/** The most a clock reads (99:59:59), as SetOverlayClock's clockMs allows. */
export const CLOCK_MAX_MS = 359_999_000;

/**
 * What a producer types for a clock ("12:34", "1:02:03", "90" seconds), in ms; null for anything
 * else or beyond CLOCK_MAX_MS. Minutes and seconds after the first part are 0–59, as a clock reads.
 */
export function parseClock(text: string): number | null {
  const m = /^\s*(\d{1,6})(?::(\d{1,2}))?(?::(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number);
  if (parts.slice(1).some((p) => p > 59)) return null;
  const secs = parts.reduce((total, p) => total * 60 + p, 0);
  const ms = secs * 1000;
  return ms <= CLOCK_MAX_MS ? ms : null;
}
