import type { KindDescriptor } from '../kinds';
import { COUNTDOWN_TIMER } from './countdown';
import { LOWER_THIRD } from './lower-third';
import { SCOREBOARD } from './scoreboard';

/** Graphics a producer drives live (lower thirds, scoreboards, countdowns), one file each. */
export const OVERLAY_KINDS: readonly KindDescriptor[] = [LOWER_THIRD, SCOREBOARD, COUNTDOWN_TIMER];

/** Kinds whose clock is a stopwatch in settings (see stopwatch.ts). */
export const STOPWATCH_KINDS: ReadonlySet<string> = new Set([SCOREBOARD.id, COUNTDOWN_TIMER.id]);
