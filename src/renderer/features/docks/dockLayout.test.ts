import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  LIMITS,
  moveDock,
  moveToOtherSide,
  moveWithin,
  parseLayout,
  resetHeights,
  resetWidth,
  resizeDocks,
  resizeSide,
  setVisible,
  type DockLayout,
} from './dockLayout';

const cols = (l: DockLayout) => ({ left: l.left, right: l.right, hidden: l.hidden });

describe('dock layout', () => {
  it('reads a saved layout and repairs a damaged one', () => {
    expect(parseLayout(null)).toEqual(DEFAULT_LAYOUT);
    expect(parseLayout('not json')).toEqual(DEFAULT_LAYOUT);
    expect(cols(parseLayout(JSON.stringify({ left: ['mixer', 'nope', 'mixer'], right: ['scenes'], hidden: ['scenes', 'ghost'] })))).toEqual({
      // A missing dock goes before the one it precedes by default.
      left: ['sources', 'mixer'],
      right: ['scenes', 'transitions', 'controls', 'properties', 'stats'],
      hidden: ['scenes', 'stats'],
    });
  });

  it('migrates a v1 layout (no version, no sizes): its columns kept, default sizes, the docks added since at their defaults', () => {
    const v1 = { left: ['scenes', 'mixer'], right: ['controls', 'properties', 'sources'], hidden: ['mixer'] };
    expect(parseLayout(JSON.stringify(v1))).toEqual({
      ...DEFAULT_LAYOUT,
      left: ['scenes', 'mixer'],
      right: ['transitions', 'controls', 'properties', 'sources', 'stats'],
      hidden: ['mixer', 'stats'],
    });
  });

  it('gives a saved layout without Scene Transitions and Stats those docks at their default places', () => {
    // What the studio saved before the two docks existed: the old default, one dock moved, one hidden.
    const old = { version: 2, left: ['sources', 'scenes'], right: ['controls', 'mixer', 'properties'], hidden: ['scenes'], widths: { left: 300, right: 360 }, heights: {} };
    const l = parseLayout(JSON.stringify(old));
    expect(cols(l)).toEqual({ left: ['sources', 'scenes'], right: ['transitions', 'controls', 'mixer', 'properties', 'stats'], hidden: ['scenes', 'stats'] });
    expect(l.widths).toEqual({ left: 300, right: 360 });
    // Its own column moved elsewhere: the new dock still lands in its default column, before Controls.
    const moved = parseLayout(JSON.stringify({ left: ['scenes', 'sources', 'mixer', 'controls'], right: ['properties'], hidden: [] }));
    expect(cols(moved)).toEqual({ left: ['scenes', 'sources', 'mixer', 'controls'], right: ['transitions', 'properties', 'stats'], hidden: ['stats'] });
    // A resized column gives the new docks its mean size, so its shares stay even.
    const sized = parseLayout(JSON.stringify({ ...old, heights: { controls: 200, mixer: 100, properties: 300 } }));
    expect(sized.heights).toEqual({ controls: 200, mixer: 100, properties: 300, transitions: 200, stats: 200 });
    // A saved layout that already has them keeps them where the user put them, shown or hidden.
    const kept = { ...DEFAULT_LAYOUT, left: ['scenes', 'sources', 'mixer', 'stats'], right: ['controls', 'transitions', 'properties'], hidden: [] };
    expect(cols(parseLayout(JSON.stringify(kept)))).toEqual({ left: kept.left, right: kept.right, hidden: [] });
  });

  it('falls back to the default for corrupt data, never throwing', () => {
    for (const text of ['', '{', 'null', '42', '"x"', '[]', '[1,2]', 'true', '{"left": 5, "right": {}, "hidden": "x"}']) {
      expect(() => parseLayout(text)).not.toThrow();
      expect(cols(parseLayout(text))).toEqual(cols(DEFAULT_LAYOUT));
    }
    const broken = parseLayout(JSON.stringify({ version: 2, widths: { left: 'wide', right: null }, heights: { scenes: -5, sources: 'x', mixer: Number.NaN, ghost: 100 } }));
    expect(broken.widths).toEqual(DEFAULT_LAYOUT.widths);
    expect(broken.heights).toEqual({});
  });

  it('clamps saved sizes to the limits', () => {
    const l = parseLayout(JSON.stringify({ ...DEFAULT_LAYOUT, widths: { left: 5, right: 99999 }, heights: { scenes: 1, sources: 1e9, mixer: 200.4 } }));
    expect(l.widths).toEqual({ left: LIMITS.sideMin, right: LIMITS.sideMax });
    expect(l.heights).toEqual({ scenes: LIMITS.dockMin, sources: LIMITS.dockMax, mixer: 200 });
  });

  it('gives the unsized docks of a partly sized column the mean size', () => {
    const l = parseLayout(JSON.stringify({ ...DEFAULT_LAYOUT, heights: { scenes: 100, sources: 300 } }));
    expect(l.heights).toEqual({ scenes: 100, sources: 300, mixer: 200 });
  });

  it('hides, shows, moves across and within columns', () => {
    const hidden = setVisible(DEFAULT_LAYOUT, 'mixer', false);
    expect(hidden.hidden).toEqual(['stats', 'mixer']);
    expect(setVisible(hidden, 'mixer', true).hidden).toEqual(['stats']);
    expect(setVisible(DEFAULT_LAYOUT, 'stats', true).hidden).toEqual([]);
    const moved = moveToOtherSide(hidden, 'mixer');
    expect(cols(moved)).toEqual({ left: ['scenes', 'sources'], right: ['transitions', 'controls', 'properties', 'stats', 'mixer'], hidden: ['stats'] });
    expect(moveWithin(moved, 'mixer', -1).right).toEqual(['transitions', 'controls', 'properties', 'mixer', 'stats']);
    expect(moveWithin(moved, 'mixer', 1)).toBe(moved);
  });

  it('moves a dock to an index of either column, clamped to the list', () => {
    expect(moveDock(DEFAULT_LAYOUT, 'mixer', 'left', 0).left).toEqual(['mixer', 'scenes', 'sources']);
    expect(moveDock(DEFAULT_LAYOUT, 'scenes', 'left', 1).left).toEqual(['sources', 'scenes', 'mixer']);
    const across = moveDock(DEFAULT_LAYOUT, 'scenes', 'right', 1);
    expect(cols(across)).toEqual({ left: ['sources', 'mixer'], right: ['transitions', 'scenes', 'controls', 'properties', 'stats'], hidden: ['stats'] });
    expect(moveDock(DEFAULT_LAYOUT, 'scenes', 'right', 99).right).toEqual(['transitions', 'controls', 'properties', 'stats', 'scenes']);
    expect(moveDock(DEFAULT_LAYOUT, 'scenes', 'right', -3).right).toEqual(['scenes', 'transitions', 'controls', 'properties', 'stats']);
    // A hidden dock moved is shown where it lands.
    expect(cols(moveDock(DEFAULT_LAYOUT, 'stats', 'left', 3))).toEqual({ left: ['scenes', 'sources', 'mixer', 'stats'], right: ['transitions', 'controls', 'properties'], hidden: [] });
  });

  it('a dock keeps its size within its column and takes the mean size in a resized one', () => {
    const sized: DockLayout = { ...DEFAULT_LAYOUT, heights: { scenes: 100, sources: 200, mixer: 300, controls: 150, properties: 250 } };
    expect(moveDock(sized, 'mixer', 'left', 0).heights.mixer).toBe(300);
    expect(moveDock(sized, 'mixer', 'right', 0).heights.mixer).toBe(200);
    // Into a column at its defaults the dock goes without a size, so that column stays at its defaults.
    const half: DockLayout = { ...DEFAULT_LAYOUT, heights: { scenes: 100, sources: 200, mixer: 300 } };
    expect(moveDock(half, 'mixer', 'right', 0).heights).toEqual({ scenes: 100, sources: 200 });
  });

  it('resizes a column within the limits and what leaves the preview its minimum', () => {
    expect(resizeSide(DEFAULT_LAYOUT, 'left', 400).widths).toEqual({ left: 400, right: 340 });
    expect(resizeSide(DEFAULT_LAYOUT, 'left', 20).widths.left).toBe(LIMITS.sideMin);
    expect(resizeSide(DEFAULT_LAYOUT, 'right', 5000).widths.right).toBe(LIMITS.sideMax);
    expect(resizeSide(DEFAULT_LAYOUT, 'right', 500, 420).widths.right).toBe(420);
    // A window too small for both: the column keeps its minimum.
    expect(resizeSide(DEFAULT_LAYOUT, 'right', 500, 50).widths.right).toBe(LIMITS.sideMin);
    expect(resizeSide(DEFAULT_LAYOUT, 'left', 270)).toBe(DEFAULT_LAYOUT);
    expect(resetWidth(resizeSide(DEFAULT_LAYOUT, 'left', 400), 'left')).toEqual(DEFAULT_LAYOUT);
  });

  it('a splitter between docks moves size from one to the other, neither below the minimum', () => {
    const measured = { scenes: 200, sources: 300, mixer: 150 };
    const l = resizeDocks(DEFAULT_LAYOUT, measured, 'scenes', 'sources', 50.4);
    expect(l.heights).toEqual({ scenes: 250, sources: 250, mixer: 150 });
    expect(resizeDocks(DEFAULT_LAYOUT, measured, 'scenes', 'sources', 1000).heights).toEqual({ scenes: 500 - LIMITS.dockMin, sources: LIMITS.dockMin, mixer: 150 });
    expect(resizeDocks(DEFAULT_LAYOUT, measured, 'sources', 'mixer', -1000).heights).toEqual({ scenes: 200, sources: LIMITS.dockMin, mixer: 450 - LIMITS.dockMin });
    expect(resizeDocks(DEFAULT_LAYOUT, measured, 'scenes', 'sources', Number.NaN)).toBe(DEFAULT_LAYOUT);
    expect(resetHeights(l, 'left').heights).toEqual({});
    // The right column's sizes are its own.
    const both = resizeDocks(l, { controls: 120, properties: 400 }, 'controls', 'properties', 30);
    // (Its docks not measured, hidden Stats among them, take the mean of those that were.)
    expect(resetHeights(both, 'left').heights).toEqual({ controls: 150, properties: 370, transitions: 260, stats: 260 });
  });

  it('Reset layout (the default) has default sizes', () => {
    expect(DEFAULT_LAYOUT.heights).toEqual({});
    expect(DEFAULT_LAYOUT.version).toBe(2);
    expect(parseLayout(JSON.stringify(resizeSide(DEFAULT_LAYOUT, 'left', 300)))).toEqual({ ...DEFAULT_LAYOUT, widths: { left: 300, right: 340 } });
  });
});
