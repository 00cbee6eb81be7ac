import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { dockStore, type DockLayout } from './dockLayout';

/** How far one arrow key press moves a splitter, CSS px (Shift: BIG_STEP). */
const STEP = 10;
const BIG_STEP = 50;

interface Props {
  /** 'vertical': a bar between columns, moved left and right; 'horizontal': between docks, moved up and down. */
  orientation: 'vertical' | 'horizontal';
  label: string;
  testId: string;
  /** The size the splitter sets (for assistive tech): the column's width or the upper dock's height. */
  value: number | undefined;
  min: number;
  max: number;
  /**
   * Called as a move starts: measures what it needs and answers the layout for a total move of
   * `delta` px (right or down positive) from the layout at the start.
   */
  begin(): (delta: number) => DockLayout;
  /** Double-click: this splitter's sizes back to their defaults. */
  reset(): DockLayout;
}

/**
 * A splitter like OBS's between docks: drag it, or focus it and use the arrow keys; Esc during a
 * drag puts the sizes back; double-click restores the default. Every move goes through the layout
 * model, which clamps it.
 */
export function Splitter({ orientation, label, testId, value, min, max, begin, reset }: Props) {
  const drag = useRef<{ pointerId: number; from: number; start: DockLayout; to: (delta: number) => DockLayout } | null>(null);
  const along = (e: PointerEvent) => (orientation === 'vertical' ? e.clientX : e.clientY);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { pointerId: e.pointerId, from: along(e), start: dockStore.getState(), to: begin() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    dockStore.setState(d.to(along(e) - d.from), true);
  };
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current || drag.current.pointerId !== e.pointerId) return;
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && drag.current) {
      e.preventDefault();
      e.stopPropagation();
      const { start, pointerId } = drag.current;
      drag.current = null;
      if (e.currentTarget.hasPointerCapture(pointerId)) e.currentTarget.releasePointerCapture(pointerId);
      dockStore.setState(start, true);
      return;
    }
    const keys: Record<string, number> = orientation === 'vertical' ? { ArrowLeft: -1, ArrowRight: 1 } : { ArrowUp: -1, ArrowDown: 1 };
    const dir = keys[e.key];
    if (dir === undefined || drag.current) return;
    e.preventDefault();
    dockStore.setState(begin()(dir * (e.shiftKey ? BIG_STEP : STEP)), true);
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={value === undefined ? undefined : Math.round(value)}
      title={`${label} (drag or arrow keys; double-click for the default)`}
      className={`dock-splitter dock-splitter-${orientation}`}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onKeyDown={onKeyDown}
      onDoubleClick={() => dockStore.setState(reset(), true)}
    />
  );
}
