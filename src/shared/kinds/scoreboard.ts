import type { KindDescriptor } from '../kinds';
import type { Settings } from '../model';
import { elapsedMs, readStopwatch } from './stopwatch';

/**
 * Our own scoreboard: two teams (name, colour, score), a period and a game clock, drawn as a bar in
 * the top-left of the canvas's safe area. The clock is a stopwatch in settings (stopwatch.ts) that
 * counts up, or down from `period_length_s`. Values change through settings alone; the layout is the
 * kind's, so a client that only sends `home_score` cannot disturb it.
 */
export const SCOREBOARD: KindDescriptor = {
  id: 'scoreboard',
  category: 'input',
  displayName: 'Scoreboard',
  video: true,
  audio: false,
  defaults: {
    home_name: 'HOME',
    away_name: 'AWAY',
    home_color: 0xff2f2fd6,
    away_color: 0xffd68a2f,
    home_score: 0,
    away_score: 0,
    period: '1',
    show_clock: true,
    clock_direction: 'up',
    period_length_s: 1200,
    clock_running: false,
    clock_ms: 0,
    clock_started_at: 0,
    text_color: 0xffffffff,
    background_color: 0xe6201a16,
    width: 0,
    height: 0,
  },
  properties: [
    { type: 'text', name: 'home_name', label: 'Home team', maxLength: 40 },
    { type: 'color', name: 'home_color', label: 'Home colour' },
    { type: 'int', name: 'home_score', label: 'Home score', min: 0, max: 9999 },
    { type: 'text', name: 'away_name', label: 'Away team', maxLength: 40 },
    { type: 'color', name: 'away_color', label: 'Away colour' },
    { type: 'int', name: 'away_score', label: 'Away score', min: 0, max: 9999 },
    { type: 'text', name: 'period', label: 'Period', maxLength: 12 },
    { type: 'bool', name: 'show_clock', label: 'Show the game clock' },
    {
      type: 'list',
      name: 'clock_direction',
      label: 'Clock counts',
      options: [
        { label: 'Up', value: 'up' },
        { label: 'Down from the period length', value: 'down' },
      ],
    },
    { type: 'int', name: 'period_length_s', label: 'Period length', min: 1, max: 359_999, suffix: 's' },
    { type: 'bool', name: 'clock_running', label: 'Clock running' },
    { type: 'int', name: 'clock_ms', label: 'Clock elapsed', min: 0, max: 359_999_000, suffix: 'ms' },
    { type: 'float', name: 'clock_started_at', label: 'Clock started at (ms since 1970)', min: 0, max: 8.64e15 },
    { type: 'color', name: 'text_color', label: 'Text colour' },
    { type: 'color', name: 'background_color', label: 'Background colour' },
    { type: 'int', name: 'width', label: 'Width (0 = canvas)', min: 0, max: 8192, suffix: 'px' },
    { type: 'int', name: 'height', label: 'Height (0 = canvas)', min: 0, max: 8192, suffix: 'px' },
  ],
};

/** What the game clock reads at wall time `now`, in ms (down clocks stop at zero). */
export function scoreboardClockMs(s: Settings, now: number): number {
  const elapsed = elapsedMs(readStopwatch(s), now);
  if (s['clock_direction'] !== 'down') return elapsed;
  const len = typeof s['period_length_s'] === 'number' ? s['period_length_s'] : (SCOREBOARD.defaults.period_length_s as number);
  return Math.max(0, len * 1000 - elapsed);
}
