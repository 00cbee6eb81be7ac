import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, moveToOtherSide, moveWithin, parseLayout, setVisible } from './dockLayout';

describe('dock layout', () => {
  it('reads a saved layout and repairs a damaged one', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('not json')).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout(JSON.stringify({ left: ['mixer', 'nope', 'mixer'], right: ['scenes'], hidden: ['scenes', 'ghost'] }))).toEqual({
      left: ['mixer', 'sources'],
      right: ['scenes', 'controls', 'properties'],
      hidden: ['scenes'],
    });
  });

  it('hides, shows, moves across and within columns', () => {
    const hidden = setVisible(DEFAULT_LAYOUT, 'mixer', false);
    expect(hidden.hidden).toEqual(['mixer']);
    expect(setVisible(hidden, 'mixer', true).hidden).toEqual([]);
    const moved = moveToOtherSide(hidden, 'mixer');
    expect(moved).toEqual({ left: ['scenes', 'sources'], right: ['controls', 'properties', 'mixer'], hidden: [] });
    expect(moveWithin(moved, 'mixer', -1).right).toEqual(['controls', 'mixer', 'properties']);
    expect(moveWithin(moved, 'mixer', 1)).toBe(moved);
  });
});
