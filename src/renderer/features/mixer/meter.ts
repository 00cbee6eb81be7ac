/**
 * What an Audio Mixer meter shows, from OBS's inputLevelsMul ([magnitude, peak, inputPeak] per
 * channel, linear): dB values, the bar lengths on OBS's −60..0 dB scale, and the clip rule. Pure,
 * so the dock's behaviour is tested without a browser.
 */

/** The meter's floor, dB (OBS's default meter range). */
export const METER_FLOOR_DB = -60;
/** A peak at or above this is a clip: AAC and the PCM path have no headroom above full scale. */
export const CLIP_DB = -0.5;

export const linToDb = (v: number): number => (v > 0 ? 20 * Math.log10(v) : -Infinity);

/** dB → 0..1 of the bar, linear in dB from the floor to 0 dBFS. */
export function meterFraction(db: number): number {
  if (!(db > METER_FLOOR_DB)) return 0;
  return Math.min(1, (db - METER_FLOOR_DB) / -METER_FLOOR_DB);
}

export interface MeterReading {
  /** Per channel, dB. */
  peakDb: number[];
  rmsDb: number[];
  /** Loudest channel's peak, dB (−Infinity for silence). */
  maxPeakDb: number;
  clipped: boolean;
}

export function readMeter(levelsMul: readonly (readonly number[])[] | undefined): MeterReading {
  const rows = levelsMul ?? [];
  const peakDb = rows.map((ch) => linToDb(ch[1] ?? 0));
  const rmsDb = rows.map((ch) => linToDb(ch[0] ?? 0));
  const maxPeakDb = peakDb.reduce((a, b) => Math.max(a, b), -Infinity);
  return { peakDb, rmsDb, maxPeakDb, clipped: maxPeakDb >= CLIP_DB };
}

/** A dB number as the mixer writes it: one decimal, "-inf" for silence. */
export const formatDb = (db: number): string => (db === -Infinity ? '-inf dB' : `${db.toFixed(1)} dB`);
