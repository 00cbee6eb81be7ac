/**
 * Extra canvases (OBS 31's "canvas"): a picture of another size beside the main one — a vertical
 * 1080×1920 for short-form platforms — with its own program scene, encoding and destinations.
 *
 * Its scenes are the collection's ordinary scenes: a canvas shows one of them as its program, laid
 * out in the canvas's own pixels, and their items reuse the main canvas's inputs (one camera feeds
 * both; a source uploads once per tick however many canvases show it). The frame rate, the sound
 * (the program mix) and the encoder are the main output's; the size and bitrate are the canvas's.
 *
 * Kept in the scene collection (as OBS keeps canvases), so undo covers them; a destination names
 * the canvas it streams (Destination.canvas, absent = main) in the profile.
 */

export interface Canvas {
  /** Stable id, [a-z0-9_-]; 'main' is reserved for the main canvas. */
  id: string;
  name: string;
  /** Pixels; even, VIDEO_LIMITS' range (the encoded size: a canvas has no scaled output). */
  width: number;
  height: number;
  /** Off: not composed and its destinations cannot start. */
  enabled: boolean;
  /** The scene the canvas shows ('' = none yet: black). */
  programSceneUuid: string;
  /** The canvas's encoding bitrate; absent = the main encoder's. */
  bitrateKbps?: number;
}

export const MAIN_CANVAS = 'main';
/** At most this many extra canvases (frame messages number them 1..MAX_CANVASES). */
export const MAX_CANVASES = 4;
export const CANVAS_ID_PATTERN = /^[a-z0-9_-]{1,32}$/;
export const DEFAULT_VERTICAL_CANVAS: Omit<Canvas, 'programSceneUuid'> = {
  id: 'vertical',
  name: 'Vertical',
  width: 1080,
  height: 1920,
  enabled: true,
};

/**
 * The number a canvas's frames carry in the frame header (wire.ts: byte 6): 0 for the main
 * canvas, 1 + its position in the document's list for an extra one; -1 when there is no such canvas.
 */
export function canvasIndex(canvases: readonly Canvas[] | undefined, id: string | undefined): number {
  if (id === undefined || id === MAIN_CANVAS) return 0;
  const i = (canvases ?? []).findIndex((c) => c.id === id);
  return i < 0 ? -1 : i + 1;
}

/**
 * Frame acks carry only a sequence (StudioBridge.onFrameAck), so an extra canvas's frames use
 * sequences below zero, distinct per canvas: the main canvas's flow window (sequences ≥ 0) never
 * mistakes them for its own, and each canvas reads back its own ticks.
 */
export function canvasSequence(index: number, tick: number): number {
  return -1 - (tick * (MAX_CANVASES + 1) + index);
}

/** The canvas index and tick of a sequence made by canvasSequence; null for a main-canvas sequence. */
export function fromCanvasSequence(sequence: number): { index: number; tick: number } | null {
  if (!(sequence < 0)) return null;
  const n = -1 - sequence;
  const index = n % (MAX_CANVASES + 1);
  return { index, tick: (n - index) / (MAX_CANVASES + 1) };
}
