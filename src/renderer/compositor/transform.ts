/**
 * OBS scene-item transform math, shared by rendering, hit testing and bounds so the three can never
 * disagree. Pure: no DOM, no GL. Coordinates are canvas pixels, x right, y down.
 *
 * An item's local space is its cropped source: (0,0)…(cw,ch). The alignment point of that box sits
 * at (positionX, positionY); scale applies about it, then rotation (degrees, clockwise on screen).
 */
import type { Transform } from '../../shared';

/** x' = a·x + c·y + e, y' = b·x + d·y + f (the 2D affine layout CanvasRenderingContext2D uses). */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const ALIGN_LEFT = 1;
export const ALIGN_RIGHT = 2;
export const ALIGN_TOP = 4;
export const ALIGN_BOTTOM = 8;

/** Size of the source after crop; never negative. */
export function croppedSize(t: Transform, srcW: number, srcH: number): { width: number; height: number } {
  return {
    width: Math.max(0, srcW - t.cropLeft - t.cropRight),
    height: Math.max(0, srcH - t.cropTop - t.cropBottom),
  };
}

/** The alignment point inside a w×h box (0 = center on that axis). */
export function alignPoint(alignment: number, w: number, h: number): { x: number; y: number } {
  const x = alignment & ALIGN_LEFT ? 0 : alignment & ALIGN_RIGHT ? w : w / 2;
  const y = alignment & ALIGN_TOP ? 0 : alignment & ALIGN_BOTTOM ? h : h / 2;
  return { x, y };
}

/**
 * OBS's bounding box (obs-scene.c's calculate_bounds_data): the scale that fits a w×h source into
 * the box as the type says, and where the scaled source's top-left sits inside the box (by
 * boundsAlignment). Null for OBS_BOUNDS_NONE or an empty source.
 */
export function boundsFit(t: Transform, w: number, h: number): { scaleX: number; scaleY: number; x: number; y: number; boxW: number; boxH: number } | null {
  const type = t.boundsType ?? 'OBS_BOUNDS_NONE';
  const boxW = t.boundsWidth ?? 0;
  const boxH = t.boundsHeight ?? 0;
  if (type === 'OBS_BOUNDS_NONE' || w <= 0 || h <= 0 || boxW <= 0 || boxH <= 0) return null;
  let sx = t.scaleX;
  let sy = t.scaleY;
  const width = w * Math.abs(sx);
  const height = h * Math.abs(sy);
  let kind: string = type;
  // Max only: shrinks like scale inner when too big, else leaves the scale alone.
  if (kind === 'OBS_BOUNDS_MAX_ONLY') kind = width > boxW || height > boxH ? 'OBS_BOUNDS_SCALE_INNER' : 'none';
  if (kind === 'OBS_BOUNDS_SCALE_INNER' || kind === 'OBS_BOUNDS_SCALE_OUTER') {
    let useWidth = boxW / boxH < width / height;
    if (kind === 'OBS_BOUNDS_SCALE_OUTER') useWidth = !useWidth;
    const mul = useWidth ? boxW / width : boxH / height;
    sx *= mul;
    sy *= mul;
  } else if (kind === 'OBS_BOUNDS_SCALE_TO_WIDTH') {
    sx *= boxW / width;
    sy *= boxW / width;
  } else if (kind === 'OBS_BOUNDS_SCALE_TO_HEIGHT') {
    sx *= boxH / height;
    sy *= boxH / height;
  } else if (kind === 'OBS_BOUNDS_STRETCH') {
    sx = Math.sign(sx) * (boxW / w);
    sy = Math.sign(sy) * (boxH / h);
  }
  const o = alignPoint(t.boundsAlignment ?? 0, boxW - Math.abs(w * sx), boxH - Math.abs(h * sy));
  return { scaleX: sx, scaleY: sy, x: o.x, y: o.y, boxW, boxH };
}

