import type { KindDescriptor } from '../kinds';
import type { Settings } from '../model';
import { elapsedMs, readStopwatch } from './stopwatch';

/**
 * Our own countdown: for a duration (a stopwatch in settings, see stopwatch.ts, counted down from
 * `duration_s`) or to a time of day (`target_time` "HH:MM" or "HH:MM:SS", local time, always
 * running), or, with mode "clock", simply the local time of day. At zero it shows `end_text`, or nothing with end_action "hide"; with "switch_scene" the
 * engine (src/engine/overlays) puts `end_scene` on program when a countdown on program ends.
 */
export const COUNTDOWN_TIMER: KindDescriptor = {
  id: 'countdown_timer',
  category: 'input',
  displayName: 'Countdown',
  video: true,
  audio: false,
  defaults: {
    mode: 'duration',
    duration_s: 300,
    target_time: '18:00',
    format: 'auto',
    label: '',
    end_text: '0:00',
    end_action: 'none',
    end_scene: '',
    clock_running: false,
    clock_ms: 0,
    clock_started_at: 0,
    font_size: 96,
    text_color: 0xffffffff,
    background_color: 0x00000000,
  },
  properties: [
    {
      type: 'list',
      name: 'mode',
      label: 'Count down',
      options: [
        { label: 'For a duration', value: 'duration' },
        { label: 'To a time of day', value: 'time_of_day' },
        { label: 'Show the time of day (a clock)', value: 'clock' },
      ],
    },
    { type: 'int', name: 'duration_s', label: 'Duration', min: 1, max: 359_999, suffix: 's' },
    { type: 'text', name: 'target_time', label: 'Time of day (HH:MM or HH:MM:SS)', maxLength: 8 },
    {
      type: 'list',
      name: 'format',
      label: 'Format',
      options: [
        { label: 'm:ss, h:mm:ss from an hour', value: 'auto' },
        { label: 'h:mm:ss', value: 'hh:mm:ss' },
        { label: 'Tenths in the last minute', value: 'tenths' },
      ],
    },
    { type: 'text', name: 'label', label: 'Label above', maxLength: 200 },
    { type: 'text', name: 'end_text', label: 'Text at zero', maxLength: 200 },
    {
      type: 'list',
      name: 'end_action',
      label: 'At zero',
      options: [
        { label: 'Show the text at zero', value: 'none' },
        { label: 'Hide', value: 'hide' },
        { label: 'Switch scene', value: 'switch_scene' },
      ],
    },
    { type: 'text', name: 'end_scene', label: 'Scene to switch to', maxLength: 256 },
    { type: 'bool', name: 'clock_running', label: 'Running' },
    { type: 'int', name: 'clock_ms', label: 'Elapsed', min: 0, max: 359_999_000, suffix: 'ms' },
    { type: 'float', name: 'clock_started_at', label: 'Started at (ms since 1970)', min: 0, max: 8.64e15 },
    { type: 'int', name: 'font_size', label: 'Font size', min: 8, max: 1000, suffix: 'px' },
    { type: 'color', name: 'text_color', label: 'Text color' },
    { type: 'color', name: 'background_color', label: 'Background color' },
  ],
};

/** A parsed "HH:MM[:SS]" as seconds after midnight, or null. */
export function parseTimeOfDay(text: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  return h * 3600 + min * 60 + sec;
}

/**
 * A time of day that does not parse ("25:99", "soon") would count to nothing and show "--:--" on
 * air: refused whatever the mode, so switching to "to a time of day" later cannot meet it.
 */
export function countdownSettingsProblem(settings: Record<string, unknown>): { field: string; message: string } | null {
  const text = settings['target_time'];
  if (typeof text !== 'string' || parseTimeOfDay(text) !== null) return null;
  return { field: 'settings.target_time', message: `Time of day must be HH:MM or HH:MM:SS on a 24-hour clock (00:00 to 23:59:59); "${text}" is not.` };
}

/** How long a countdown to a time of day stays at zero before it means tomorrow's. */
export const TIME_OF_DAY_GRACE_MS = 3_600_000;

/**
 * The wall time (ms) a time-of-day countdown ends, in local time: today's, unless that passed more
 * than an hour ago, then tomorrow's (a countdown to 09:00 set the evening before means tomorrow).
 */
export function timeOfDayTarget(text: string, now: number): number | null {
  const secs = parseTimeOfDay(text);
  if (secs === null) return null;
  const d = new Date(now);
  const today = new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, secs).getTime();
  if (now - today <= TIME_OF_DAY_GRACE_MS) return today;
  const t = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, secs).getTime();
  return t;
}

const num = (s: Settings, k: string, fallback: number): number => {
  const v = s[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};

/** When the countdown reaches zero (wall ms), or null while it is stopped, has no valid target or is a clock. */
export function countdownEndAt(s: Settings, now: number): number | null {
  if (s['mode'] === 'clock') return null;
  if (s['mode'] === 'time_of_day') return timeOfDayTarget(typeof s['target_time'] === 'string' ? s['target_time'] : '', now);
  const w = readStopwatch(s);
  // Not running, or running but not yet pinned to a start time (see stopwatch.ts): no end yet.
  if (!w.running || w.startedAt <= 0) return null;
  const duration = num(s, 'duration_s', COUNTDOWN_TIMER.defaults.duration_s as number) * 1000;
  return w.startedAt + (duration - w.ms);
}

/** Ms left at wall time `now` (0 at and after the end); null for a time of day that does not parse, or a clock. */
export function countdownRemainingMs(s: Settings, now: number): number | null {
  if (s['mode'] === 'clock') return null;
  if (s['mode'] === 'time_of_day') {
    const end = countdownEndAt(s, now);
    return end === null ? null : Math.max(0, end - now);
  }
  const duration = num(s, 'duration_s', COUNTDOWN_TIMER.defaults.duration_s as number) * 1000;
  return Math.max(0, duration - elapsedMs(readStopwatch(s), now));
}

/** The local time of day at wall time `now`: "14:05", or "14:05:09" with seconds. */
export function timeOfDayText(now: number, seconds: boolean): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  const hm = `${two(d.getHours())}:${two(d.getMinutes())}`;
  return seconds ? `${hm}:${two(d.getSeconds())}` : hm;
}
