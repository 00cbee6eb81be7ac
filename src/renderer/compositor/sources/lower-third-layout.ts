/**
 * Where a lower third sits on a canvas of a given size: inside the title-safe area (the inner 90 %
 * of width and height, as broadcast practice has it), in its bottom-left corner, with type sizes
 * proportional to the canvas height so a 720p and a 1080p program look alike. Pure.
 */
export interface CaptionGeometry {
  /** Left edge of the caption. */
  x: number;
  /** Bottom edge of the caption. */
  bottom: number;
  nameSize: number;
  titleSize: number;
  subtitleSize: number;
  /** Inner padding of panels. */
  pad: number;
  /** Gap between lines. */
  gap: number;
  /** The widest a caption may be (the safe area's width). */
  maxWidth: number;
}

/** Fraction of each dimension left outside the title-safe area, per side. */
export const SAFE_MARGIN = 0.05;

export function captionGeometry(width: number, height: number): CaptionGeometry {
  const mx = Math.round(width * SAFE_MARGIN);
  const my = Math.round(height * SAFE_MARGIN);
  const nameSize = Math.max(8, Math.round(height * 0.05));
  return {
    x: mx,
    // A little above the safe area's bottom: captions that sit on its edge look cramped.
    bottom: height - my - Math.round(height * 0.03),
    nameSize,
    titleSize: Math.max(6, Math.round(nameSize * 0.62)),
    subtitleSize: Math.max(6, Math.round(nameSize * 0.5)),
    pad: Math.max(2, Math.round(nameSize * 0.4)),
    gap: Math.max(1, Math.round(nameSize * 0.15)),
    maxWidth: width - 2 * mx,
  };
}