/** The box types whose fitted source can overflow its box, which crop to bounds then cuts off (OBS 31). */
const OVERFLOWING = new Set(['OBS_BOUNDS_SCALE_OUTER', 'OBS_BOUNDS_SCALE_TO_WIDTH', 'OBS_BOUNDS_SCALE_TO_HEIGHT']);

/**
 * OBS 31's "crop to bounding box" (obs-scene.c's calculate_bounds_data): where the fitted source
 * overflows a scale-outer, scale-to-width or scale-to-height box, the overflow is cropped off the
 * source, split by the box's alignment (a flipped axis swaps the sides), so the item keeps to its
 * box. The transform with that crop added, or `t` itself when nothing overflows; everything that
 * draws or hits an item reads this one, so picture, hit tests and outlines agree.
 */
export function withBoundsCrop(t: Transform, srcW: number, srcH: number): Transform {
  if (!t.cropToBounds || !OVERFLOWING.has(t.boundsType ?? '')) return t;
  const { width, height } = croppedSize(t, srcW, srcH);
  const fit = boundsFit(t, width, height);
  if (!fit) return t;
  const wDiff = fit.boxW - Math.abs(width * fit.scaleX);
  const hDiff = fit.boxH - Math.abs(height * fit.scaleY);
  const onWidth = wDiff < -0.1;
  if (!onWidth && !(hDiff < -0.1)) return t;
  const scale = onWidth ? fit.scaleX : fit.scaleY;
  const overdraw = Math.abs((onWidth ? wDiff : hDiff) / scale);
  const align = t.boundsAlignment ?? 0;
  const [near, far] = onWidth ? [ALIGN_LEFT, ALIGN_RIGHT] : [ALIGN_TOP, ALIGN_BOTTOM];
  const first = align & near ? 0 : align & far ? overdraw : overdraw / 2;
  let before = Math.round(first);
  let after = Math.round(overdraw - first);
  if (scale < 0) [before, after] = [after, before];
  return onWidth
    ? { ...t, cropLeft: t.cropLeft + before, cropRight: t.cropRight + after }
    : { ...t, cropTop: t.cropTop + before, cropBottom: t.cropBottom + after };
}

