/**
 * The transition duration field's rule (pure): OBS's range (TRANSITION_DURATION_MS, which the engine
 * checks too), whole milliseconds; the field says it beside itself first.
 */
import { TRANSITION_DURATION_MS } from '../../../shared';

export const DURATION_MS = { ...TRANSITION_DURATION_MS, step: 50 } as const;

/** The milliseconds the text names, or the error to show beside the field. */
export function parseDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const t = text.trim();
  const ms = Number(t);
  if (t === '' || !Number.isInteger(ms) || ms < DURATION_MS.min || ms > DURATION_MS.max) {
    return { ok: false, error: `Duration must be a whole number of milliseconds from ${DURATION_MS.min} to ${DURATION_MS.max}.` };
  }
  return { ok: true, ms };
}

/** OBS's fixed transitions have no duration to set (obs-websocket's transitionFixed). */
export const isFixed = (kind: string): boolean => kind === 'cut_transition';
