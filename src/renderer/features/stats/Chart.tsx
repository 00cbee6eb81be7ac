import { linePath, niceCeil, peakIn, pointsIn, valueY, type Frame } from './chart';
import type { Series } from './series';

/** The plot's own units; the SVG stretches to the card (strokes keep their width). */
const W = 600;
const H = 100;
/** Vertical grid lines: every two minutes back from the newest sample. */
const GRID_MS = 2 * 60 * 1000;

interface Props {
  id: string;
  title: string;
  series: Series[];
  /** The time span shown (engine clock, ms). */
  t0: number;
  t1: number;
  format(v: number): string;
  /** The scale's top is at least this (so a flat line near 0 does not fill the plot)… */
  floor?: number;
  /** …or exactly this (CPU: 100 %). */
  max?: number;
  /** A dashed line to compare with (the frame interval, realtime, the target fps). */
  reference?: { value: number; label: string };
}

/** One graph: title and legend with the newest values, the lines, and a time axis. */
export function Chart({ id, title, series, t0, t1, format, floor = 1, max, reference }: Props) {
  const span = { t0, t1 };
  const top = max ?? niceCeil(Math.max(floor, reference ? reference.value * 1.2 : 0, ...series.map((s) => peakIn(s.segments, span))));
  const frame: Frame = { t0, t1, max: top, width: W, height: H };
  const grid: number[] = [];
  for (let t = t1 - GRID_MS; t > t0; t -= GRID_MS) grid.push(((t - t0) / (t1 - t0)) * W);
  const refY = reference ? valueY(reference.value, frame) : null;
  return (
    <figure className="graph" data-testid={`graph-${id}`}>
      <figcaption className="graph-head">
        <span className="graph-title">{title}</span>
        <ul className="graph-legend">
          {series.map((s) => (
            <li key={s.key}>
              <span className="graph-swatch" style={{ background: s.color }} />
              {s.label} <span className="graph-value">{s.latest === null ? '—' : format(s.latest)}</span>
            </li>
          ))}
          {reference ? (
            <li>
              <span className="graph-swatch graph-swatch-reference" />
              {reference.label}
            </li>
          ) : null}
        </ul>
      </figcaption>
      <div className="graph-body">
        <span className="graph-max">{format(top)}</span>
        <svg className="graph-plot" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${title}, last 10 minutes`}>
          {grid.map((x) => (
            <line key={x} className="graph-grid" x1={x} x2={x} y1={0} y2={H} vectorEffect="non-scaling-stroke" />
          ))}
          <line className="graph-grid" x1={0} x2={W} y1={H / 2} y2={H / 2} vectorEffect="non-scaling-stroke" />
          {refY === null ? null : (
            <line className="graph-reference" x1={0} x2={W} y1={refY} y2={refY} vectorEffect="non-scaling-stroke">
              <title>{reference?.label}</title>
            </line>
          )}
          {series.map((s) => (
            <path
              key={s.key}
              className="graph-line"
              d={linePath(s.segments, frame)}
              style={{ stroke: s.color }}
              vectorEffect="non-scaling-stroke"
              data-testid="graph-line"
              data-series={s.key}
              data-points={pointsIn(s.segments, span)}
            />
          ))}
        </svg>
      </div>
      <div className="graph-axis" aria-hidden="true">
        <span>10 min ago</span>
        <span>5 min ago</span>
        <span>latest</span>
      </div>
    </figure>
  );
}