/** Maps the item's cropped local pixels to canvas pixels. */
export function itemMatrix(t: Transform, srcW: number, srcH: number): Affine {
  const { width, height } = croppedSize(t, srcW, srcH);
  const fit = boundsFit(t, width, height);
  if (fit) {
    // OBS: scale, then the source's place in the box, then the box's alignment point, rotate, move.
    const rad = (t.rotation * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    const base = alignPoint(t.alignment, fit.boxW, fit.boxH);
    // A flipped source keeps its box: its scaled span starts at the far edge.
    const tx = fit.x - base.x + (fit.scaleX < 0 ? -width * fit.scaleX : 0);
    const ty = fit.y - base.y + (fit.scaleY < 0 ? -height * fit.scaleY : 0);
    const a = cos * fit.scaleX;
    const b = sin * fit.scaleX;
    const c = -sin * fit.scaleY;
    const d = cos * fit.scaleY;
    return { a, b, c, d, e: t.positionX + cos * tx - sin * ty, f: t.positionY + sin * tx + cos * ty };
  }
  const o = alignPoint(t.alignment, width, height);
  const rad = (t.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const a = cos * t.scaleX;
  const b = sin * t.scaleX;
  const c = -sin * t.scaleY;
  const d = cos * t.scaleY;
  return { a, b, c, d, e: t.positionX - (a * o.x + c * o.y), f: t.positionY - (b * o.x + d * o.y) };
}

export function apply(m: Affine, x: number, y: number): { x: number; y: number } {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

/** Canvas-space corners in order top-left, top-right, bottom-right, bottom-left (of the source). */
export function itemCorners(t: Transform, srcW: number, srcH: number): { x: number; y: number }[] {
  const m = itemMatrix(t, srcW, srcH);
  const { width, height } = croppedSize(t, srcW, srcH);
  return [apply(m, 0, 0), apply(m, width, 0), apply(m, width, height), apply(m, 0, height)];
}

/** Axis-aligned canvas-space box around the item as drawn. */
export function itemBounds(t: Transform, srcW: number, srcH: number): Rect {
  const pts = itemCorners(t, srcW, srcH);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of pts) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether a canvas point falls on the item's drawn (rotated) quad. Degenerate items contain nothing. */
export function containsPoint(t: Transform, srcW: number, srcH: number, x: number, y: number): boolean {
  const { width, height } = croppedSize(t, srcW, srcH);
  if (width <= 0 || height <= 0) return false;
  const m = itemMatrix(t, srcW, srcH);
  const det = m.a * m.d - m.b * m.c;
  if (det === 0) return false;
  const dx = x - m.e;
  const dy = y - m.f;
  const u = (m.d * dx - m.c * dy) / det;
  const v = (-m.b * dx + m.a * dy) / det;
  return u >= 0 && u <= width && v >= 0 && v <= height;
}

/** The source pixel under canvas point (x, y), or null when the point is outside the item. */
export function itemPoint(t: Transform, srcW: number, srcH: number, x: number, y: number): { x: number; y: number } | null {
  if (!containsPoint(t, srcW, srcH, x, y)) return null;
  const m = itemMatrix(t, srcW, srcH);
  const det = m.a * m.d - m.b * m.c;
  const dx = x - m.e;
  const dy = y - m.f;
  return { x: (m.d * dx - m.c * dy) / det + t.cropLeft, y: (-m.b * dx + m.a * dy) / det + t.cropTop };
}

/**
 * Whether an item with matrix `m` (itemMatrix) lays each whole source pixel on one whole canvas
 * pixel: no scale but a flip, no rotation, whole-pixel position and crop. Its texels can then be
 * read without filtering, which gives the same pixels for less work in software GL.
 */
export function pixelExact(m: Affine, t: Transform): boolean {
  return (
    Math.abs(m.a) === 1 &&
    Math.abs(m.d) === 1 &&
    m.b === 0 &&
    m.c === 0 &&
    Number.isInteger(m.e) &&
    Number.isInteger(m.f) &&
    Number.isInteger(t.cropLeft) &&
    Number.isInteger(t.cropTop) &&
    Number.isInteger(t.cropRight) &&
    Number.isInteger(t.cropBottom)
  );
}

/**
 * For a pixelExact item: the blitFramebuffer rectangles that copy its cropped cw × ch picture to
 * where the matrix lays it. `out`: source x0, y0, x1, y1, then target x0, y0, x1, y1 (a flip
 * reverses the target's pair). Both are stored top-down, so rows map straight.
 */
export function copyRect(m: Affine, t: Transform, cw: number, ch: number, out: Int32Array): Int32Array {
  out[0] = t.cropLeft;
  out[1] = t.cropTop;
  out[2] = t.cropLeft + cw;
  out[3] = t.cropTop + ch;
  out[4] = m.e;
  out[5] = m.f;
  out[6] = m.e + m.a * cw;
  out[7] = m.f + m.d * ch;
  return out;
}

/**
 * Column-major mat3 taking the unit quad (0..1)² to clip space of a W×H target whose row 0 is the
 * top of the image (the program target is stored top-down so the NV12 pack reads rows in order).
 */
export function clipMatrix(m: Affine, cw: number, ch: number, W: number, H: number, out: Float32Array): Float32Array {
  const sx = 2 / W;
  const sy = 2 / H;
  out[0] = m.a * cw * sx;
  out[1] = m.b * cw * sy;
  out[2] = 0;
  out[3] = m.c * ch * sx;
  out[4] = m.d * ch * sy;
  out[5] = 0;
  out[6] = m.e * sx - 1;
  out[7] = m.f * sy - 1;
  out[8] = 1;
  return out;
}
