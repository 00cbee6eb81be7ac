/** Mapping between the base-resolution canvas and the CSS box it is shown in. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The largest box of the canvas's aspect that fits the container, centered (letterboxed). */
export function fitBox(containerW: number, containerH: number, baseW: number, baseH: number): Box {
  if (containerW <= 0 || containerH <= 0 || baseW <= 0 || baseH <= 0) return { x: 0, y: 0, width: 0, height: 0 };
  const scale = Math.min(containerW / baseW, containerH / baseH);
  const width = Math.floor(baseW * scale);
  const height = Math.floor(baseH * scale);
  return { x: Math.floor((containerW - width) / 2), y: Math.floor((containerH - height) / 2), width, height };
}

/** A point relative to the shown canvas's top-left, in CSS px, as canvas pixels. */
export function toCanvas(cssX: number, cssY: number, shown: { width: number; height: number }, baseW: number, baseH: number) {
  if (shown.width <= 0 || shown.height <= 0) return { x: 0, y: 0 };
  return { x: (cssX * baseW) / shown.width, y: (cssY * baseH) / shown.height };
}

/** A canvas-space box as CSS px over the shown canvas. */
export function toCss(box: Box, shown: { width: number; height: number }, baseW: number): Box {
  const s = baseW > 0 ? shown.width / baseW : 0;
  return { x: box.x * s, y: box.y * s, width: box.width * s, height: box.height * s };
}

/** Arrow key → nudge in canvas px (1, or 10 with Shift); null for other keys. */
export function nudgeFor(key: string, shift: boolean): { dx: number; dy: number } | null {
  const step = shift ? 10 : 1;
  switch (key) {
    case 'ArrowLeft':
      return { dx: -step, dy: 0 };
    case 'ArrowRight':
      return { dx: step, dy: 0 };
    case 'ArrowUp':
      return { dx: 0, dy: -step };
    case 'ArrowDown':
      return { dx: 0, dy: step };
    default:
      return null;
  }
}
