import { describe, expect, it } from 'vitest';
import { placeMenu } from './menu-place';
import { moved, orderIndex } from './order';
import { editKey } from './edit-keys';

describe('placeMenu', () => {
  const win = { width: 1000, height: 800 };
  const menu = { width: 200, height: 300 };
  it('opens at the pointer when it fits', () => {
    expect(placeMenu(100, 100, menu, win)).toEqual({ left: 100, top: 100 });
  });
  it('opens to the left and upwards near the right and bottom edges', () => {
    expect(placeMenu(950, 700, menu, win)).toEqual({ left: 750, top: 400 });
  });
  it('never leaves the window, even when the menu is taller than the room either side', () => {
    expect(placeMenu(10, 400, { width: 200, height: 790 }, win)).toEqual({ left: 10, top: 4 });
    expect(placeMenu(-20, -20, menu, win)).toEqual({ left: 4, top: 4 });
  });
});

describe('orderIndex', () => {
  it('scene items: the top is the last index', () => {
    expect(orderIndex(1, 4, 'up', true)).toBe(2);
    expect(orderIndex(1, 4, 'down', true)).toBe(0);
    expect(orderIndex(1, 4, 'top', true)).toBe(3);
    expect(orderIndex(1, 4, 'bottom', true)).toBe(0);
    expect(orderIndex(3, 4, 'up', true)).toBeNull();
  });
  it('scenes: the top is the first index', () => {
    expect(orderIndex(2, 4, 'up', false)).toBe(1);
    expect(orderIndex(2, 4, 'down', false)).toBe(3);
    expect(orderIndex(2, 4, 'top', false)).toBe(0);
    expect(orderIndex(0, 4, 'top', false)).toBeNull();
  });
});

describe('moved', () => {
  it('moves one element and keeps the rest in order', () => {
    expect(moved(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moved(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('editKey', () => {
  const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it("maps OBS's editing shortcuts", () => {
    expect(editKey(k('Delete'), null)).toBe('remove');
    expect(editKey(k('F2'), null)).toBe('rename');
    expect(editKey(k('c', { ctrlKey: true }), null)).toBe('copy');
    expect(editKey(k('V', { ctrlKey: true, shiftKey: true }), null)).toBe('pasteTransform');
    expect(editKey(k('C', { ctrlKey: true, shiftKey: true }), null)).toBe('copyTransform');
    expect(editKey(k('v', { metaKey: true }), null)).toBe('paste');
    expect(editKey(k('d', { ctrlKey: true }), null)).toBe('duplicate');
  });
  it('leaves text fields, other keys and Alt combinations alone', () => {
    expect(editKey(k('Delete'), { tagName: 'INPUT' })).toBeNull();
    expect(editKey(k('c', { ctrlKey: true }), { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(editKey(k('d'), null)).toBeNull();
    expect(editKey(k('Delete', { altKey: true }), null)).toBeNull();
    expect(editKey(k('z', { ctrlKey: true }), null)).toBeNull();
  });
});
