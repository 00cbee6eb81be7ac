/**
 * What a handle drag does to an item's transform, as in OBS: a resize handle scales the item with
 * the opposite handle held in place (corners keep the aspect unless told not to), Alt crops that
 * side with the rest of the picture held in place, the rotation handle turns the item about its
 * centre (snapping to 15° steps when asked). Pure: transforms and canvas points in, a transform out.
 */
import type { Transform } from '../../../shared';
import { alignPoint, apply, croppedSize, itemMatrix } from '../../compositor/transform';
import { HANDLE_AT, isCorner, type Point, type ResizeHandle } from './handles';

const rad = (deg: number) => (deg * Math.PI) / 180;

/** v turned by `deg` degrees (clockwise on screen, as item rotation). */
function turn(deg: number, x: number, y: number): Point {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return { x: c * x - s * y, y: s * x + c * y };
}

/** The position that puts local point `a` (cropped-source px) of an item at canvas point `at`. */
function positionFor(t: Transform, cw: number, ch: number, a: Point, at: Point): { positionX: number; positionY: number } {
  const o = alignPoint(t.alignment, cw, ch);
  const off = turn(t.rotation, t.scaleX * (a.x - o.x), t.scaleY * (a.y - o.y));
  return { positionX: at.x - off.x, positionY: at.y - off.y };
}

/** A scale that keeps its original sign and draws at least one canvas pixel of `size` source px. */
function keepSign(s: number, original: number, size: number): number {
  const min = 1 / size;
  const sign = original < 0 ? -1 : 1;
  if (Math.sign(s) !== sign || Math.abs(s) < min) return sign * min;
  return s;
}

/**
 * Scale by dragging `handle` to canvas point p. The opposite handle stays where it is. A corner
 * keeps the item's aspect when keepAspect; an edge only stretches its own axis. The item never
 * flips through its anchor: it stops at one pixel.
 */
export function resizeTo(t: Transform, srcW: number, srcH: number, handle: ResizeHandle, p: Point, keepAspect: boolean): Transform {
  const { width: cw, height: ch } = croppedSize(t, srcW, srcH);
  if (cw <= 0 || ch <= 0) return t;
  const [hx, hy] = HANDLE_AT[handle];
  const anchor = { x: (1 - hx) * cw, y: (1 - hy) * ch };
  const A = apply(itemMatrix(t, srcW, srcH), anchor.x, anchor.y);
  const d = turn(-t.rotation, p.x - A.x, p.y - A.y);
  let sx = hx === 0.5 ? t.scaleX : d.x / ((2 * hx - 1) * cw);
  let sy = hy === 0.5 ? t.scaleY : d.y / ((2 * hy - 1) * ch);
  if (keepAspect && isCorner(handle)) {
    const kx = sx / t.scaleX;
    const ky = sy / t.scaleY;
    const minK = Math.max(1 / Math.abs(t.scaleX * cw), 1 / Math.abs(t.scaleY * ch));
    const k = Math.max(Math.abs(kx) > Math.abs(ky) ? kx : ky, minK);
    sx = t.scaleX * k;
    sy = t.scaleY * k;
  } else {
    sx = keepSign(sx, t.scaleX, cw);
    sy = keepSign(sy, t.scaleY, ch);
  }
  const next = { ...t, scaleX: sx, scaleY: sy };
  return { ...next, ...positionFor(next, cw, ch, anchor, A) };
}

/** Canvas point p in the item's cropped-source pixels (not limited to the item's box). */
export function localPoint(t: Transform, srcW: number, srcH: number, p: Point): Point | null {
  const m = itemMatrix(t, srcW, srcH);
  const det = m.a * m.d - m.b * m.c;
  if (det === 0) return null;
  const dx = p.x - m.e;
  const dy = p.y - m.f;
  return { x: (m.d * dx - m.c * dy) / det, y: (-m.b * dx + m.a * dy) / det };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * Crop by dragging `handle` to canvas point p (OBS: Alt+drag): that side's crop follows the pointer
 * in whole source pixels, never below 0 and never past the other side (one pixel stays), and the
 * rest of the picture stays where it was on the canvas.
 */
export function cropTo(t: Transform, srcW: number, srcH: number, handle: ResizeHandle, p: Point): Transform {
  const { width: cw, height: ch } = croppedSize(t, srcW, srcH);
  if (cw <= 0 || ch <= 0) return t;
  const q = localPoint(t, srcW, srcH, p);
  if (!q) return t;
  const [hx, hy] = HANDLE_AT[handle];
  const crop = { cropLeft: t.cropLeft, cropRight: t.cropRight, cropTop: t.cropTop, cropBottom: t.cropBottom };
  if (hx === 0) crop.cropLeft = clamp(Math.round(t.cropLeft + q.x), 0, srcW - t.cropRight - 1);
  if (hx === 1) crop.cropRight = clamp(Math.round(t.cropRight + cw - q.x), 0, srcW - t.cropLeft - 1);
  if (hy === 0) crop.cropTop = clamp(Math.round(t.cropTop + q.y), 0, srcH - t.cropBottom - 1);
  if (hy === 1) crop.cropBottom = clamp(Math.round(t.cropBottom + ch - q.y), 0, srcH - t.cropTop - 1);
  // The opposite corner, in source pixels, keeps its canvas place.
  const fixed = { x: (1 - hx) * cw + t.cropLeft, y: (1 - hy) * ch + t.cropTop };
  const A = apply(itemMatrix(t, srcW, srcH), fixed.x - t.cropLeft, fixed.y - t.cropTop);
  const next = { ...t, ...crop };
  const size = croppedSize(next, srcW, srcH);
  return { ...next, ...positionFor(next, size.width, size.height, { x: fixed.x - crop.cropLeft, y: fixed.y - crop.cropTop }, A) };
}

/** Degrees in [0, 360). */
export const normalizeDegrees = (deg: number): number => {
  const r = ((deg % 360) + 360) % 360;
  return r === 360 ? 0 : r;
};

/** The item's centre on the canvas. */
export function itemCentre(t: Transform, srcW: number, srcH: number): Point {
  const { width, height } = croppedSize(t, srcW, srcH);
  return apply(itemMatrix(t, srcW, srcH), width / 2, height / 2);
}

/** The same item with rotation `deg` (normalized), turned about its centre. */
export function withRotation(t: Transform, srcW: number, srcH: number, deg: number): Transform {
  const { width: cw, height: ch } = croppedSize(t, srcW, srcH);
  const C = itemCentre(t, srcW, srcH);
  const next = { ...t, rotation: normalizeDegrees(deg) };
  return { ...next, ...positionFor(next, cw, ch, { x: cw / 2, y: ch / 2 }, C) };
}

/**
 * Rotation by dragging the rotation handle from canvas point `from` to `p`: the item turns about
 * its centre by the angle the pointer swept; with snap, the result is a multiple of 15°.
 */
export function rotateTo(t: Transform, srcW: number, srcH: number, from: Point, p: Point, snap: boolean): Transform {
  const C = itemCentre(t, srcW, srcH);
  const swept = Math.atan2(p.y - C.y, p.x - C.x) - Math.atan2(from.y - C.y, from.x - C.x);
  let deg = t.rotation + (swept * 180) / Math.PI;
  if (snap) deg = Math.round(deg / 15) * 15;
  return withRotation(t, srcW, srcH, deg);
}
