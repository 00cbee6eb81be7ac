import { describe, expect, it } from 'vitest';
import { LOWER_THIRD, type KindDescriptor } from '../../../shared';
import { parseEntries } from '../entries';
import type { PropertyOf } from '../types';
import { entriesProblem } from './EntriesField';

const queue = (LOWER_THIRD as KindDescriptor).properties.find((p) => p.name === 'queue') as PropertyOf<'entries'>;

describe('entriesProblem', () => {
  it('names what the studio would not keep: entries past the limit, a field too long', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `Person ${i + 1} | Title`).join('\n');
    expect(entriesProblem(parseEntries(lines(200), queue.fields), queue)).toBeNull();
    expect(entriesProblem(parseEntries(lines(210), queue.fields), queue)).toBe('At most 200 entries are kept; this has 210. Remove 10 to save.');
    expect(entriesProblem(parseEntries(`Ada | ${'x'.repeat(201)}`, queue.fields), queue)).toBe('Entry 1: its title has 201 characters; at most 200 are kept.');
  });
});
