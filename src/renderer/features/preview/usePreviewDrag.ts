import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { Transform } from '../../../shared';
import { createThrottle, type Throttle } from '../../forms/debounce';
import { itemBounds, withBoundsCrop, type Rect } from '../../compositor/transform';
import type { Compositor } from '../../compositor/api';
import { useServices } from '../../stores/context';
import { editedScene, findItem, selectionInEditedScene, withDrag } from '../../stores/selectors';
import type { ItemRef, SnapGuides } from '../../stores/ui';
import { toCanvas } from './geometry';
import { handleAt, handleCursor, type Point, type ResizeHandle } from './handles';
import { cropTo, resizeTo, rotateTo } from './reshape';
import { snapBox, snapLines, snapPoint, type SnapLines } from './snap';

/** Transform updates while dragging go out at most this often; the last one on release. */
export const DRAG_SEND_MS = 50;
/** CSS px the pointer must travel before a click becomes a drag. */
const DRAG_THRESHOLD = 3;
/** CSS px around a handle's centre that grab it. */
export const HANDLE_REACH_CSS = 8;
/** CSS px between the top edge's middle and the rotation handle. */
export const ROTATE_OFFSET_CSS = 24;

export type Mode = 'move' | 'resize' | 'crop' | 'rotate';

interface Drag {
  ref: ItemRef;
  pointerId: number;
  mode: Mode;
  handle: ResizeHandle | null;
  /** False for a locked item: a click still selects (and cycles), nothing moves. */
  movable: boolean;
  startClientX: number;
  startClientY: number;
  start: Point;
  origin: Transform;
  size: { width: number; height: number };
  lines: SnapLines;
  moving: boolean;
  /** A click without a drag selects this item instead: the next one down under the pointer. */
  cycleTo: number | null;
  last: Partial<Transform> | null;
  throttle: Throttle<Partial<Transform>>;
}

/** The transform fields a drag of this mode changes (only those are sent and overridden). */
export function changedFields(mode: Mode, t: Transform): Partial<Transform> {
  const pos = { positionX: t.positionX, positionY: t.positionY };
  switch (mode) {
    case 'move':
      return pos;
    case 'resize':
      return { ...pos, scaleX: t.scaleX, scaleY: t.scaleY };
    case 'crop':
      return { ...pos, cropLeft: t.cropLeft, cropRight: t.cropRight, cropTop: t.cropTop, cropBottom: t.cropBottom };
    case 'rotate':
      return { ...pos, rotation: t.rotation };
  }
}

/** The edges of every other drawn item of the scene, for snapping. */
function otherBoxes(compositor: Compositor, items: readonly { sceneItemId: number; enabled: boolean }[], except: number): Rect[] {
  const out: Rect[] = [];
  for (const item of items) {
    if (item.sceneItemId === except || !item.enabled) continue;
    const b = compositor.itemBounds(item.sceneItemId);
    if (b) out.push(b);
  }
  return out;
}

/**
 * The preview's mouse, as OBS's: a press on a handle of the selected item resizes it (a corner
 * keeps the aspect, Shift frees it), crops it with Alt, or rotates it (the handle above the top
 * edge; Shift snaps to 15°). A press on the selected item drags it even when others lie on top; a
 * press elsewhere selects the topmost item there and drags that. A click without a drag on the
 * selected item selects the next item down under the pointer (cycling). Moves and handles snap to
 * the canvas's edges and centre and to other items' edges unless Ctrl is held. The changing
 * transform is shown at once through the UI store's drag override; the engine hears it throttled,
 * and its history merges the drag into one undo step. Esc cancels a drag: the item goes back to
 * where it was, and no undo step is left.
 */
