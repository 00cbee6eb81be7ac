import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from './numbers';

describe('parseNumber', () => {
  it('accepts complete numbers', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' -3.5 ')).toBe(-3.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('1e3')).toBe(1000);
  });
  it('rejects partial or junk input', () => {
    for (const t of ['', '-', '.', 'abc', '1x', '1,5', 'Infinity', 'NaN']) expect(parseNumber(t)).toBeNull();
  });
  it('applies min, max and integer rules', () => {
    expect(parseNumber('0', { min: 1 })).toBeNull();
    expect(parseNumber('33', { max: 32 })).toBeNull();
    expect(parseNumber('32', { min: 1, max: 32 })).toBe(32);
    expect(parseNumber('2.5', { integer: true })).toBeNull();
    expect(parseNumber('2', { integer: true })).toBe(2);
  });
});

describe('formatNumber', () => {
  it('drops float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(1 / 3, 2)).toBe('0.33');
    expect(formatNumber(Number.NaN)).toBe('');
  });
});
