import { Fragment, type CSSProperties, type PointerEvent, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { DOCKS, dockStore, LIMITS, resetHeights, resetWidth, resizeDocks, resizeSide, type DockId, type Side } from './dockLayout';
import { Splitter } from './Splitter';
import type { DockDrag } from './useDockDrag';
import './docks.css';

const label = (id: DockId) => DOCKS.find((d) => d.id === id)!.label;
const dockEl = (id: DockId) => document.querySelector<HTMLElement>(`.dock-slot[data-dock="${id}"] > .dock`);

/** The workspace's column sizes, as CSS variables docks.css lays the grid out with. */
export function workspaceStyle(widths: Record<Side, number>): CSSProperties {
  return { '--dock-left': `${widths.left}px`, '--dock-right': `${widths.right}px`, '--dock-side-min': `${LIMITS.sideMin}px`, '--preview-min': `${LIMITS.previewMin}px` } as CSSProperties;
}

interface ColumnProps {
  side: Side;
  views: Record<DockId, ReactNode>;
  drag: DockDrag | null;
  onPointerDown(id: DockId): (e: PointerEvent<HTMLElement>) => void;
}

/**
 * One side column: its docks in order with a splitter between each two shown ones, and the drop
 * indicator while a dock is dragged over it. Hidden docks stay mounted (display: none), so what they
 * keep running (the destinations' feed in Controls) goes on; the slot is display: contents, so a shown
 * dock sizes as a direct child, by the share its slot's --dock-grow gives it once the column is resized.
 */
export function DockColumn({ side, views, drag, onPointerDown }: ColumnProps) {
  const layout = useStore(dockStore);
  const shown = layout[side].filter((id) => !layout.hidden.includes(id));
  const drop = drag?.drop?.side === side ? drag.drop : null;
  return (
    <div className={`column column-${side}`} data-dock-column={side}>
      {layout[side].map((id) => {
        const at = shown.indexOf(id);
        const above = at > 0 ? shown[at - 1] : undefined;
        const h = layout.heights[id];
        return (
          <Fragment key={id}>
            {above ? (
              <Splitter
                orientation="horizontal"
                label={`Resize ${label(above)} and ${label(id)}`}
                testId={`dock-splitter-${above}-${id}`}
                value={layout.heights[above] ?? dockEl(above)?.getBoundingClientRect().height}
                min={LIMITS.dockMin}
                max={LIMITS.dockMax}
                begin={() => {
                  const start = dockStore.getState();
                  const measured: Partial<Record<DockId, number>> = {};
                  for (const d of shown) {
                    const r = dockEl(d)?.getBoundingClientRect();
                    if (r) measured[d] = r.height;
                  }
                  return (delta) => resizeDocks(start, measured, above, id, delta);
                }}
                reset={() => resetHeights(dockStore.getState(), side)}
              />
            ) : null}
            <div
              className={drag?.id === id ? 'dock-slot dock-dragging' : 'dock-slot'}
              data-dock={id}
              data-sized={h === undefined ? undefined : 'true'}
              style={h === undefined ? undefined : ({ '--dock-grow': h } as CSSProperties)}
              hidden={layout.hidden.includes(id)}
              onPointerDown={onPointerDown(id)}
            >
              {views[id]}
            </div>
          </Fragment>
        );
      })}
      {drop ? <div className="dock-drop-indicator" data-testid="dock-drop-indicator" data-side={side} data-index={drop.index} style={{ top: drop.top }} /> : null}
    </div>
  );
}

/**
 * The splitter between a side column and the preview: the column's width, kept within LIMITS and so
 * that the preview keeps at least LIMITS.previewMin.
 */
export function SideSplitter({ side }: { side: Side }) {
  const width = useStore(dockStore, (l) => l.widths[side]);
  return (
    <Splitter
      orientation="vertical"
      label={`Resize the ${side} docks`}
      testId={`dock-splitter-${side}`}
      value={width}
      min={LIMITS.sideMin}
      max={LIMITS.sideMax}
      begin={() => {
        const start = dockStore.getState();
        const own = document.querySelector<HTMLElement>(`[data-dock-column="${side}"]`)?.getBoundingClientRect().width ?? start.widths[side];
        // The column grows only by what the preview has above its minimum.
        const center = document.querySelector<HTMLElement>('.column-center')?.getBoundingClientRect().width;
        const max = center === undefined ? LIMITS.sideMax : own + center - LIMITS.previewMin;
        // Right of the left column widens it; right of the right column narrows it.
        return (delta) => resizeSide(start, side, own + (side === 'left' ? delta : -delta), max);
      }}
      reset={() => resetWidth(dockStore.getState(), side)}
    />
  );
}

/** The dragged dock's name beside the pointer. */
export function DockDragGhost({ drag }: { drag: DockDrag }) {
  return (
    <div className="dock-drag-ghost" data-testid="dock-drag-ghost" style={{ left: drag.x + 12, top: drag.y + 8 }}>
      {label(drag.id)}
    </div>
  );
}
