/** Geometry for the stats graphs: a fixed time span ending at the newest sample, 0 at the bottom. */
import type { Point } from './series';

/** The graphs show the last ten minutes. */
export const SPAN_MS = 10 * 60 * 1000;

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `v`: a scale maximum people read easily. */
export function niceCeil(v: number): number {
  if (!Number.isFinite(v) || v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v * (1 - 1e-9)) return m * p;
  return 10 * p;
}

export interface Frame {
  /** Time at the left and right edges (engine clock, ms). */
  t0: number;
  t1: number;
  /** Value at the top edge. */
  max: number;
  width: number;
  height: number;
}

/** Space kept above the scale's top and below 0, so a line lying on either edge stays visible. */
export const EDGE = 2;

/** The y of a value: 0 at the bottom, the scale's top near the top, values outside clamped. */
export function valueY(v: number, f: Pick<Frame, 'max' | 'height'>): number {
  const inner = f.height - 2 * EDGE;
  return EDGE + inner - (Math.min(Math.max(v, 0), f.max) / f.max) * inner;
}

const r = (n: number): string => (Math.round(n * 10) / 10).toString();

/**
 * An SVG path ("M x,y L x,y …") for the segments within the frame. Values above the top are drawn
 * at the top; points before t0 are left out (a segment may start a little inside the edge).
 */
export function linePath(segments: readonly Point[][], f: Frame): string {
  const x = (t: number): number => ((t - f.t0) / (f.t1 - f.t0)) * f.width;
  const y = (v: number): number => valueY(v, f);
  const parts: string[] = [];
  for (const seg of segments) {
    const visible = seg.filter((p) => p.t >= f.t0 && p.t <= f.t1);
    visible.forEach((p, i) => parts.push(`${i === 0 ? 'M' : 'L'}${r(x(p.t))},${r(y(p.v))}`));
    // A lone point would be invisible as a path: draw it as a short flat stroke.
    if (visible.length === 1) parts.push(`h0.01`);
  }
  return parts.join(' ');
}

/** How many points of the segments fall within the frame's time span. */
export function pointsIn(segments: readonly Point[][], f: Pick<Frame, 't0' | 't1'>): number {
  let n = 0;
  for (const seg of segments) for (const p of seg) if (p.t >= f.t0 && p.t <= f.t1) n++;
  return n;
}

/** The largest value within the span, for the scale. */
export function peakIn(segments: readonly Point[][], f: Pick<Frame, 't0' | 't1'>): number {
  let peak = 0;
  for (const seg of segments) for (const p of seg) if (p.t >= f.t0 && p.t <= f.t1 && p.v > peak) peak = p.v;
  return peak;
}
