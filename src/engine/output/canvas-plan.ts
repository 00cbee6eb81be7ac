/**
 * Which encoding a destination on an extra canvas (src/shared/canvas.ts) takes. A canvas's picture
 * is its own size at the main frame rate, encoded at its own bitrate (the main one's when it has
 * none); a destination rendition on it scales that picture as one on the main canvas scales the
 * main output. Keys start with "canvas:<id>", so equal plans share one encoder and the output knows
 * which frame clock (canvas-pumps.ts) feeds it. Audio-only destinations share the main encoding:
 * every canvas carries the same program mix.
 */
import { MAIN_CANVAS, Status, canvasIndex, type EncoderSettings, type Rendition, type StudioDocument, type StudioError, type VideoSettings } from '../../shared';
import { MAIN_RENDITION, planRendition, type RenditionPlan } from './rendition';

/** An extra canvas as the output needs it. */
export interface OutputCanvas {
  id: string;
  /** What its frames carry in the header (canvasIndex): 1.. */
  index: number;
  width: number;
  height: number;
  bitrateKbps?: number;
}

const PREFIX = 'canvas:';

/** The canvas an encoding key belongs to, or null for the main canvas's encodings. */
export function canvasOfKey(key: string): string | null {
  if (!key.startsWith(PREFIX)) return null;
  return key.slice(PREFIX.length).split(':')[0] ?? null;
}

/** The canvas's picture as an encoder and a frame pump see it: its size, the main frame rate. */
export function canvasVideo(video: VideoSettings, c: OutputCanvas): VideoSettings {
  return { ...video, baseWidth: c.width, baseHeight: c.height, outputWidth: c.width, outputHeight: c.height };
}

/** Why a destination cannot stream its canvas in this run, or null when it can. */
export function canvasProblem(canvas: string | undefined, canvases: readonly OutputCanvas[] | undefined): StudioError | null {
  if (canvas === undefined || canvas === MAIN_CANVAS || (canvases ?? []).some((c) => c.id === canvas)) return null;
  return {
    code: Status.InvalidResourceState,
    message: `Its canvas "${canvas}" is off (or not in this scene collection, or was added after the stream started): turn it on in Settings → Video and start again, or have it stream the main canvas.`,
    field: 'canvas',
  };
}

export function planCanvasRendition(
  video: VideoSettings,
  encoder: EncoderSettings,
  canvases: readonly OutputCanvas[] | undefined,
  spec: { canvas?: string | undefined; rendition?: Rendition | null | undefined },
  audioOnly: boolean,
): RenditionPlan {
  const c = spec.canvas === undefined || spec.canvas === MAIN_CANVAS ? undefined : canvases?.find((x) => x.id === spec.canvas);
  if (!c || audioOnly) return planRendition(video, encoder, spec.rendition, audioOnly);
  const own = planRendition(canvasVideo(video, c), { ...encoder, bitrateKbps: c.bitrateKbps ?? encoder.bitrateKbps }, spec.rendition);
  return { ...own, key: own.key === MAIN_RENDITION ? `${PREFIX}${c.id}` : `${PREFIX}${c.id}:${own.key}` };
}

/** The document's enabled extra canvases, as a stream start hands them to the output. */
export function outputCanvases(doc: Pick<StudioDocument, 'canvases'>): OutputCanvas[] {
  const list = doc.canvases ?? [];
  return list
    .filter((c) => c.enabled)
    .map((c) => ({
      id: c.id,
      index: canvasIndex(list, c.id),
      width: c.width,
      height: c.height,
      ...(c.bitrateKbps !== undefined && { bitrateKbps: c.bitrateKbps }),
    }));
}
