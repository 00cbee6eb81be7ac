import { describe, expect, it } from 'vitest';
import { formatEntries, parseEntries } from './entries';

const F = ['name', 'title', 'subtitle'] as const;

describe('entries as text', () => {
  it('formats one line per record, dropping empty trailing fields', () => {
    expect(formatEntries([{ name: 'Ada', title: 'Engineer', subtitle: 'London' }, { name: 'Bo', title: '', subtitle: '' }], F)).toBe(
      'Ada | Engineer | London\nBo',
    );
    expect(formatEntries('nope', F)).toBe('');
  });

  it('parses lines back, skipping blank ones, filling missing fields and keeping extra bars in the last', () => {
    expect(parseEntries('Ada | Engineer | London\n\n  Bo  \nCy | Host | A | B', F)).toEqual([
      { name: 'Ada', title: 'Engineer', subtitle: 'London' },
      { name: 'Bo', title: '', subtitle: '' },
      { name: 'Cy', title: 'Host', subtitle: 'A | B' },
    ]);
    const round = [{ name: 'Ada', title: 'Engineer', subtitle: '' }];
    expect(parseEntries(formatEntries(round, F), F)).toEqual(round);
  });
});
