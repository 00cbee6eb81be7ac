import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import { createThrottle, type Throttle } from '../../forms/debounce';
import { useServices } from '../../stores/context';
import { findItem } from '../../stores/selectors';
import type { ItemRef } from '../../stores/ui';
import { toCanvas } from './geometry';

/** Transform updates while dragging go out at most this often; the last one on release. */
export const DRAG_SEND_MS = 50;
/** CSS px the pointer must travel before a click becomes a drag. */
const DRAG_THRESHOLD = 3;

interface Drag {
  ref: ItemRef;
  pointerId: number;
  startClientX: number;
  startClientY: number;
  startX: number;
  startY: number;
  originX: number;
  originY: number;
  moving: boolean;
  last: { positionX: number; positionY: number } | null;
  throttle: Throttle<{ positionX: number; positionY: number }>;
}

/**
 * Click selects the topmost item under the pointer; dragging an unlocked item moves it. The moving
 * position is shown at once through the UI store's drag override; the engine hears it throttled.
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

  const canvasPoint = (e: PointerEvent) => {
    const rect = stageRef.current?.getBoundingClientRect();
    if (!rect) return null;
    return toCanvas(e.clientX - rect.left, e.clientY - rect.top, rect, baseW, baseH);
  };

  const onPointerDown = (e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    const doc = studio.getState().document;
    const compositor = ui.getState().compositor;
    const p = canvasPoint(e);
    if (!doc || !compositor || !p) return;
    e.currentTarget.focus();
    const id = compositor.hitTest(p.x, p.y);
    if (id === null) {
      ui.setState({ selected: null });
      return;
    }
    const ref = { sceneUuid: doc.currentSceneUuid, sceneItemId: id };
    ui.setState({ selected: ref });
    const item = findItem(doc, ref);
    if (!item || item.locked) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragRef.current = {
      ref,
      pointerId: e.pointerId,
      startClientX: e.clientX,
      startClientY: e.clientY,
      startX: p.x,
      startY: p.y,
      originX: item.transform.positionX,
      originY: item.transform.positionY,
      moving: false,
      last: null,
      throttle: createThrottle(
        (pos) => void actions.call('item.setTransform', { ...ref, transform: pos }),
        DRAG_SEND_MS,
      ),
    };
  };

  const onPointerMove = (e: PointerEvent<HTMLElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) return;
    if (!drag.moving && Math.hypot(e.clientX - drag.startClientX, e.clientY - drag.startClientY) < DRAG_THRESHOLD) return;
    const p = canvasPoint(e);
    if (!p) return;
    drag.moving = true;
    const pos = {
      positionX: Math.round(drag.originX + p.x - drag.startX),
      positionY: Math.round(drag.originY + p.y - drag.startY),
    };
    drag.last = pos;
    ui.setState({ drag: { ...drag.ref, ...pos } });
    drag.throttle.call(pos);
  };

  const end = (e: PointerEvent<HTMLElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) return;
    dragRef.current = null;
    drag.throttle.cancel();
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    if (!drag.last) return;
    // Keep showing the dragged position until the engine has answered, so the item never jumps back.
    void actions.call('item.setTransform', { ...drag.ref, transform: drag.last }).then(() => {
      if (ui.getState().drag && !dragRef.current) ui.setState({ drag: null });
    });
  };

  return { onPointerDown, onPointerMove, onPointerUp: end, onPointerCancel: end };
}
