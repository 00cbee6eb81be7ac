/** OBS's Order menu: the new index of an item (0 = bottom) or a scene moved up, down, to the top or bottom. */
export type OrderMove = 'up' | 'down' | 'top' | 'bottom';

export const ORDER_LABELS: Readonly<Record<OrderMove, string>> = {
  up: 'Move up',
  down: 'Move down',
  top: 'Move to top',
  bottom: 'Move to bottom',
};

/**
 * `topIsLast`: the top of the list is the end of the array (scene items: the last is drawn on top);
 * otherwise the top is index 0 (scenes, listed first to last). Null when the move changes nothing.
 */
export function orderIndex(index: number, count: number, move: OrderMove, topIsLast: boolean): number | null {
  const top = topIsLast ? count - 1 : 0;
  const bottom = topIsLast ? 0 : count - 1;
  const up = topIsLast ? 1 : -1;
  let next: number;
  switch (move) {
    case 'up':
      next = index + up;
      break;
    case 'down':
      next = index - up;
      break;
    case 'top':
      next = top;
      break;
    case 'bottom':
      next = bottom;
      break;
  }
  if (next < 0 || next >= count || next === index) return null;
  return next;
}

/** The array with the element at `from` moved to `to` (the others keep their order). */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  const [x] = out.splice(from, 1);
  if (x !== undefined) out.splice(to, 0, x);
  return out;
}
