import { describe, expect, it } from 'vitest';
import { countdownEndAt, countdownRemainingMs, parseTimeOfDay, timeOfDayTarget, timeOfDayText } from './countdown';
import { lowerThirdEntry, lowerThirdQueue, steppedQueueIndex } from './lower-third';
import { scoreboardClockMs } from './scoreboard';
import { CLOCK_MAX_MS, elapsedMs, formatClock, parseClock, readStopwatch, setPatch, startPatch, stopPatch } from './stopwatch';

describe('stopwatch', () => {
  it('runs from clock_started_at and stops where it read', () => {
    const w = readStopwatch({ clock_running: true, clock_ms: 1000, clock_started_at: 5000 });
    expect(elapsedMs(w, 7500)).toBe(3500);
    // Another machine's clock slightly behind: never runs backwards.
    expect(elapsedMs(w, 4000)).toBe(1000);
    expect(stopPatch(w, 7500)).toEqual({ clock_running: false, clock_ms: 3500, clock_started_at: 0 });
    const stopped = readStopwatch(stopPatch(w, 7500));
    expect(elapsedMs(stopped, 99_999)).toBe(3500);
    expect(startPatch(stopped, 10_000)).toEqual({ clock_running: true, clock_ms: 3500, clock_started_at: 10_000 });
    expect(setPatch(w, 42_000, 8000)).toEqual({ clock_running: true, clock_ms: 42_000, clock_started_at: 8000 });
    expect(setPatch(stopped, 0, 8000)).toEqual({ clock_running: false, clock_ms: 0, clock_started_at: 0 });
    // Running but not yet pinned (a tool sent only clock_running): it holds still.
    expect(elapsedMs(readStopwatch({ clock_running: true, clock_ms: 1000, clock_started_at: 0 }), 99_999)).toBe(1000);
    expect(readStopwatch({ clock_ms: 'x', clock_running: 'yes' })).toEqual({ running: false, ms: 0, startedAt: 0 });
  });

  it('formats m:ss, h:mm:ss and tenths', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_999)).toBe('1:05');
    expect(formatClock(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatClock(61_000, { hours: true })).toBe('0:01:01');
    expect(formatClock(9_870, { tenths: true })).toBe('9.8');
    expect(formatClock(60_000, { tenths: true })).toBe('1:00');
    expect(formatClock(-5)).toBe('0:00');
  });

  it('a scoreboard clock counts up, or down from the period length and stops at zero', () => {
    const s = { clock_running: true, clock_ms: 0, clock_started_at: 1000, period_length_s: 60 };
    expect(scoreboardClockMs(s, 11_000)).toBe(10_000);
    expect(scoreboardClockMs({ ...s, clock_direction: 'down' }, 11_000)).toBe(50_000);
    expect(scoreboardClockMs({ ...s, clock_direction: 'down' }, 91_000)).toBe(0);
  });
});

describe('countdown', () => {
  it('for a duration: ends duration - elapsed after the start, only while running', () => {
    const s = { mode: 'duration', duration_s: 30, clock_running: true, clock_ms: 10_000, clock_started_at: 1000 };
    expect(countdownEndAt(s, 1000)).toBe(21_000);
    expect(countdownRemainingMs(s, 6000)).toBe(15_000);
    expect(countdownRemainingMs(s, 50_000)).toBe(0);
    expect(countdownEndAt({ ...s, clock_running: false }, 6000)).toBeNull();
    expect(countdownRemainingMs({ ...s, clock_running: false }, 6000)).toBe(20_000);
  });

  it('to a time of day: today, or tomorrow once today passed more than an hour ago', () => {
    expect(parseTimeOfDay('09:30')).toBe(9 * 3600 + 30 * 60);
    expect(parseTimeOfDay('23:59:59')).toBe(86_399);
    for (const bad of ['24:00', '9', '12:60', '12:00:61', 'noon', '']) expect(parseTimeOfDay(bad)).toBeNull();
    const now = new Date(2026, 11, 5, 17, 0, 0).getTime();
    expect(timeOfDayTarget('18:00', now)).toBe(new Date(2026, 11, 5, 18, 0, 0).getTime());
    expect(timeOfDayTarget('16:30', now)).toBe(new Date(2026, 11, 5, 16, 30, 0).getTime());
    expect(timeOfDayTarget('09:00', now)).toBe(new Date(2026, 11, 6, 9, 0, 0).getTime());
    const s = { mode: 'time_of_day', target_time: '17:00:30' };
    expect(countdownRemainingMs(s, now)).toBe(30_000);
    expect(countdownRemainingMs({ ...s, target_time: 'soon' }, now)).toBeNull();
  });

  it('as a clock: the local time, and no end', () => {
    const at = new Date(2026, 11, 5, 9, 5, 7).getTime();
    expect(timeOfDayText(at, true)).toBe('09:05:07');
    expect(timeOfDayText(at, false)).toBe('09:05');
    const s = { mode: 'clock', clock_running: true, clock_started_at: 0, duration_s: 1, end_action: 'switch_scene' };
    expect(countdownEndAt(s, at)).toBeNull();
    expect(countdownRemainingMs(s, at)).toBeNull();
  });
});

describe('lower third entries', () => {
  const queue = [{ name: 'Ann', title: 'Host' }, 'junk', { name: 'Bo', title: 'Guest', subtitle: 'Remote' }];

  it('shows the fields, or the queue entry at queue_index', () => {
    const s = { name: 'N', title: 'T', subtitle: '', queue, queue_index: -1 };
    expect(lowerThirdQueue(s)).toHaveLength(2);
    expect(lowerThirdEntry(s)).toEqual({ name: 'N', title: 'T', subtitle: '' });
    expect(lowerThirdEntry({ ...s, queue_index: 1 })).toEqual({ name: 'Bo', title: 'Guest', subtitle: 'Remote' });
    expect(lowerThirdEntry({ ...s, queue_index: 7 })).toEqual({ name: 'N', title: 'T', subtitle: '' });
  });

  it('steps through the queue and stops at its ends', () => {
    const s = { queue, queue_index: -1 };
    expect(steppedQueueIndex(s, 1)).toBe(0);
    expect(steppedQueueIndex({ ...s, queue_index: 0 }, 1)).toBe(1);
    expect(steppedQueueIndex({ ...s, queue_index: 1 }, 1)).toBe(1);
    expect(steppedQueueIndex({ ...s, queue_index: 1 }, -1)).toBe(0);
    expect(steppedQueueIndex({ ...s, queue_index: 0 }, -1)).toBe(0);
    expect(steppedQueueIndex({ queue: [] }, 1)).toBeNull();
  });
});

describe('parseClock', () => {
  it('reads m:ss, h:mm:ss and plain seconds, and refuses anything else', () => {
    expect(parseClock('12:34')).toBe(754_000);
    expect(parseClock(' 1:02:03 ')).toBe(3_723_000);
    expect(parseClock('90')).toBe(90_000);
    expect(parseClock('0:00')).toBe(0);
    for (const bad of ['', '1:60', '1:2:3:4', '-1', '1.5', 'soon', '100:00:00']) expect(parseClock(bad), bad).toBeNull();
    expect(parseClock('99:59:59')).toBe(CLOCK_MAX_MS);
  });
});
