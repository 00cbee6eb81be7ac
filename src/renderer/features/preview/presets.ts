/**
 * OBS's transform presets (Edit → Transform): fit to screen, stretch to screen, centre, flip
 * horizontal / vertical, reset. Each gives the whole new transform of an item whose picture is
 * srcW×srcH on a canvasW×canvasH canvas. Pure.
 */
import { DEFAULT_TRANSFORM, type Transform } from '../../../shared';
import { croppedSize, itemBounds } from '../../compositor/transform';
import { itemCentre } from './reshape';

export type TransformPreset = 'fit' | 'stretch' | 'centre' | 'flipH' | 'flipV' | 'reset';

export const PRESET_LABELS: Readonly<Record<TransformPreset, string>> = {
  fit: 'Fit to screen',
  stretch: 'Stretch to screen',
  centre: 'Centre to screen',
  flipH: 'Flip horizontal',
  flipV: 'Flip vertical',
  reset: 'Reset transform',
};

/** The item moved so that its drawn box is centred on the canvas. */
function centred(t: Transform, srcW: number, srcH: number, canvasW: number, canvasH: number): Transform {
  const b = itemBounds(t, srcW, srcH);
  return { ...t, positionX: t.positionX + canvasW / 2 - (b.x + b.width / 2), positionY: t.positionY + canvasH / 2 - (b.y + b.height / 2) };
}

const sign = (v: number) => (v < 0 ? -1 : 1);

export function applyPreset(preset: TransformPreset, t: Transform, srcW: number, srcH: number, canvasW: number, canvasH: number): Transform {
  const { width: cw, height: ch } = croppedSize(t, srcW, srcH);
  // OBS's Reset Transform also takes the bounding box off.
  if (preset === 'reset') return { ...DEFAULT_TRANSFORM, boundsType: 'OBS_BOUNDS_NONE' };
  if (cw <= 0 || ch <= 0) return t;
  switch (preset) {
    case 'fit': {
      // The largest uniform scale whose (possibly rotated) box fits the canvas, centred.
      const unit = itemBounds({ ...t, scaleX: sign(t.scaleX), scaleY: sign(t.scaleY) }, srcW, srcH);
      const k = Math.min(canvasW / unit.width, canvasH / unit.height);
      return centred({ ...t, scaleX: sign(t.scaleX) * k, scaleY: sign(t.scaleY) * k }, srcW, srcH, canvasW, canvasH);
    }
    case 'stretch':
      return centred({ ...t, rotation: 0, scaleX: (sign(t.scaleX) * canvasW) / cw, scaleY: (sign(t.scaleY) * canvasH) / ch }, srcW, srcH, canvasW, canvasH);
    case 'centre':
      return centred(t, srcW, srcH, canvasW, canvasH);
    case 'flipH':
    case 'flipV': {
      // Mirrored about its own centre: the item stays where it is.
      const C = itemCentre(t, srcW, srcH);
      const next = preset === 'flipH' ? { ...t, scaleX: -t.scaleX } : { ...t, scaleY: -t.scaleY };
      const C2 = itemCentre(next, srcW, srcH);
      return { ...next, positionX: next.positionX + C.x - C2.x, positionY: next.positionY + C.y - C2.y };
    }
  }
}
