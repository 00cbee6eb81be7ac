import { describe, expect, it } from 'vitest';
import { comboText, obsKeyId } from '../../../shared';
import { comboOf, typingTarget } from './combo';

const press = (code: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  code,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('hotkey combos', () => {
  it("maps browser key codes to OBS's key ids", () => {
    expect(obsKeyId('KeyA')).toBe('OBS_KEY_A');
    expect(obsKeyId('Digit7')).toBe('OBS_KEY_7');
    expect(obsKeyId('F12')).toBe('OBS_KEY_F12');
    expect(obsKeyId('Numpad3')).toBe('OBS_KEY_NUM3');
    expect(obsKeyId('Space')).toBe('OBS_KEY_SPACE');
    expect(obsKeyId('ShiftLeft')).toBeNull();
  });

  it('reads modifiers, refuses lone modifiers, and reads back as text', () => {
    const combo = comboOf(press('F1', { ctrlKey: true, shiftKey: true }));
    expect(combo).toEqual({ key: 'OBS_KEY_F1', shift: true, control: true, alt: false, command: false });
    expect(comboText(combo!)).toBe('Ctrl+Shift+F1');
    expect(comboOf(press('ControlLeft', { ctrlKey: true }))).toBeNull();
  });

  it('knows where typing is text', () => {
    expect(typingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(typingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(typingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(typingTarget(null)).toBe(false);
  });
});
