/**
 * The program watermark: one global overlay drawn over every scene of program, last, whatever the
 * scene (a logo or a line of text in a corner). Kept in the profile, like OBS keeps output settings;
 * a document without one has it off. Pure data and layout, shared by the engine (validation) and
 * the compositor (drawing).
 */

export type WatermarkAnchor = 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';
export const WATERMARK_ANCHORS: readonly WatermarkAnchor[] = ['top_left', 'top_right', 'bottom_left', 'bottom_right'];

export interface Watermark {
  enabled: boolean;
  /** 'image' draws `file` (a local PNG/JPEG…); 'text' draws `text`. */
  type: 'image' | 'text';
  file: string;
  text: string;
  /** ABGR, as every colour in the document. */
  textColor: number;
  /** Text height in canvas pixels. */
  textSize: number;
  /** Image size, percent of its own pixels. */
  scale: number;
  anchor: WatermarkAnchor;
  /** Distance from the corner, canvas pixels (measured from the safe area's corner when safeArea). */
  margin: number;
  /** 0 (invisible) to 100 (opaque). */
  opacity: number;
  /** Keeps the mark inside the title-safe area (the inner 90 %), where every screen shows it. */
  safeArea: boolean;
}

export const DEFAULT_WATERMARK: Watermark = {
  enabled: false,
  type: 'image',
  file: '',
  text: '',
  textColor: 0xffffffff,
  textSize: 32,
  scale: 100,
  anchor: 'top_right',
  margin: 16,
  opacity: 80,
  safeArea: true,
};

export const WATERMARK_LIMITS = { maxText: 200, maxTextSize: 400, minScale: 1, maxScale: 400, maxMargin: 2000 } as const;

/** Fraction of each canvas dimension outside the title-safe area, per side. */
export const TITLE_SAFE_MARGIN = 0.05;

/** Where a mark of contentW × contentH (already scaled) sits on the canvas. */
export function watermarkRect(
  w: Watermark,
  canvasW: number,
  canvasH: number,
  contentW: number,
  contentH: number,
): { x: number; y: number; width: number; height: number } {
  const insetX = (w.safeArea ? Math.round(canvasW * TITLE_SAFE_MARGIN) : 0) + w.margin;
  const insetY = (w.safeArea ? Math.round(canvasH * TITLE_SAFE_MARGIN) : 0) + w.margin;
  const right = w.anchor === 'top_right' || w.anchor === 'bottom_right';
  const bottom = w.anchor === 'bottom_left' || w.anchor === 'bottom_right';
  return {
    x: right ? canvasW - insetX - contentW : insetX,
    y: bottom ? canvasH - insetY - contentH : insetY,
    width: contentW,
    height: contentH,
  };
}
