/**
 * Text cut to a width: the longest start of it that fits with an ellipsis after it, for labels
 * that must keep to a cell (a scoreboard's team names). Pure; `measure` is the caller's font.
 */
const ELLIPSIS = '…';

export function ellipsize(measure: (t: string) => number, text: string, maxWidth: number): string {
  if (measure(text) <= maxWidth) return text;
  // Whole code points, so a name is never cut inside a surrogate pair.
  const chars = [...text];
  let lo = 0;
  let hi = chars.length - 1;
  // The longest start that still fits with the ellipsis (binary search: measuring is the cost).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? (measure(ELLIPSIS) <= maxWidth ? ELLIPSIS : '') : chars.slice(0, lo).join('').trimEnd() + ELLIPSIS;
}
