import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { dockStore, moveDock, SIDES, type DockId, type Side } from './dockLayout';

/** CSS px the pointer must travel on a title bar before a press becomes a dock drag. */
const DRAG_SLOP = 5;

/** Where a dragged dock would land: its index in the column (counted without it) and the indicator's top, px in the column. */
export interface DockDrop {
  side: Side;
  index: number;
  top: number;
}

export interface DockDrag {
  id: DockId;
  x: number;
  y: number;
  drop: DockDrop | null;
}

/** What on a title bar is its own control, not a handle to drag the dock by. */
const CONTROLS = 'button, input, select, textarea, a, label, [role="button"], [contenteditable="true"], .dock-actions';

const dockEl = (id: DockId) => document.querySelector<HTMLElement>(`.dock-slot[data-dock="${id}"] > .dock`);

/** The column under the point and the gap between its shown docks nearest to it; null off the columns. */
function dropAt(id: DockId, x: number, y: number): DockDrop | null {
  const layout = dockStore.getState();
  for (const side of SIDES) {
    const col = document.querySelector<HTMLElement>(`[data-dock-column="${side}"]`);
    if (!col) continue;
    const box = col.getBoundingClientRect();
    if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
    const list = layout[side].filter((d) => d !== id);
    const shown = list.filter((d) => !layout.hidden.includes(d));
    for (const d of shown) {
      const r = dockEl(d)?.getBoundingClientRect();
      if (r && y < r.top + r.height / 2) return { side, index: list.indexOf(d), top: r.top - box.top + col.scrollTop };
    }
    const last = shown.length ? dockEl(shown[shown.length - 1]!)?.getBoundingClientRect() : undefined;
    return { side, index: list.length, top: (last ? last.bottom - box.top : 0) + col.scrollTop };
  }
  return null;
}

/**
 * Drag a dock by its title bar, as in OBS: to another place in its column or into the other column,
 * with a drop indicator; release drops it there, Esc (or release off the columns) leaves it where it
 * was. Pointer events, not HTML drag and drop, so Esc and the indicator are ours.
 */
export function useDockDrag() {
  const [drag, setDrag] = useState<DockDrag | null>(null);
  const press = useRef<{ id: DockId; pointerId: number; x: number; y: number; moved: boolean } | null>(null);

  useEffect(() => {
    const move = (e: globalThis.PointerEvent) => {
      const p = press.current;
      if (!p || p.pointerId !== e.pointerId) return;
      if (!p.moved && Math.hypot(e.clientX - p.x, e.clientY - p.y) < DRAG_SLOP) return;
      p.moved = true;
      e.preventDefault();
      setDrag({ id: p.id, x: e.clientX, y: e.clientY, drop: dropAt(p.id, e.clientX, e.clientY) });
    };
    const up = (e: globalThis.PointerEvent) => {
      const p = press.current;
      if (!p || p.pointerId !== e.pointerId) return;
      press.current = null;
      setDrag(null);
      if (!p.moved || e.type !== 'pointerup') return;
      const drop = dropAt(p.id, e.clientX, e.clientY);
      if (drop) dockStore.setState(moveDock(dockStore.getState(), p.id, drop.side, drop.index), true);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !press.current) return;
      // Esc ends the drag here; the page's other Esc handlers (menus, dialogs) are not for it.
      e.preventDefault();
      e.stopImmediatePropagation();
      press.current = null;
      setDrag(null);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    window.addEventListener('keydown', key, true);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      window.removeEventListener('keydown', key, true);
    };
  }, []);

  /** Spread on a dock's slot: a primary press on its title bar (not on its buttons) may start a drag. */
  const onPointerDown = (id: DockId) => (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0 || press.current) return;
    const t = e.target as Element;
    if (!t.closest('.dock-header') || t.closest(CONTROLS)) return;
    // Only the dock's own title bar, not one of a panel nested in its body.
    if (t.closest('.dock') !== dockEl(id)) return;
    e.preventDefault();
    press.current = { id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  };

  return { drag, onPointerDown };
}
