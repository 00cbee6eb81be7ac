/**
 * The mixer's curves, as OBS draws and applies them: the balance law (sine law, OBS's default) and
 * the log fader that maps a fader position to dB (OBS_FADER_LOG, the Audio Mixer's fader).
 */

/**
 * Left and right gains for a balance in 0..1. OBS leaves the sound untouched at exactly 0.5 and
 * applies the sine law anywhere else, so a balance nudged off centre drops both sides by ~3 dB, as
 * it does in OBS.
 */
export function balanceGains(balance: number): [number, number] {
  if (balance === 0.5 || !Number.isFinite(balance)) return [1, 1];
  const b = Math.min(1, Math.max(0, balance));
  return [Math.sin((1 - b) * (Math.PI / 2)), Math.sin(b * (Math.PI / 2))];
}

/** The log fader spans −96 dB (bottom) to 0 dB (top), with a 6 dB offset that shapes the curve. */
const OFFSET_DB = 6;
const RANGE_DB = 96;
const OFFSET_VAL = -Math.log10(OFFSET_DB);
const RANGE_VAL = -Math.log10(RANGE_DB + OFFSET_DB);

/** Fader position 0..1 → dB (−Infinity at the bottom, 0 at the top). */
export function faderToDb(position: number): number {
  if (position >= 1) return 0;
  if (position <= 0) return -Infinity;
  return -(RANGE_DB + OFFSET_DB) * ((RANGE_DB + OFFSET_DB) / OFFSET_DB) ** -position + OFFSET_DB;
}

/** dB → fader position 0..1; anything at or above 0 dB sits at the top, −96 dB and below at 0. */
export function dbToFader(db: number): number {
  if (db >= 0) return 1;
  if (!(db > -RANGE_DB)) return 0;
  return (-Math.log10(-db + OFFSET_DB) - RANGE_VAL) / (OFFSET_VAL - RANGE_VAL);
}

export const mulToDb = (mul: number): number => (mul > 0 ? 20 * Math.log10(mul) : -Infinity);
export const dbToMul = (db: number): number => (db === -Infinity ? 0 : 10 ** (db / 20));
