/**
 * OBS's two volume scales: inputVolumeMul (linear) and inputVolumeDb. OBS reports silence (mul 0,
 * −∞ dB) as −100 dB, and anything quieter is clamped there too, so every dB this studio reports is
 * one SetInputVolume accepts back.
 */
import { VOLUME_LIMITS } from '../../../shared';

export const mulToDb = (mul: number): number => (mul > 0 ? Math.max(VOLUME_LIMITS.minDb, 20 * Math.log10(mul)) : VOLUME_LIMITS.minDb);

/** libobs's db_to_mul: −100 dB is 0.00001, not 0, as in OBS. */
export const dbToMul = (db: number): number => 10 ** (db / 20);

/** GetInputVolume's reply and InputVolumeChanged's numbers. */
export const volumeFields = (mul: number): { inputVolumeMul: number; inputVolumeDb: number } => ({
  inputVolumeMul: mul,
  inputVolumeDb: mulToDb(mul),
});

/** OBS's inputAudioTracks: { "1": bool … "6": bool }. */
export const tracksObject = (tracks: readonly boolean[]): Record<string, boolean> =>
  Object.fromEntries(tracks.map((on, k) => [String(k + 1), on]));
