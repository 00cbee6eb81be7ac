import { describe, expect, it } from 'vitest';
import { menuMove, mnemonicOf, moveIndex } from './navigation';

describe('moveIndex', () => {
  it('moves and wraps around both ends', () => {
    expect(moveIndex(3, 0, 'next')).toBe(1);
    expect(moveIndex(3, 2, 'next')).toBe(0);
    expect(moveIndex(3, 0, 'prev')).toBe(2);
    expect(moveIndex(3, 1, 'first')).toBe(0);
    expect(moveIndex(3, 1, 'last')).toBe(2);
  });
  it('starts at an end when nothing is focused, and has nowhere to go in an empty menu', () => {
    expect(moveIndex(4, -1, 'next')).toBe(0);
    expect(moveIndex(4, -1, 'prev')).toBe(3);
    expect(moveIndex(0, -1, 'next')).toBe(-1);
  });
});

describe('keys', () => {
  it('reads arrows, Home and End as moves, nothing else', () => {
    expect(menuMove('ArrowDown')).toBe('next');
    expect(menuMove('ArrowUp')).toBe('prev');
    expect(menuMove('Home')).toBe('first');
    expect(menuMove('End')).toBe('last');
    expect(menuMove('a')).toBeNull();
  });
  it('takes Alt+letter as a mnemonic by key position, not with other modifiers', () => {
    const k = { altKey: true, ctrlKey: false, metaKey: false, shiftKey: false };
    expect(mnemonicOf({ ...k, code: 'KeyF' })).toBe('f');
    expect(mnemonicOf({ ...k, code: 'Digit1' })).toBeNull();
    expect(mnemonicOf({ ...k, ctrlKey: true, code: 'KeyF' })).toBeNull();
    expect(mnemonicOf({ ...k, altKey: false, code: 'KeyF' })).toBeNull();
  });
});
