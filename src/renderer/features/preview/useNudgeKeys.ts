import { useEffect, useRef } from 'react';
import { useServices } from '../../stores/context';
import { findItem, selectionInEditedScene } from '../../stores/selectors';
import { nudgeFor } from './geometry';

const isEditable = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/**
 * Arrow keys move the selected, unlocked item 1 px (10 with Shift), unless the user is typing or a
 * dialog is open. Held keys repeat faster than the engine echoes, so nudges build on the last one
 * sent until every nudge in flight has been answered.
 */
export function useNudgeKeys(): void {
  const { studio, ui, actions } = useServices();
  const pending = useRef<{ key: string; x: number; y: number; inFlight: number } | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const step = nudgeFor(e.key, e.shiftKey);
      if (!step || e.altKey || e.ctrlKey || e.metaKey || isEditable(e.target)) return;
      const u = ui.getState();
      if (u.settingsOpen || u.addSourceKind !== null || u.drag) return;
      const doc = studio.getState().document;
      const ref = selectionInEditedScene(doc, u.selected, u.editedCanvas);
      const item = findItem(doc, ref);
      if (!ref || !item || item.locked) return;
      e.preventDefault();
      const key = `${ref.sceneUuid}/${ref.sceneItemId}`;
      const base = pending.current?.key === key ? pending.current : { x: item.transform.positionX, y: item.transform.positionY, inFlight: 0 };
      const next = { key, x: base.x + step.dx, y: base.y + step.dy, inFlight: base.inFlight + 1 };
      pending.current = next;
      void actions.call('item.setTransform', { ...ref, transform: { positionX: next.x, positionY: next.y } }).then(() => {
        const p = pending.current;
        if (p && p.key === key && --p.inFlight <= 0) pending.current = null;
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studio, ui, actions]);
}
