/**
 * Snapping in the preview, as OBS's: a moved item's box snaps its edges and centre to the canvas's
 * edges and centre and to other items' edges; a dragged handle snaps to the same lines. Only lines
 * within `distance` canvas px pull; the nearest one wins on each axis. Pure.
 */
import type { Rect } from '../../compositor/transform';
import type { Point } from './handles';

/** How close (canvas px) a line must be to pull an edge onto it. OBS's default sensitivity is 10. */
export const SNAP_DISTANCE = 8;

export interface SnapLines {
  /** Vertical lines (x values). */
  xs: number[];
  /** Horizontal lines (y values). */
  ys: number[];
}

/** The canvas's edges and centre, and every other item's edges. */
export function snapLines(canvasW: number, canvasH: number, others: readonly Rect[]): SnapLines {
  const xs = [0, canvasW / 2, canvasW];
  const ys = [0, canvasH / 2, canvasH];
  for (const r of others) {
    if (r.width <= 0 || r.height <= 0) continue;
    xs.push(r.x, r.x + r.width);
    ys.push(r.y, r.y + r.height);
  }
  return { xs, ys };
}

/** The shift that puts the nearest of `edges` on the nearest line within distance, or null. */
function nearest(edges: readonly number[], lines: readonly number[], distance: number): { shift: number; line: number } | null {
  let best: { shift: number; line: number } | null = null;
  for (const e of edges) {
    for (const l of lines) {
      const shift = l - e;
      if (Math.abs(shift) <= distance && (!best || Math.abs(shift) < Math.abs(best.shift))) best = { shift, line: l };
    }
  }
  return best;
}

export interface Snapped {
  dx: number;
  dy: number;
  /** The lines snapped to, for guides (null: none on that axis). */
  x: number | null;
  y: number | null;
}

/** How far to move a box (its left, centre and right; top, middle and bottom) to snap it. */
export function snapBox(box: Rect, lines: SnapLines, distance = SNAP_DISTANCE): Snapped {
  const sx = nearest([box.x, box.x + box.width / 2, box.x + box.width], lines.xs, distance);
  const sy = nearest([box.y, box.y + box.height / 2, box.y + box.height], lines.ys, distance);
  return { dx: sx?.shift ?? 0, dy: sy?.shift ?? 0, x: sx?.line ?? null, y: sy?.line ?? null };
}

/** A dragged handle's point, snapped onto the nearest lines. */
export function snapPoint(p: Point, lines: SnapLines, distance = SNAP_DISTANCE): Point & { guideX: number | null; guideY: number | null } {
  const sx = nearest([p.x], lines.xs, distance);
  const sy = nearest([p.y], lines.ys, distance);
  return { x: p.x + (sx?.shift ?? 0), y: p.y + (sy?.shift ?? 0), guideX: sx?.line ?? null, guideY: sy?.line ?? null };
}
