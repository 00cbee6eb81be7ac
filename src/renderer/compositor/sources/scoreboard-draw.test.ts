import { describe, expect, it } from 'vitest';
import type { Ctx2D } from './canvas-texture';
import { scoreboardLayout, type ScoreboardView } from './scoreboard-draw';

/** A stand-in for Canvas 2D's measureText: widths proportional to the font's size, 'W' wide, digits even. */
function fakeCtx(): Ctx2D {
  const ctx = {
    font: '',
    measureText(t: string) {
      const size = Number(/(\d+)px/.exec(ctx.font)?.[1] ?? 10);
      let w = 0;
      for (const ch of t) w += ch === 'W' || ch === 'M' ? 0.95 : /\d/.test(ch) ? 0.56 : ch === ':' ? 0.28 : 0.62;
      return { width: w * size };
    },
  };
  return ctx as unknown as Ctx2D;
}

const view = (over: Partial<ScoreboardView> = {}): ScoreboardView => ({
  home: { name: 'HOME', color: '#f00', score: '0' },
  away: { name: 'AWAY', color: '#00f', score: '0' },
  period: '1',
  clock: '0:00',
  text: '#fff',
  background: '#222',
  ...over,
});

const right = (l: ReturnType<typeof scoreboardLayout>): number => {
  const end = l.cells.clock ?? l.cells.period;
  return end.x + end.w;
};

describe('scoreboardLayout', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
    [360, 640],
    [1080, 1920],
  ])('keeps every cell where it was as scores (up to 9999), the period and the clock change on %i×%i', (w, h) => {
    const ctx = fakeCtx();
    const first = scoreboardLayout(ctx, w, h, view());
    // The largest score fits its cell at the bar's type size, not squeezed.
    ctx.font = `bold ${first.size}px sans-serif`;
    expect(Math.ceil(ctx.measureText('9999').width) + 2 * first.pad).toBeLessThanOrEqual(first.cells.homeScore.w);
    for (const v of [
      view({ home: { name: 'HOME', color: '#f00', score: '999' } }),
      view({ home: { name: 'HOME', color: '#f00', score: '1000' }, away: { name: 'AWAY', color: '#00f', score: '9999' } }),
      view({ period: '2' }),
      view({ period: 'OT' }),
      view({ period: 'Half time' }),
      view({ clock: '9:59' }),
      view({ clock: '10:00' }),
    ]) {
      expect(scoreboardLayout(ctx, w, h, v).cells).toEqual(first.cells);
    }
  });

  it.each([
    [1280, 720],
    [360, 640],
    [1080, 1920],
  ])('keeps the bar inside the safe area of %i×%i with 40-character names, cutting them with an ellipsis', (w, h) => {
    const long = 'W'.repeat(40);
    const l = scoreboardLayout(fakeCtx(), w, h, view({ home: { name: long, color: '#f00', score: '9999' }, away: { name: long, color: '#00f', score: '9999' } }));
    expect(l.cells.home.x).toBe(Math.round(w * 0.05));
    expect(right(l)).toBeLessThanOrEqual(w - Math.round(w * 0.05));
    expect(l.homeName.endsWith('…')).toBe(true);
    expect(l.homeName.length).toBeGreaterThan(1);
    expect(l.cells.home.w).toBe(l.cells.away.w);
  });

  it('keeps the main canvas bar at full size with short names, and names that fit uncut', () => {
    const l = scoreboardLayout(fakeCtx(), 1280, 720, view());
    expect(l.cells.home.h).toBe(Math.round(720 * 0.06));
    expect([l.homeName, l.awayName]).toEqual(['HOME', 'AWAY']);
    // A narrow canvas draws it smaller rather than off its edge.
    const narrow = scoreboardLayout(fakeCtx(), 360, 640, view());
    expect(narrow.cells.home.h).toBeLessThan(Math.round(640 * 0.06));
    expect(right(narrow)).toBeLessThanOrEqual(360 - 18);
  });
});
