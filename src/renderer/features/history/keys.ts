/** Which key press means Undo or Redo (Ctrl on Windows/Linux, ⌘ on macOS), outside text fields. */
export type HistoryKey = 'undo' | 'redo' | null;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function historyKey(e: KeyLike, target: { tagName?: string; isContentEditable?: boolean } | null): HistoryKey {
  // A text field's own undo wins there: the user is editing a value, not the scene.
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}
