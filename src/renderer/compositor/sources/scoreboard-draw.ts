/**
 * The scoreboard's one layout: a bar in the top-left corner of the safe area, left to right
 *   [home name on home colour][home score][away name on away colour][away score][period][clock]
 * sized from the canvas height. The cells keep their width as values change (scores are measured
 * against "000", clocks against all-zero digits), so a new score never shifts the bar.
 */
import type { Ctx2D } from './canvas-texture';
import { SAFE_MARGIN } from './lower-third-layout';

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

export function scoreboardCells(ctx: Ctx2D, width: number, height: number, v: ScoreboardView): ScoreboardCells {
  const rowH = Math.max(12, Math.round(height * 0.06));
  const size = Math.round(rowH * 0.55);
  const pad = Math.round(rowH * 0.3);
  const x0 = Math.round(width * SAFE_MARGIN);
  const y = Math.round(height * SAFE_MARGIN);
  ctx.font = `bold ${size}px ${FACE}`;
  const measure = (t: string): number => Math.ceil(ctx.measureText(t).width);
  const nameW = Math.max(measure(v.home.name), measure(v.away.name), measure('WWW')) + 2 * pad;
  const scoreW = Math.max(measure('000'), measure(v.home.score), measure(v.away.score)) + 2 * pad;
  const periodW = Math.max(measure(v.period), measure('0')) + 2 * pad;
  const clockW = v.clock ? measure(v.clock.replace(/\d/g, '0')) + 2 * pad : 0;
  let x = x0;
  const next = (w: number): Cell => {
    const c = { x, y, w, h: rowH };
    x += w;
    return c;
  };
  return {
    home: next(nameW),
    homeScore: next(scoreW),
    away: next(nameW),
    awayScore: next(scoreW),
    period: next(periodW),
    clock: v.clock ? next(clockW) : null,
  };
}

/** Draws the bar; answers its rectangle in canvas pixels (hit tests use it). */
export function drawScoreboard(ctx: Ctx2D, width: number, height: number, v: ScoreboardView): Cell {
  const cells = scoreboardCells(ctx, width, height, v);
  const text = (t: string, c: Cell): void => {
    ctx.fillStyle = v.text;
    ctx.fillText(t, c.x + c.w / 2, c.y + c.h / 2);
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
  text(v.home.name, cells.home);
  text(v.home.score, cells.homeScore);
  text(v.away.name, cells.away);
  text(v.away.score, cells.awayScore);
  text(v.period, cells.period);
  if (cells.clock) text(v.clock, cells.clock);
  return { x: cells.home.x, y: cells.home.y, w: end.x + end.w - cells.home.x, h: cells.home.h };
}
