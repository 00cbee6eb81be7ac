/**
 * OBS scene item placement → the studio's Transform. The two agree on the basics: pos is where the
 * item's alignment point sits, in canvas pixels, rotation turns around that point, scale and crop
 * are the same numbers. What the studio lacks is the bounding box: an item with bounds is turned
 * into the plain scale and position that draw it the same, when the source's size is known.
 */
import { DEFAULT_TRANSFORM, type Transform } from '../../shared';
import type { ObsItem } from './obs-schema';

export const OBS_BOUNDS = ['none', 'stretch', 'scale inner', 'scale outer', 'scale to width', 'scale to height', 'max only'] as const;

/** How far the alignment point is from the top-left corner of a w×h box (OBS's bits: 1 L, 2 R, 4 T, 8 B). */
export function alignOffset(align: number, w: number, h: number): { x: number; y: number } {
  const x = align & 1 ? 0 : align & 2 ? w : w / 2;
  const y = align & 4 ? 0 : align & 8 ? h : h / 2;
  return { x, y };
}

const rotate = (v: { x: number; y: number }, deg: number): { x: number; y: number } => {
  const r = (deg * Math.PI) / 180;
  return { x: v.x * Math.cos(r) - v.y * Math.sin(r), y: v.x * Math.sin(r) + v.y * Math.cos(r) };
};

export interface Placed {
  transform: Transform;
  /** Set when the item had a bounding box that could not be turned into a scale (the reason). */
  lost?: string;
}

/**
 * The item's transform. `size` is the source's own size in pixels when the importer knows it
 * (a colour source's width and height), needed only for items with a bounding box.
 */
export function itemTransform(item: ObsItem, size?: { width: number; height: number }): Placed {
  const base: Transform = {
    ...DEFAULT_TRANSFORM,
    positionX: item.pos.x,
    positionY: item.pos.y,
    rotation: item.rot,
    scaleX: item.scale.x,
    scaleY: item.scale.y,
    alignment: item.align,
    cropLeft: Math.max(0, Math.round(item.crop_left)),
    cropTop: Math.max(0, Math.round(item.crop_top)),
    cropRight: Math.max(0, Math.round(item.crop_right)),
    cropBottom: Math.max(0, Math.round(item.crop_bottom)),
  };
  const type = item.bounds_type;
  if (type === 0) return { transform: base };
  const kind = OBS_BOUNDS[type] ?? `type ${type}`;
  const box = { w: item.bounds.x, h: item.bounds.y };
  const w = (size?.width ?? 0) - base.cropLeft - base.cropRight;
  const h = (size?.height ?? 0) - base.cropTop - base.cropBottom;
  if (!(w > 0 && h > 0) || !(box.w > 0 && box.h > 0) || type > 6) {
    return {
      transform: base,
      lost: `its bounding box (${kind}, ${box.w}×${box.h}) has no counterpart in the studio and the source's size is not known before it plays, so it keeps its scale (${base.scaleX}×${base.scaleY}); resize it by hand`,
    };
  }
  let sx = box.w / w;
  let sy = box.h / h;
  if (type === 2) sx = sy = Math.min(sx, sy);
  else if (type === 3) sx = sy = Math.max(sx, sy);
  else if (type === 4) sy = sx;
  else if (type === 5) sx = sy;
  else if (type === 6) sx = sy = Math.min(1, sx, sy);
  // The box's alignment point sits at pos; the item sits in the box at bounds_align, and keeps the
  // item's own alignment, so the rotation pivot moves with it (rotated like the box).
  const iw = w * sx;
  const ih = h * sy;
  const boxCorner = alignOffset(item.align, box.w, box.h);
  const inBox = alignOffset(item.bounds_align, box.w - iw, box.h - ih);
  const own = alignOffset(item.align, iw, ih);
  const delta = rotate({ x: -boxCorner.x + inBox.x + own.x, y: -boxCorner.y + inBox.y + own.y }, item.rot);
  return { transform: { ...base, scaleX: sx, scaleY: sy, positionX: item.pos.x + delta.x, positionY: item.pos.y + delta.y } };
}

/**
 * An item of a group, placed in the scene the group is in: the group's transform applied to the
 * item's (group items are relative to the group's top-left corner). Exact for groups aligned
 * top-left without a bounding box, which is how OBS creates them.
 */
export function inGroup(group: Transform, child: Transform): Transform {
  const offset = rotate({ x: child.positionX * group.scaleX, y: child.positionY * group.scaleY }, group.rotation);
  return {
    ...child,
    positionX: group.positionX + offset.x,
    positionY: group.positionY + offset.y,
    scaleX: child.scaleX * group.scaleX,
    scaleY: child.scaleY * group.scaleY,
    rotation: child.rotation + group.rotation,
  };
}
