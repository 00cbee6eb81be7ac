import { useEffect, useState } from 'react';
import { useServices } from '../../stores/context';
import { findItem, withDrag } from '../../stores/selectors';
import type { ItemRef } from '../../stores/ui';
import { itemCorners, withBoundsCrop } from '../../compositor/transform';
import { toCss, type Box } from './geometry';
import { handlePoints, RESIZE_HANDLES, type Handle, type Point } from './handles';
import { ROTATE_OFFSET_CSS } from './usePreviewDrag';

interface Props {
  selection: ItemRef;
  name: string;
  locked: boolean;
  shown: { width: number; height: number };
  baseW: number;
}

interface Shape {
  box: Box;
  /** The drawn (possibly rotated) quad, canvas px. */
  corners: Point[];
  handles: Partial<Record<Handle, Point>>;
}

const key = (s: Shape | null) => (s ? JSON.stringify(s) : '');

/**
 * Outline of the selected item as the compositor drew it (its rotated box), with OBS's handles:
 * squares on the corners and edge middles, and the rotation handle above the top edge. Tracked every
 * animation frame. The handles are drawn only; usePreviewDrag hit-tests them (handles.ts).
 */
export function SelectionOutline({ selection, name, locked, shown, baseW }: Props) {
  const { ui, studio } = useServices();
  const [shape, setShape] = useState<Shape | null>(null);
  const cssPerCanvas = baseW > 0 ? shown.width / baseW : 0;

  useEffect(() => {
    let raf = 0;
    const tick = () => {
      const u = ui.getState();
      const box = u.compositor?.itemBounds(selection.sceneItemId) ?? null;
      const size = u.compositor?.itemSize(selection.sceneItemId) ?? null;
      const doc = studio.getState().document;
      const t = doc ? findItem(withDrag(doc, u.drag), selection)?.transform : undefined;
      let next: Shape | null = null;
      if (box && size && t && cssPerCanvas > 0) {
        next = {
          box,
          // Around the picture as drawn: cropped to its bounding box when it is (OBS 31's crop to bounds).
          corners: itemCorners(withBoundsCrop(t, size.width, size.height), size.width, size.height),
          handles: handlePoints(withBoundsCrop(t, size.width, size.height), size.width, size.height, ROTATE_OFFSET_CSS / cssPerCanvas),
        };
      }
      setShape((prev) => (key(prev) === key(next) ? prev : next));
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(raf);
  }, [ui, studio, selection, cssPerCanvas]);

  // Nothing drawn (an audio-only source, a source still loading): no box to outline.
  if (!shape || shape.box.width <= 0 || shape.box.height <= 0) return null;
  const css = toCss(shape.box, shown, baseW);
  const at = (p: Point) => ({ x: p.x * cssPerCanvas, y: p.y * cssPerCanvas });
  const quad = shape.corners.map((p) => `${at(p).x},${at(p).y}`).join(' ');
  const top = shape.handles.t;
  const rot = shape.handles.rotate;
  return (
    <>
      <svg className={locked ? 'selection-frame selection-frame-locked' : 'selection-frame'} width={shown.width} height={shown.height} aria-hidden="true">
        <polygon points={quad} />
        {!locked && top && rot ? <line x1={at(top).x} y1={at(top).y} x2={at(rot).x} y2={at(rot).y} /> : null}
      </svg>
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
      {locked
        ? null
        : [...RESIZE_HANDLES, 'rotate' as const].map((h) => {
            const p = shape.handles[h];
            if (!p) return null;
            const c = at(p);
            return (
              <span
                key={h}
                className={h === 'rotate' ? 'selection-handle selection-handle-rotate' : 'selection-handle'}
                data-handle={h}
                style={{ left: c.x, top: c.y }}
                aria-hidden="true"
              />
            );
          })}
    </>
  );
}
