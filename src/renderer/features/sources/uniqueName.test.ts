import { describe, expect, it } from 'vitest';
import { uniqueName } from './uniqueName';

describe('uniqueName', () => {
  it('keeps a free name', () => expect(uniqueName('Color', ['Text'])).toBe('Color'));
  it('numbers from 2, skipping taken numbers', () => {
    expect(uniqueName('Color', ['Color'])).toBe('Color 2');
    expect(uniqueName('Color', ['color', 'Color 2', 'Color 3'])).toBe('Color 4');
  });
  it('never returns an empty name', () => expect(uniqueName('  ', [])).toBe('Source'));
});
