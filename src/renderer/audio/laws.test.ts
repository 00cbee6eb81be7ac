import { describe, expect, it } from 'vitest';
import { balanceGains, dbToFader, dbToMul, faderToDb, mulToDb } from './laws';

describe('balanceGains (OBS sine law)', () => {
  it('leaves the centre untouched', () => expect(balanceGains(0.5)).toEqual([1, 1]));
  it('sends everything to one side at the ends', () => {
    const [l0, r0] = balanceGains(0);
    expect(l0).toBeCloseTo(1, 6);
    expect(r0).toBeCloseTo(0, 6);
    const [l1, r1] = balanceGains(1);
    expect(l1).toBeCloseTo(0, 6);
    expect(r1).toBeCloseTo(1, 6);
  });
  it('keeps constant power off centre', () => {
    for (const b of [0.1, 0.3, 0.49, 0.7, 0.95]) {
      const [l, r] = balanceGains(b);
      expect(l * l + r * r).toBeCloseTo(1, 6);
    }
  });
  it('clamps out-of-range values', () => expect(balanceGains(3)).toEqual(balanceGains(1)));
});

describe('OBS log fader', () => {
  it('maps the ends', () => {
    expect(faderToDb(1)).toBe(0);
    expect(faderToDb(0)).toBe(-Infinity);
    expect(dbToFader(0)).toBe(1);
    expect(dbToFader(6)).toBe(1);
    expect(dbToFader(-96)).toBe(0);
    expect(dbToFader(-Infinity)).toBe(0);
  });
  it('is its own inverse in between', () => {
    for (const db of [-90, -60, -30, -20, -9, -3, -0.5]) expect(faderToDb(dbToFader(db))).toBeCloseTo(db, 6);
  });
  it('gives the upper half of the travel to the top ~19 dB, as OBS does', () => {
    // OBS's mixer fader at mid-travel reads −18.7 dB; a quarter from the top, about −7 dB.
    expect(faderToDb(0.5)).toBeCloseTo(-18.74, 1);
    expect(faderToDb(0.75)).toBeGreaterThan(-8);
    expect(faderToDb(0.75)).toBeLessThan(-6);
  });
  it('converts dB and multipliers', () => {
    expect(mulToDb(1)).toBe(0);
    expect(mulToDb(0)).toBe(-Infinity);
    expect(dbToMul(-Infinity)).toBe(0);
    expect(dbToMul(6)).toBeCloseTo(1.9953, 4);
  });
});
