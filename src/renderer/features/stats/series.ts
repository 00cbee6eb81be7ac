/**
 * The graphs' data from the stats history: lines of (time, value) points, broken where the stream
 * was not running or samples are missing, so a stop or a stall shows as a gap, never as a slope
 * drawn across it. Counters (lagged, skipped, dropped: since the run's start) become per-second
 * rates; they restart from 0 with each run, so a rate is only taken within one run (the engine's
 * diagnosis draws the same line: src/engine/stats/window.ts).
 */
import type { DestinationState, StatsSample } from '../../../shared';

export interface Point {
  t: number;
  v: number;
}

export interface Series {
  key: string;
  label: string;
  color: string;
  /** Unbroken runs of points, oldest first. */
  segments: Point[][];
  /** The newest value, for the legend; null when the newest sample has none. */
  latest: number | null;
}

/** States in which the output sends (or tries to); idle and failed samples only mark the end of a run. */
const PLOTTED: readonly DestinationState[] = ['connecting', 'live', 'reconnecting', 'stopping'];
/** Samples come once a second; further apart than this, the line breaks. */
export const GAP_MS = 2500;

/**
 * Line colors: the accent for totals, then one hue per destination, the same in every graph. The
 * lost-frames graph's own lines use the warning hues (yellow, purple, red), which are not here.
 */
export const PALETTE = ['#3d8bfd', '#3fb950', '#db61a2', '#39c5cf', '#f0883e', '#8b949e', '#7ee787'];

type Pick = (s: StatsSample, prev: StatsSample | null) => number | null;

/**
 * Walks the history and cuts it into segments: a point is taken where `pick` gives a value for a
 * plotted sample; the line breaks at a missing value, a non-plotted sample, or a gap in time.
 */
function trace(history: readonly StatsSample[], pick: Pick): { segments: Point[][]; latest: number | null } {
  const segments: Point[][] = [];
  let current: Point[] | null = null;
  let prev: StatsSample | null = null;
  let latest: number | null = null;
  for (const s of history) {
    const v = PLOTTED.includes(s.state) ? pick(s, prev) : null;
    const gap = prev !== null && s.t - prev.t > GAP_MS;
    if (v === null || !Number.isFinite(v) || gap) current = null;
    if (v !== null && Number.isFinite(v)) {
      if (!current) segments.push((current = []));
      current.push({ t: s.t, v });
    }
    latest = v !== null && Number.isFinite(v) ? v : null;
    prev = s;
  }
  return { segments, latest };
}

/** A level read straight off each sample (fps, bitrate, render time…). */
export function levelSeries(history: readonly StatsSample[], key: string, label: string, color: string, read: (s: StatsSample) => number): Series {
  return { key, label, color, ...trace(history, (s) => read(s)) };
}

/** Whether two consecutive samples belong to one run, so a counter's difference means something. */
export function sameRun(prev: StatsSample, cur: StatsSample): boolean {
  return PLOTTED.includes(prev.state) && cur.t > prev.t && cur.t - prev.t <= GAP_MS;
}

/** Per-second rate of a since-start counter; no point for a run's first sample or after a reset. */
export function rateSeries(history: readonly StatsSample[], key: string, label: string, color: string, read: (s: StatsSample) => number | null): Series {
  return {
    key,
    label,
    color,
    ...trace(history, (s, prev) => {
      if (!prev || !sameRun(prev, s)) return null;
      const a = read(prev);
      const b = read(s);
      if (a === null || b === null || b < a) return null;
      return (b - a) / ((s.t - prev.t) / 1000);
    }),
  };
}

/** Every destination seen in the history, in the order first seen: id → name (the newest name). */
export function destinationsIn(history: readonly StatsSample[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of history) for (const d of s.destinations) names.set(d.id, d.name);
  return names;
}

type DestinationEntry = StatsSample['destinations'][number];

/** One series per destination: a level (`rate` false) or a per-second rate of a counter. */
export function destinationSeries(
  history: readonly StatsSample[],
  keyPrefix: string,
  labelOf: (name: string) => string,
  read: (d: DestinationEntry) => number,
  opts: { rate?: boolean } = {},
): Series[] {
  return [...destinationsIn(history)].map(([id, name], i) => {
    const color = PALETTE[1 + (i % (PALETTE.length - 1))]!;
    const pick = (s: StatsSample): number | null => {
      const d = s.destinations.find((x) => x.id === id);
      // A destination that is not sending has no level to show (its bitrate is 0 by definition).
      return d && PLOTTED.includes(d.state) ? read(d) : null;
    };
    return opts.rate
      ? rateSeries(history, `${keyPrefix}-${id}`, labelOf(name), color, pick)
      : levelSeries(history, `${keyPrefix}-${id}`, labelOf(name), color, (s) => pick(s) ?? NaN);
  });
}
