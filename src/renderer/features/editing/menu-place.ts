/** Where a context menu opens: at the pointer, moved back inside the window when it would overflow. */
export function placeMenu(
  x: number,
  y: number,
  menu: { width: number; height: number },
  win: { width: number; height: number },
  margin = 4,
): { left: number; top: number } {
  // Past the right or bottom edge it opens to the other side of the pointer, as native menus do,
  // and never beyond the top-left corner.
  let left = x + menu.width + margin > win.width ? x - menu.width : x;
  let top = y + menu.height + margin > win.height ? y - menu.height : y;
  left = Math.max(margin, Math.min(left, win.width - menu.width - margin));
  top = Math.max(margin, Math.min(top, win.height - menu.height - margin));
  return { left, top };
}
