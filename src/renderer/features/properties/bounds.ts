/** The bounding box fields' words and checks, as OBS's Edit Transform names them. */
import type { BoundsType } from '../../../shared';

/** OBS's bounds types with its Edit Transform labels, in its order. */
export const BOUNDS_OPTIONS: readonly { value: BoundsType; label: string }[] = [
  { value: 'OBS_BOUNDS_NONE', label: 'No bounds' },
  { value: 'OBS_BOUNDS_STRETCH', label: 'Stretch to bounds' },
  { value: 'OBS_BOUNDS_SCALE_INNER', label: 'Scale to inner bounds' },
  { value: 'OBS_BOUNDS_SCALE_OUTER', label: 'Scale to outer bounds' },
  { value: 'OBS_BOUNDS_SCALE_TO_WIDTH', label: 'Scale to width of bounds' },
  { value: 'OBS_BOUNDS_SCALE_TO_HEIGHT', label: 'Scale to height of bounds' },
  { value: 'OBS_BOUNDS_MAX_ONLY', label: 'Maximum size only' },
];

/** The engine's limits for boundsWidth / boundsHeight (src/engine/document/schemas.ts). */
export const BOUNDS_SIZE = { min: 1, max: 90001 } as const;

/** A typed bounds size: the number, or the sentence shown beside the field naming the range. */
export function checkBoundsSize(text: string, label: string): { value: number } | { error: string } {
  const t = text.trim();
  const n = t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? NaN : Number(t);
  if (!Number.isFinite(n)) return { error: `${label} must be a number of pixels from ${BOUNDS_SIZE.min} to ${BOUNDS_SIZE.max}.` };
  if (n < BOUNDS_SIZE.min || n > BOUNDS_SIZE.max) {
    return { error: `${label} must be from ${BOUNDS_SIZE.min} to ${BOUNDS_SIZE.max} px (a positive size); ${t} is out of range.` };
  }
  return { value: n };
}

/**
 * The box a newly chosen bounds type starts with when the item has none yet: the item's size as it
 * is drawn now (OBS fills the box in from the item too), so choosing a type does not jump.
 */
export function initialBox(picture: { width: number; height: number } | null, scaleX: number, scaleY: number, canvas: { width: number; height: number }) {
  const fit = (v: number, fallback: number) => Math.min(BOUNDS_SIZE.max, Math.max(BOUNDS_SIZE.min, Math.round(v > 0 ? v : fallback)));
  return {
    boundsWidth: fit((picture?.width ?? 0) * Math.abs(scaleX), canvas.width),
    boundsHeight: fit((picture?.height ?? 0) * Math.abs(scaleY), canvas.height),
  };
}
