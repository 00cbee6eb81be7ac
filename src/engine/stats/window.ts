/**
 * The last few seconds of one run of the output, reduced to what the diagnosis needs: how many
 * frames were lost where (differences of the since-start counters) and the median of the levels.
 *
 * The history spans stops and starts, and counters restart from 0 with each run, so a difference
 * is only taken between two samples of the same run; the first sample of a run is only a baseline
 * (its counters include the start-up, which is not a loss worth reporting), and so are the next
 * couple of seconds.
 */
import type { DestinationState, StatsSample } from '../../shared';

/** A stream that is sending (or trying to): the diagnosis only speaks about these. */
export const RUNNING: readonly DestinationState[] = ['connecting', 'live', 'reconnecting'];

/** Samples further apart than this are not consecutive seconds of one run (the engine stalled or restarted). */
export const GAP_MS = 5000;

/**
 * The first seconds of a run are start-up: the pump ticks before the compositor's first frames
 * arrive and the encoder fills its pipeline, so a few repeats and a slow start are normal there.
 */
const WARMUP_SAMPLES = 2;
/** Speed readings needed before a mean speed is trusted. */
const MIN_SPEED_READINGS = 5;
/** Congestion is a level that moves fast: the mean of this many newest samples. */
const CONGESTION_SAMPLES = 3;

export interface DestinationWindow {
  id: string;
  name: string;
  /** Its state in the newest sample. */
  state: DestinationState;
  /** Frames dropped for it alone within the window. */
  dropped: number;
  /** 0..1, the mean of the newest few samples. */
  congestion: number;
}

export interface StatsWindow {
  /** Seconds the differences cover (0 when the run has only just started). */
  seconds: number;
  lagged: number;
  skipped: number;
  dropped: number;
  /** Medians over the window; null when nothing was reported. */
  renderMs: number | null;
  encoderSpeed: number | null;
  cpuPercent: number | null;
  destinations: DestinationWindow[];
}

/** Whether `cur` starts a new run after `prev` (so no difference may be taken between them). */
export function newRun(prev: StatsSample, cur: StatsSample): boolean {
  return (
    prev.state === 'idle' ||
    prev.state === 'failed' ||
    cur.t - prev.t > GAP_MS ||
    cur.lagged < prev.lagged ||
    cur.skipped < prev.skipped ||
    cur.dropped < prev.dropped
  );
}

/**
 * The newest `spanMs` of the current run, or null when the newest sample is not a running stream.
 * `samples` is oldest first and ends with the newest.
 */
export function recentWindow(samples: readonly StatsSample[], spanMs: number): StatsWindow | null {
  const end = samples.length - 1;
  const last = samples[end];
  if (!last || !RUNNING.includes(last.state)) return null;
  let start = end;
  let runStart = true;
  while (start > 0) {
    const prev = samples[start - 1]!;
    if (prev.t < last.t - spanMs) {
      runStart = false;
      break;
    }
    if (newRun(prev, samples[start]!)) break;
    start--;
  }
  if (runStart) start = Math.min(end, start + WARMUP_SAMPLES);
  const base = samples[start]!;
  // The samples whose intervals the window covers (all but the baseline).
  const body = samples.slice(start + 1, end + 1);
  const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  // Levels are medians: one slow second (a shader compiling, a scene switch) must not speak for ten.
  const median = (values: number[]): number | null => {
    if (values.length === 0) return null;
    const v = [...values].sort((a, b) => a - b);
    const mid = v.length >> 1;
    return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  };
  const speeds = body.map((s) => s.encoderSpeed).filter((v) => v > 0);
  return {
    seconds: (last.t - base.t) / 1000,
    lagged: last.lagged - base.lagged,
    skipped: last.skipped - base.skipped,
    dropped: last.dropped - base.dropped,
    renderMs: median(body.map((s) => s.renderMs).filter((v) => v > 0)),
    encoderSpeed: speeds.length >= MIN_SPEED_READINGS ? median(speeds) : null,
    cpuPercent: median(body.map((s) => s.cpuPercent).filter((v) => v > 0)),
    destinations: last.destinations.map((d) => {
      const first = base.destinations.find((x) => x.id === d.id);
      const recent = body.slice(-CONGESTION_SAMPLES).map((s) => s.destinations.find((x) => x.id === d.id)?.congestion ?? 0);
      return {
        id: d.id,
        name: d.name,
        state: d.state,
        // A destination added mid-run has no baseline yet; its counter never goes back within a run.
        dropped: first ? Math.max(0, d.dropped - first.dropped) : 0,
        congestion: mean(recent) ?? 0,
      };
    }),
  };
}