export function usePreviewDrag(stageRef: RefObject<HTMLElement | null>, baseW: number, baseH: number) {
  const { studio, ui, actions } = useServices();
  const dragRef = useRef<Drag | null>(null);

  useEffect(
    () => () => {
      dragRef.current?.throttle.cancel();
      dragRef.current = null;
    },
    [],
  );

  // Esc while dragging puts the item back as it was when the drag began; the engine's history
  // drops the step once the transform is back where that step started.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const drag = dragRef.current;
      if (e.key !== 'Escape' || !drag) return;
      e.preventDefault();
      e.stopPropagation();
      dragRef.current = null;
      drag.throttle.cancel();
      const stage = stageRef.current?.parentElement;
      if (stage?.hasPointerCapture(drag.pointerId)) stage.releasePointerCapture(drag.pointerId);
      if (ui.getState().guides) ui.setState({ guides: null });
      if (!drag.moving) return;
      // Show the old transform at once; keep showing it until the engine has it back.
      const back = changedFields(drag.mode, drag.origin);
      ui.setState({ drag: { ...drag.ref, ...back } });
      void actions.call('item.setTransform', { ...drag.ref, transform: back }).then(() => {
        if (ui.getState().drag && !dragRef.current) ui.setState({ drag: null });
      });
    };
    // Capture: the drag's Esc is not also a menu's or a dialog's.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [actions, stageRef, ui]);

  const stageRect = () => stageRef.current?.getBoundingClientRect() ?? null;
  const canvasPoint = (e: PointerEvent) => {
    const rect = stageRect();
    if (!rect) return null;
    return toCanvas(e.clientX - rect.left, e.clientY - rect.top, rect, baseW, baseH);
  };
  /** Canvas px per CSS px of the shown preview. */
  const canvasPerCss = () => {
    const rect = stageRect();
    return rect && rect.width > 0 ? baseW / rect.width : 1;
  };

  /** The selected item of the shown scene when it can be reshaped: its ref, transform and picture size. */
  const reshapeable = () => {
    const doc = studio.getState().document;
    const u = ui.getState();
    const ref = selectionInEditedScene(doc, u.selected, u.editedCanvas);
    const item = findItem(doc, ref);
    const size = ref && u.compositor?.itemSize(ref.sceneItemId);
    if (!ref || !item || item.locked || !size || size.width <= 0 || size.height <= 0) return null;
    return { ref, item, size };
  };

  const handleUnder = (p: Point) => {
    const sel = reshapeable();
    if (!sel) return null;
    const k = canvasPerCss();
    // The handles where the outline draws them (after any crop to bounds).
    const handle = handleAt(withBoundsCrop(sel.item.transform, sel.size.width, sel.size.height), sel.size.width, sel.size.height, p, HANDLE_REACH_CSS * k, ROTATE_OFFSET_CSS * k);
    return handle ? { ...sel, handle } : null;
  };

  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    const doc = studio.getState().document;
    const compositor = ui.getState().compositor;
    const scene = editedScene(doc, ui.getState().editedCanvas);
    const p = canvasPoint(e);
    if (!doc || !scene || !compositor || !p) return;
    stageRef.current?.focus();

    const onHandle = handleUnder(p);
    let ref: ItemRef;
    let mode: Mode = 'move';
    let handle: ResizeHandle | null = null;
    let cycleTo: number | null = null;
    if (onHandle) {
      ref = onHandle.ref;
      if (onHandle.handle === 'rotate') mode = 'rotate';
      else {
        handle = onHandle.handle;
        mode = e.altKey ? 'crop' : 'resize';
      }
    } else {
      const hits = compositor.hitTestAll(p.x, p.y);
      const selected = selectionInEditedScene(doc, ui.getState().selected, ui.getState().editedCanvas);
      const at = selected ? hits.indexOf(selected.sceneItemId) : -1;
      if (selected && at >= 0) {
        ref = selected;
        cycleTo = hits.length > 1 ? hits[(at + 1) % hits.length]! : null;
      } else if (hits.length > 0) {
        ref = { sceneUuid: scene.uuid, sceneItemId: hits[0]! };
        ui.setState({ selected: ref });
      } else {
        ui.setState({ selected: null });
        return;
      }
    }
    const item = findItem(doc, ref);
    const size = compositor.itemSize(ref.sceneItemId);
    if (!item || !size) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragRef.current = {
      ref,
      pointerId: e.pointerId,
      mode,
      handle,
      movable: !item.locked,
      startClientX: e.clientX,
      startClientY: e.clientY,
      start: p,
      origin: item.transform,
      size,
      lines: snapLines(baseW, baseH, otherBoxes(compositor, scene.items, ref.sceneItemId)),
      moving: false,
      cycleTo,
      last: null,
      throttle: createThrottle((transform) => void actions.call('item.setTransform', { ...ref, transform }), DRAG_SEND_MS),
    };
  };

  /** The transform the drag gives at canvas point p with these modifier keys, and the lines it snapped to. */
  const reshape = (drag: Drag, p: Point, e: { shiftKey: boolean; ctrlKey: boolean }): { t: Transform; guides: SnapGuides } => {
    const { origin: t, size } = drag;
    const snap = !e.ctrlKey && drag.mode !== 'rotate';
    const q = snap ? snapPoint(p, drag.lines) : { x: p.x, y: p.y, guideX: null, guideY: null };
    const pointGuides = { x: q.guideX, y: q.guideY };
    switch (drag.mode) {
      case 'resize':
        return { t: resizeTo(t, size.width, size.height, drag.handle!, q, !e.shiftKey), guides: pointGuides };
      case 'crop':
        return { t: cropTo(t, size.width, size.height, drag.handle!, q), guides: pointGuides };
      case 'rotate':
        return { t: rotateTo(t, size.width, size.height, drag.start, p, e.shiftKey), guides: { x: null, y: null } };
      case 'move': {
        let x = t.positionX + p.x - drag.start.x;
        let y = t.positionY + p.y - drag.start.y;
        let guides: SnapGuides = { x: null, y: null };
        if (snap) {
          const s = snapBox(itemBounds({ ...t, positionX: x, positionY: y }, size.width, size.height), drag.lines);
          x += s.dx;
          y += s.dy;
          guides = { x: s.x, y: s.y };
        }
        return { t: { ...t, positionX: Math.round(x), positionY: Math.round(y) }, guides };
      }
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) {
      // Hovering: show what a press would do.
      const p = canvasPoint(e);
      const over = p ? handleUnder(p) : null;
      e.currentTarget.style.cursor = over ? handleCursor(over.handle, over.item.transform.rotation) : '';
      return;
    }
    if (!drag.movable) return;
    if (!drag.moving && Math.hypot(e.clientX - drag.startClientX, e.clientY - drag.startClientY) < DRAG_THRESHOLD) return;
    const p = canvasPoint(e);
    if (!p) return;
    drag.moving = true;
    const shaped = reshape(drag, p, e);
    const next = changedFields(drag.mode, shaped.t);
    drag.last = next;
    const guides = shaped.guides.x === null && shaped.guides.y === null ? null : shaped.guides;
    ui.setState({ drag: { ...drag.ref, ...next }, guides });
    drag.throttle.call(next);
  };

  const end = (e: PointerEvent<HTMLElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) return;
    dragRef.current = null;
    drag.throttle.cancel();
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (ui.getState().guides) ui.setState({ guides: null });
    if (!drag.moving) {
      if (drag.cycleTo !== null && e.type === 'pointerup') ui.setState({ selected: { sceneUuid: drag.ref.sceneUuid, sceneItemId: drag.cycleTo } });
      return;
    }
    if (!drag.last) return;
    // Keep showing the dragged transform until the engine has answered, so the item never jumps back.
    void actions.call('item.setTransform', { ...drag.ref, transform: drag.last }).then(() => {
      if (ui.getState().drag && !dragRef.current) ui.setState({ drag: null });
    });
  };

  /**
   * The item a right click at this event's point is about, selected: the selected item when it
   * lies under the pointer, else the topmost one there; null (and nothing selected) over none.
   */
  const pick = (e: { clientX: number; clientY: number }): ItemRef | null => {
    const doc = studio.getState().document;
    const compositor = ui.getState().compositor;
    const scene = editedScene(doc, ui.getState().editedCanvas);
    const rect = stageRect();
    if (!doc || !scene || !compositor || !rect) return null;
    const p = toCanvas(e.clientX - rect.left, e.clientY - rect.top, rect, baseW, baseH);
    const hits = compositor.hitTestAll(p.x, p.y);
    const selected = selectionInEditedScene(doc, ui.getState().selected, ui.getState().editedCanvas);
    if (selected && hits.includes(selected.sceneItemId)) return selected;
    const ref = hits[0] === undefined ? null : { sceneUuid: scene.uuid, sceneItemId: hits[0] };
    ui.setState({ selected: ref });
    return ref;
  };

  return { handlers: { onPointerDown, onPointerMove, onPointerUp: end, onPointerCancel: end }, pick };
}

/** The selected item's transform as the preview shows it now (a drag in flight included). */
export function shownTransform(doc: Parameters<typeof withDrag>[0] | null, drag: Parameters<typeof withDrag>[1], ref: ItemRef): Transform | null {
  if (!doc) return null;
  return findItem(withDrag(doc, drag), ref)?.transform ?? null;
}
