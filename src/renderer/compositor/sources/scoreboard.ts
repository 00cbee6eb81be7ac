/**
 * scoreboard: teams, scores, period and a game clock drawn over the whole canvas (scoreboard-draw.ts).
 * The clock runs from settings and wall time (stopwatch.ts), so every renderer shows the same time;
 * the version moves when the picture would: a new value, or the clock's next second.
 */
import { SCOREBOARD, formatClock, scoreboardClockMs, type Settings } from '../../../shared';
import { abgrToCss } from '../color';
import { CanvasTexture } from './canvas-texture';
import { drawScoreboard, type Cell, type ScoreboardView } from './scoreboard-draw';
import { bool, num, px, str } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

const d = SCOREBOARD.defaults;
const wallNow = (): number => performance.timeOrigin + performance.now();

export const scoreboardSource: SourceKind = {
  id: SCOREBOARD.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    const canvas = new CanvasTexture(ctx.gl);
    let s: Settings = settings;
    let w = 0;
    let h = 0;
    let version = 0;
    let drawnKey = '';
    let view: ScoreboardView | null = null;
    let dirty = true;
    /** The bar as last painted, for hit tests. */
    let bar: Cell | null = null;
    const width = (): number => w || ctx.baseWidth();
    const height = (): number => h || ctx.baseHeight();

    const viewAt = (now: number): ScoreboardView => ({
      home: { name: str(s, 'home_name', ''), color: abgrToCss(num(s, 'home_color', d.home_color as number)), score: String(num(s, 'home_score', 0)) },
      away: { name: str(s, 'away_name', ''), color: abgrToCss(num(s, 'away_color', d.away_color as number)), score: String(num(s, 'away_score', 0)) },
      period: str(s, 'period', ''),
      clock: bool(s, 'show_clock', true) ? formatClock(scoreboardClockMs(s, now)) : '',
      text: abgrToCss(num(s, 'text_color', d.text_color as number)),
      background: abgrToCss(num(s, 'background_color', d.background_color as number)),
    });
    const refresh = (now: number): void => {
      const v = viewAt(now);
      const key = JSON.stringify([v, width(), height()]);
      if (key === drawnKey) return;
      drawnKey = key;
      view = v;
      dirty = true;
      version++;
    };

    const rt: SourceRuntime = {
      get width() {
        return width();
      },
      get height() {
        return height();
      },
      get version() {
        refresh(wallNow());
        return version;
      },
      update(next) {
        s = next;
        w = px(s, 'width');
        h = px(s, 'height');
      },
      render(draw) {
        // The real time, not the tick's: a capture may draw long after the last composed tick
        // (program unchanged), and a clock or animation must show now.
        refresh(wallNow());
        if (dirty && view) {
          dirty = false;
          const v = view;
          canvas.paint(width(), height(), (c) => (bar = drawScoreboard(c, width(), height(), v)));
        }
        if (canvas.texture) draw.texture(canvas.texture);
      },
      hits(x, y) {
        return bar !== null && x >= bar.x && x < bar.x + bar.w && y >= bar.y && y < bar.y + bar.h;
      },
      dispose() {
        canvas.dispose();
      },
    };
    rt.update(settings);
    return rt;
  },
};
