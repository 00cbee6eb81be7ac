import { describe, expect, it } from 'vitest';
import { historyKey } from './keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('historyKey', () => {
  it('reads Ctrl/⌘+Z as undo, Ctrl/⌘+Shift+Z and Ctrl+Y as redo', () => {
    expect(historyKey(key('z', { ctrlKey: true }), null)).toBe('undo');
    expect(historyKey(key('z', { metaKey: true }), { tagName: 'DIV' })).toBe('undo');
    expect(historyKey(key('Z', { ctrlKey: true, shiftKey: true }), null)).toBe('redo');
    expect(historyKey(key('y', { ctrlKey: true }), null)).toBe('redo');
  });

  it('leaves text fields and other chords alone', () => {
    expect(historyKey(key('z', { ctrlKey: true }), { tagName: 'INPUT' })).toBeNull();
    expect(historyKey(key('z', { ctrlKey: true }), { tagName: 'div', isContentEditable: true })).toBeNull();
    expect(historyKey(key('z'), null)).toBeNull();
    expect(historyKey(key('z', { ctrlKey: true, altKey: true }), null)).toBeNull();
    expect(historyKey(key('x', { ctrlKey: true }), null)).toBeNull();
  });
});
