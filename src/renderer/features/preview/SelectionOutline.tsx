import { useEffect, useState } from 'react';
import { useServices } from '../../stores/context';
import type { ItemRef } from '../../stores/ui';
import { toCss, type Box } from './geometry';

interface Props {
  selection: ItemRef;
  name: string;
  locked: boolean;
  shown: { width: number; height: number };
  baseW: number;
}

const same = (a: Box | null, b: Box | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

/** Outline of the selected item as the compositor drew it, tracked every animation frame. */
export function SelectionOutline({ selection, name, locked, shown, baseW }: Props) {
  const { ui } = useServices();
  const [box, setBox] = useState<Box | null>(null);

  useEffect(() => {
    let raf = 0;
    const tick = () => {
      const next = ui.getState().compositor?.itemBounds(selection.sceneItemId) ?? null;
      setBox((prev) => (same(prev, next) ? prev : next));
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(raf);
  }, [ui, selection.sceneItemId]);

  // Nothing drawn (an audio-only source, a source still loading): no box to outline.
  if (!box || box.width <= 0 || box.height <= 0) return null;
  const css = toCss(box, shown, baseW);
  return (
    <div
      className={locked ? 'selection selection-locked' : 'selection'}
      style={{ left: css.x, top: css.y, width: css.width, height: css.height }}
      aria-hidden="true"
    >
      <span className="selection-label">
        {name}
        {locked ? ' (locked)' : ''}
      </span>
    </div>
  );
}
