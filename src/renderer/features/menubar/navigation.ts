/** Arrow-key movement in the menu bar and its menus (WAI-ARIA's menubar pattern). Pure. */

export type Move = 'next' | 'prev' | 'first' | 'last';

/** The index to focus among `count` entries, wrapping around; -1 when there are none. */
export function moveIndex(count: number, from: number, move: Move): number {
  if (count <= 0) return -1;
  if (move === 'first') return 0;
  if (move === 'last') return count - 1;
  if (from < 0) return move === 'next' ? 0 : count - 1;
  return (from + (move === 'next' ? 1 : -1) + count) % count;
}

/** The key's move in a vertical menu, or null when the key is not an arrow, Home or End. */
export function menuMove(key: string): Move | null {
  return ({ ArrowDown: 'next', ArrowUp: 'prev', Home: 'first', End: 'last' } as const)[key as 'Home'] ?? null;
}

/** Which top menu Alt+key opens (its mnemonic, from the key's position so macOS's Option symbols count). */
export function mnemonicOf(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^Key([A-Z])$/.exec(e.code);
  return m ? m[1]!.toLowerCase() : null;
}
