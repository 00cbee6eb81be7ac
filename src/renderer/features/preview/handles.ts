/**
 * The selected item's handles in the preview, as OBS draws them: a square on each corner and on the
 * middle of each edge of the item's drawn (rotated) box, and a rotation handle a little above the
 * middle of its top edge. Pure: canvas pixels in, canvas pixels out.
 */
import type { Transform } from '../../../shared';
import { apply, croppedSize, itemMatrix } from '../../compositor/transform';

export type ResizeHandle = 'tl' | 't' | 'tr' | 'r' | 'br' | 'b' | 'bl' | 'l';
export type Handle = ResizeHandle | 'rotate';

/** Where each resize handle sits on the item's local box, as fractions of its width and height. */
export const HANDLE_AT: Readonly<Record<ResizeHandle, readonly [0 | 0.5 | 1, 0 | 0.5 | 1]>> = {
  tl: [0, 0],
  t: [0.5, 0],
  tr: [1, 0],
  r: [1, 0.5],
  br: [1, 1],
  b: [0.5, 1],
  bl: [0, 1],
  l: [0, 0.5],
};

export const RESIZE_HANDLES = Object.keys(HANDLE_AT) as ResizeHandle[];

export const isCorner = (h: ResizeHandle): boolean => HANDLE_AT[h][0] !== 0.5 && HANDLE_AT[h][1] !== 0.5;

export interface Point {
  x: number;
  y: number;
}

/**
 * Canvas positions of every handle of an item whose picture is srcW×srcH. `rotateOffset` is how far
 * (canvas px) the rotation handle sits beyond the top edge's middle, away from the item's centre.
 * Empty for an item with nothing to draw.
 */
export function handlePoints(t: Transform, srcW: number, srcH: number, rotateOffset: number): Partial<Record<Handle, Point>> {
  const { width, height } = croppedSize(t, srcW, srcH);
  if (width <= 0 || height <= 0) return {};
  const m = itemMatrix(t, srcW, srcH);
  const out: Partial<Record<Handle, Point>> = {};
  for (const h of RESIZE_HANDLES) {
    const [fx, fy] = HANDLE_AT[h];
    out[h] = apply(m, fx * width, fy * height);
  }
  const top = out.t!;
  const centre = apply(m, width / 2, height / 2);
  const dx = top.x - centre.x;
  const dy = top.y - centre.y;
  const len = Math.hypot(dx, dy);
  out.rotate = len > 0 ? { x: top.x + (dx / len) * rotateOffset, y: top.y + (dy / len) * rotateOffset } : { x: top.x, y: top.y - rotateOffset };
  return out;
}

/**
 * The handle under canvas point p within `radius` canvas px (the nearest, if several), or null.
 * The rotation handle wins over the squares when both are in reach (it is drawn on top).
 */
export function handleAt(t: Transform, srcW: number, srcH: number, p: Point, radius: number, rotateOffset: number): Handle | null {
  const pts = handlePoints(t, srcW, srcH, rotateOffset);
  const rot = pts.rotate;
  if (rot && Math.hypot(p.x - rot.x, p.y - rot.y) <= radius) return 'rotate';
  let best: ResizeHandle | null = null;
  let bestD = Infinity;
  for (const h of RESIZE_HANDLES) {
    const q = pts[h];
    if (!q) continue;
    const d = Math.hypot(p.x - q.x, p.y - q.y);
    if (d <= radius && d < bestD) {
      best = h;
      bestD = d;
    }
  }
  return best;
}

/** The CSS cursor for a handle, turned with the item (in 45° steps). */
export function handleCursor(h: Handle, rotation: number): string {
  if (h === 'rotate') return 'grab';
  const order: ResizeHandle[] = ['t', 'tr', 'r', 'br', 'b', 'bl', 'l', 'tl'];
  const cursors = ['ns-resize', 'nesw-resize', 'ew-resize', 'nwse-resize'];
  const step = Math.round((((rotation % 360) + 360) % 360) / 45);
  return cursors[(order.indexOf(h) + step) % 4]!;
}
