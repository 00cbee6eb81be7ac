import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_LAYOUT, DOCKS, dockStore, moveToOtherSide, moveWithin, setVisible, sideOf } from './dockLayout';
import './docks.css';

/**
 * View: each dock shown or hidden, moved up, down or to the other column, and Reset layout. The
 * layout is kept in this browser (localStorage) and restored at the next start.
 */
export function ViewMenu() {
  const layout = useStore(dockStore);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  return (
    <div className="view-menu" ref={root}>
      <button type="button" className="btn btn-small" aria-haspopup="true" aria-expanded={open} data-testid="view-menu" onClick={() => setOpen((o) => !o)}>
        View
      </button>
      {open ? (
        <div className="view-menu-panel" role="group" aria-label="Docks" data-testid="view-menu-panel">
          <p className="view-menu-heading">Docks</p>
          {DOCKS.map((d) => {
            const shown = !layout.hidden.includes(d.id);
            const side = sideOf(layout, d.id);
            return (
              <div key={d.id} className="view-menu-row">
                <label className="view-menu-check">
                  <input type="checkbox" checked={shown} data-testid={`view-dock-${d.id}`} onChange={(e) => dockStore.setState(setVisible(layout, d.id, e.target.checked), true)} />
                  {d.label}
                </label>
                <button type="button" className="icon-button" aria-label={`Move ${d.label} up`} title="Up" onClick={() => dockStore.setState(moveWithin(layout, d.id, -1), true)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move ${d.label} down`} title="Down" onClick={() => dockStore.setState(moveWithin(layout, d.id, 1), true)}>
                  ↓
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid={`view-dock-move-${d.id}`}
                  aria-label={`Move ${d.label} to the ${side === 'left' ? 'right' : 'left'} column`}
                  onClick={() => dockStore.setState(moveToOtherSide(layout, d.id), true)}
                >
                  {side === 'left' ? '→ right' : '← left'}
                </button>
              </div>
            );
          })}
          <button type="button" className="btn btn-small view-menu-reset" data-testid="view-reset-layout" onClick={() => dockStore.setState(DEFAULT_LAYOUT, true)}>
            Reset layout
          </button>
        </div>
      ) : null}
    </div>
  );
}
