/** A browser key press as OBS's key combination, or null for a press that cannot be bound (a lone modifier). */
import { obsKeyId, type KeyCombo } from '../../../shared';

export interface KeyPress {
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function comboOf(e: KeyPress): KeyCombo | null {
  const key = obsKeyId(e.code);
  if (!key) return null;
  return { key, shift: e.shiftKey, control: e.ctrlKey, alt: e.altKey, command: e.metaKey };
}

/** Whether a key event comes from a place where typing means text, not a hotkey. */
export function typingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  const tag = target?.tagName?.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable === true;
}
