import { describe, expect, it } from 'vitest';
import { BOUNDS_TYPES } from '../../../shared';
import { BOUNDS_OPTIONS, checkBoundsSize, initialBox } from './bounds';

describe('bounding box fields', () => {
  it('offers every OBS bounds type', () => {
    expect(BOUNDS_OPTIONS.map((o) => o.value)).toEqual([...BOUNDS_TYPES]);
  });

  it('takes positive sizes within the engine range and names the range otherwise', () => {
    expect(checkBoundsSize(' 320 ', 'Bounds width')).toEqual({ value: 320 });
    expect(checkBoundsSize('0.5e3', 'Bounds width')).toEqual({ value: 500 });
    expect(checkBoundsSize('0', 'Bounds width')).toEqual({ error: 'Bounds width must be from 1 to 90001 px (a positive size); 0 is out of range.' });
    expect(checkBoundsSize('-20', 'Bounds height')).toEqual({ error: 'Bounds height must be from 1 to 90001 px (a positive size); -20 is out of range.' });
    expect(checkBoundsSize('100000', 'Bounds height')).toMatchObject({ error: expect.stringContaining('from 1 to 90001') });
    expect(checkBoundsSize('wide', 'Bounds width')).toEqual({ error: 'Bounds width must be a number of pixels from 1 to 90001.' });
    expect(checkBoundsSize('', 'Bounds width')).toMatchObject({ error: expect.stringContaining('Bounds width') });
  });

  it('starts a new box at the size the item is drawn, or the canvas when that is unknown', () => {
    expect(initialBox({ width: 400, height: 200 }, 0.5, -2, { width: 1280, height: 720 })).toEqual({ boundsWidth: 200, boundsHeight: 400 });
    expect(initialBox(null, 1, 1, { width: 1280, height: 720 })).toEqual({ boundsWidth: 1280, boundsHeight: 720 });
  });
});
