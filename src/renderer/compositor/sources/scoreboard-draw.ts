/**
 * The scoreboard's one layout: a bar in the top-left corner of the safe area, left to right
 *   [home name on home colour][home score][away name on away colour][away score][period][clock]
 * sized from the canvas height. The cells keep their width as values change, so a new score never
 * shifts the bar: scores are measured against "0000" (the kind's largest, 9999), the period against
 * PERIOD_SAMPLE (a longer one is drawn smaller to fit its cell), clocks against "00:00" or their
 * all-zero digits. The bar keeps inside the safe area: where the canvas is too narrow for it (a
 * vertical one) it is drawn smaller, and names too long for what is left are cut with an ellipsis.
 */
import type { Ctx2D } from './canvas-texture';
import { SAFE_MARGIN } from './lower-third-layout';
import { ellipsize } from './text-fit';

export interface ScoreboardView {
  home: { name: string; color: string; score: string };
  away: { name: string; color: string; score: string };
  period: string;
  /** Empty when the clock is hidden. */
  clock: string;
  text: string;
  background: string;
}

const FACE = 'sans-serif';
/** The widest score (SCOREBOARD's max is 9999; digits are the same width in common faces). */
const SCORE_SAMPLE = '0000';
/** The period labels a cell holds at full size: "2OT" is wider than "1", "Q4", "OT" and "3rd". */
const PERIOD_SAMPLE = '2OT';
/** A name cell holds at least this before the bar is drawn smaller to fit the canvas. */
const NAME_SAMPLE = 'WWW';
/** A period drawn smaller to fit its cell stops shrinking here (then it is squeezed). */
const MIN_PERIOD_SCALE = 0.6;
const MIN_ROW = 12;

/** Cell rectangles in canvas pixels, for drawing and for tests that look at one cell's pixels. */
export interface ScoreboardCells {
  home: Cell;
  homeScore: Cell;
  away: Cell;
  awayScore: Cell;
  period: Cell;
  clock: Cell | null;
}
export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The cells, the type size and the names as drawn (cut to fit). */
export interface ScoreboardLayout {
  cells: ScoreboardCells;
  size: number;
  pad: number;
  homeName: string;
  awayName: string;
}

interface Metrics {
  rowH: number;
  size: number;
  pad: number;
  measure: (t: string) => number;
  scoreW: number;
  periodW: number;
  clockW: number;
  /** The narrowest a name cell gets. */
  nameMin: number;
}

function metrics(ctx: Ctx2D, rowH: number, clock: string): Metrics {
  const size = Math.round(rowH * 0.55);
  const pad = Math.round(rowH * 0.3);
  ctx.font = `bold ${size}px ${FACE}`;
  const measure = (t: string): number => Math.ceil(ctx.measureText(t).width);
  return {
    rowH,
    size,
    pad,
    measure,
    scoreW: measure(SCORE_SAMPLE) + 2 * pad,
    periodW: measure(PERIOD_SAMPLE) + 2 * pad,
    // "9:59" and "10:00" take the same cell; only an hour-long clock widens it (the last cell: nothing moves).
    clockW: clock ? Math.max(measure('00:00'), measure(clock.replace(/\d/g, '0'))) + 2 * pad : 0,
    nameMin: measure(NAME_SAMPLE) + 2 * pad,
  };
}

const fixedW = (m: Metrics): number => 2 * m.scoreW + m.periodW + m.clockW;

export function scoreboardLayout(ctx: Ctx2D, width: number, height: number, v: ScoreboardView): ScoreboardLayout {
  const x0 = Math.round(width * SAFE_MARGIN);
  const y = Math.round(height * SAFE_MARGIN);
  const safeW = width - 2 * x0;
  // The bar is sized from the height; a canvas too narrow for its cells at that size gets a smaller
  // bar. Names do not count here (only their smallest cell), so a new name never resizes the bar.
  let m = metrics(ctx, Math.max(MIN_ROW, Math.round(height * 0.06)), v.clock);
  const need = fixedW(m) + 2 * m.nameMin;
  if (need > safeW) {
    let rowH = Math.max(MIN_ROW, Math.floor((m.rowH * safeW) / need));
    m = metrics(ctx, rowH, v.clock);
    // Text widths do not scale exactly with the size: step down until it fits.
    while (rowH > MIN_ROW && fixedW(m) + 2 * m.nameMin > safeW) m = metrics(ctx, --rowH, v.clock);
  }
  const room = Math.max(m.nameMin, Math.floor((safeW - fixedW(m)) / 2));
  const nameW = Math.min(room, Math.max(m.measure(v.home.name), m.measure(v.away.name), m.measure(NAME_SAMPLE)) + 2 * m.pad);
  let x = x0;
  const next = (w: number): Cell => {
    const c = { x, y, w, h: m.rowH };
    x += w;
    return c;
  };
  return {
    cells: {
      home: next(nameW),
      homeScore: next(m.scoreW),
      away: next(nameW),
      awayScore: next(m.scoreW),
      period: next(m.periodW),
      clock: v.clock ? next(m.clockW) : null,
    },
    size: m.size,
    pad: m.pad,
    homeName: ellipsize(m.measure, v.home.name, nameW - 2 * m.pad),
    awayName: ellipsize(m.measure, v.away.name, nameW - 2 * m.pad),
  };
}

/** Draws the bar; answers its rectangle in canvas pixels (hit tests use it). */
export function drawScoreboard(ctx: Ctx2D, width: number, height: number, v: ScoreboardView): Cell {
  const { cells, size, pad, homeName, awayName } = scoreboardLayout(ctx, width, height, v);
  const font = (px: number): string => `bold ${px}px ${FACE}`;
  const text = (t: string, c: Cell): void => {
    ctx.fillStyle = v.text;
    // Never past its cell: whatever is still too wide is squeezed rather than drawn over the next.
    ctx.fillText(t, c.x + c.w / 2, c.y + c.h / 2, Math.max(1, c.w - 2 * pad));
  };
  const end = cells.clock ?? cells.period;
  ctx.fillStyle = v.background;
  ctx.fillRect(cells.home.x, cells.home.y, end.x + end.w - cells.home.x, cells.home.h);
  ctx.fillStyle = v.home.color;
  ctx.fillRect(cells.home.x, cells.home.y, cells.home.w, cells.home.h);
  ctx.fillStyle = v.away.color;
  ctx.fillRect(cells.away.x, cells.away.y, cells.away.w, cells.away.h);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = font(size);
  text(homeName, cells.home);
  text(v.home.score, cells.homeScore);
  text(awayName, cells.away);
  text(v.away.score, cells.awayScore);
  if (cells.clock) text(v.clock, cells.clock);
  // A period longer than the sample ("Half time") is drawn smaller, so the cell keeps its width.
  const periodW = Math.ceil(ctx.measureText(v.period).width);
  const room = cells.period.w - 2 * pad;
  ctx.font = font(periodW > room ? Math.max(Math.round(size * MIN_PERIOD_SCALE), Math.floor((size * room) / periodW)) : size);
  text(v.period, cells.period);
  return { x: cells.home.x, y: cells.home.y, w: end.x + end.w - cells.home.x, h: cells.home.h };
}
