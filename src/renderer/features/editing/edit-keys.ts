/** Which editing command a key press means (OBS's shortcuts), outside text fields. Pure. */
export type EditKey = 'remove' | 'rename' | 'copy' | 'paste' | 'copyTransform' | 'pasteTransform' | 'duplicate';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function editKey(e: KeyLike, target: { tagName?: string; isContentEditable?: boolean } | null): EditKey | null {
  const tag = target?.tagName?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select' || target?.isContentEditable) return null;
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) {
    if (e.shiftKey) return null;
    if (e.key === 'Delete') return 'remove';
    if (e.key === 'F2') return 'rename';
    return null;
  }
  switch (e.key.toLowerCase()) {
    case 'c':
      return e.shiftKey ? 'copyTransform' : 'copy';
    case 'v':
      return e.shiftKey ? 'pasteTransform' : 'paste';
    case 'd':
      return e.shiftKey ? null : 'duplicate';
    default:
      return null;
  }
}
