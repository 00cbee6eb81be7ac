import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSFORM, type Transform } from '../../../shared';
import { itemBounds } from '../../compositor/transform';
import { applyPreset } from './presets';

const t = (p: Partial<Transform>): Transform => ({ ...DEFAULT_TRANSFORM, ...p });

describe('applyPreset', () => {
  it('fit to screen: the largest uniform scale that fits, centred', () => {
    const r = applyPreset('fit', t({ positionX: 30, positionY: 40 }), 640, 640, 1280, 720);
    expect(r.scaleX).toBeCloseTo(720 / 640);
    expect(r.scaleY).toBeCloseTo(720 / 640);
    const b = itemBounds(r, 640, 640);
    expect(b.x).toBeCloseTo(280);
    expect(b.y).toBeCloseTo(0);
  });
  it('stretch to screen fills the canvas', () => {
    const r = applyPreset('stretch', t({ rotation: 10 }), 640, 640, 1280, 720);
    expect(itemBounds(r, 640, 640)).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });
  it('centre moves only the position', () => {
    const r = applyPreset('centre', t({ scaleX: 0.5, scaleY: 0.5 }), 400, 200, 1280, 720);
    expect(r.scaleX).toBe(0.5);
    expect(itemBounds(r, 400, 200)).toEqual({ x: 540, y: 310, width: 200, height: 100 });
  });
  it('flips mirror the item in place', () => {
    const before = t({ positionX: 100, positionY: 100 });
    const h = applyPreset('flipH', before, 400, 200, 1280, 720);
    expect(h.scaleX).toBe(-1);
    expect(itemBounds(h, 400, 200)).toEqual(itemBounds(before, 400, 200));
    const v = applyPreset('flipV', h, 400, 200, 1280, 720);
    expect(v.scaleY).toBe(-1);
    expect(itemBounds(v, 400, 200)).toEqual(itemBounds(before, 400, 200));
  });
  it('reset goes back to the default transform, without a bounding box', () => {
    const boxed = t({ rotation: 45, cropLeft: 3, boundsType: 'OBS_BOUNDS_SCALE_INNER', boundsWidth: 200, boundsHeight: 100 });
    expect(applyPreset('reset', boxed, 400, 200, 1280, 720)).toEqual({ ...DEFAULT_TRANSFORM, boundsType: 'OBS_BOUNDS_NONE' });
  });
});
