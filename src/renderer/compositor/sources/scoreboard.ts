/**
 * scoreboard: teams, scores, period and a game clock drawn over the whole canvas (scoreboard-draw.ts).
 * The clock runs from settings and wall time (stopwatch.ts), so every renderer shows the same time;
 * the version moves when the picture would: a new value, or the clock's next second. Each canvas it
 * is an item of gets the bar laid out in that canvas's own safe area (canvas-overlay.ts).
 */
import { SCOREBOARD, formatClock, scoreboardClockMs, type Settings } from '../../../shared';
import { abgrToCss } from '../color';
import { canvasOverlay } from './canvas-overlay';
import { drawScoreboard, type ScoreboardView } from './scoreboard-draw';
import { bool, num, str } from './settings';
import type { SourceContext, SourceKind, SourceRuntime } from './types';

const d = SCOREBOARD.defaults;

export const scoreboardSource: SourceKind = {
  id: SCOREBOARD.id,
  create(settings: Settings, ctx: SourceContext): SourceRuntime {
    let s: Settings = settings;
    let view: ScoreboardView | null = null;

    const viewAt = (now: number): ScoreboardView => ({
      home: { name: str(s, 'home_name', ''), color: abgrToCss(num(s, 'home_color', d.home_color as number)), score: String(num(s, 'home_score', 0)) },
      away: { name: str(s, 'away_name', ''), color: abgrToCss(num(s, 'away_color', d.away_color as number)), score: String(num(s, 'away_score', 0)) },
      period: str(s, 'period', ''),
      clock: bool(s, 'show_clock', true) ? formatClock(scoreboardClockMs(s, now)) : '',
      text: abgrToCss(num(s, 'text_color', d.text_color as number)),
      background: abgrToCss(num(s, 'background_color', d.background_color as number)),
    });

    return canvasOverlay(settings, ctx, {
      update(next) {
        s = next;
      },
      key(now) {
        view = viewAt(now);
        return JSON.stringify(view);
      },
      paint(c, width, height) {
        return view ? drawScoreboard(c, width, height, view) : null;
      },
    });
  },
};
