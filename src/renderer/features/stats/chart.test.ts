import { describe, expect, it } from 'vitest';
import { linePath, niceCeil, peakIn, pointsIn, SPAN_MS } from './chart';
import { parseUplink } from './uplink';

describe('graph geometry', () => {
  it('rounds a scale up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(0.8)).toBe(1);
    expect(niceCeil(33.3)).toBe(50);
    expect(niceCeil(2400)).toBe(2500);
    expect(niceCeil(6000)).toBe(10_000);
    expect(niceCeil(100)).toBe(100);
  });

  it('maps time to x and value to y (0 at the bottom, clamped at the top), and leaves out what is older', () => {
    // 54 tall: 2 kept free at each edge, 50 for the values.
    const f = { t0: 0, t1: 1000, max: 10, width: 100, height: 54 };
    expect(linePath([[{ t: -10, v: 1 }, { t: 0, v: 0 }, { t: 500, v: 5 }, { t: 1000, v: 20 }]], f)).toBe('M0,52 L50,27 L100,2');
    expect(linePath([[{ t: 100, v: 10 }], [{ t: 200, v: 0 }, { t: 300, v: 0 }]], f)).toBe('M10,2 h0.01 M20,52 L30,52');
    expect(linePath([], f)).toBe('');
  });

  it('counts the points and finds the peak within the ten minutes shown', () => {
    const segs = [[{ t: 0, v: 99 }, { t: SPAN_MS / 2, v: 3 }], [{ t: SPAN_MS, v: 7 }]];
    const span = { t0: 1, t1: SPAN_MS };
    expect(pointsIn(segs, span)).toBe(2);
    expect(peakIn(segs, span)).toBe(7);
  });
});

describe('uplink field', () => {
  it('takes whole kbps, empty as unknown (0), and refuses the rest', () => {
    expect(parseUplink('')).toBe(0);
    expect(parseUplink(' 10000 ')).toBe(10_000);
    expect(parseUplink('2.5')).toBeNull();
    expect(parseUplink('-1')).toBeNull();
    expect(parseUplink('fast')).toBeNull();
    expect(parseUplink('1000000000')).toBeNull();
  });
});
