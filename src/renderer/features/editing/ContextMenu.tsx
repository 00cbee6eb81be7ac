import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { placeMenu } from './menu-place';

export type MenuEntry =
  | { type?: 'item'; label: string; onSelect(): void; disabled?: boolean; shortcut?: string; testId?: string }
  | { type: 'separator' }
  | { type: 'heading'; label: string };

interface Props {
  x: number;
  y: number;
  label: string;
  entries: readonly MenuEntry[];
  onClose(): void;
}

/**
 * A context menu at the pointer, kept inside the window, in a portal on <body> (so no dock's
 * overflow clips it). It closes on Escape, on a press outside it, on a window blur or resize, and
 * after an entry runs. Arrow keys move between entries.
 */
export function ContextMenu({ x, y, label, entries, onClose }: Props) {
  const ref = useRef<HTMLUListElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos(placeMenu(x, y, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight }));
  }, [x, y, entries]);

  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
        return;
      }
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
      if (items.length === 0) return;
      e.preventDefault();
      e.stopPropagation();
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      const next = e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
      items[next]?.focus();
    };
    const close = () => onClose();
    document.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', close);
      window.removeEventListener('resize', close);
    };
  }, [onClose]);

  useEffect(() => {
    if (pos) ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [pos]);

  return createPortal(
    <ul
      ref={ref}
      className="menu context-menu"
      role="menu"
      aria-label={label}
      data-testid="context-menu"
      style={{ left: pos?.left ?? x, top: pos?.top ?? y, visibility: pos ? 'visible' : 'hidden' }}
      onContextMenu={(e) => e.preventDefault()}
    >
      {entries.map((entry, i) => {
        if (entry.type === 'separator') return <li key={i} role="separator" className="menu-separator" />;
        if (entry.type === 'heading') {
          return (
            <li key={i} role="presentation" className="menu-heading">
              {entry.label}
            </li>
          );
        }
        return (
          <li key={i} role="none">
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              disabled={entry.disabled}
              data-testid={entry.testId}
              onClick={() => {
                onClose();
                entry.onSelect();
              }}
            >
              <span>{entry.label}</span>
              {entry.shortcut ? <kbd className="menu-shortcut">{entry.shortcut}</kbd> : null}
            </button>
          </li>
        );
      })}
    </ul>,
    document.body,
  );
}

/** State for one place's context menu: open it from an onContextMenu handler, render `menu`. */
export function useContextMenu(): {
  open(e: ReactMouseEvent, label: string, entries: MenuEntry[]): void;
  menu: ReactNode;
} {
  const [state, setState] = useState<{ x: number; y: number; label: string; entries: MenuEntry[] } | null>(null);
  const close = useCallback(() => setState(null), []);
  const open = useCallback((e: ReactMouseEvent, label: string, entries: MenuEntry[]) => {
    e.preventDefault();
    e.stopPropagation();
    setState({ x: e.clientX, y: e.clientY, label, entries });
  }, []);
  const menu = state ? <ContextMenu x={state.x} y={state.y} label={state.label} entries={state.entries} onClose={close} /> : null;
  return { open, menu };
}
