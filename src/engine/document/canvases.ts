/**
 * Extra canvases (src/shared/canvas.ts): canvas.set creates or changes one by id, canvas.remove
 * takes it away. Kept in the collection, so undo covers them as any collection edit. Every refusal
 * names the field and what to change. What a running encoder reads (size, bitrate, on/off) cannot
 * change while live, as the main canvas's size cannot.
 */
import * as z from 'zod';
import {
  CANVAS_ID_PATTERN,
  DEFAULT_VERTICAL_CANVAS,
  MAIN_CANVAS,
  MAX_CANVASES,
  Status,
  VIDEO_LIMITS,
  fail,
  ok,
  type Canvas,
  type Destination,
  type Result,
  type StudioDocument,
} from '../../shared';
import type { Change, Handler } from './handlers';

const EVEN = 'must be an even number (NV12 and x264 need even frame sizes)';
const side = (min: number, max: number) => z.int().min(min).max(max).refine((n) => n % 2 === 0, { error: EVEN });

export const canvasFields = {
  id: z
    .string()
    .trim()
    .regex(CANVAS_ID_PATTERN, { error: 'must be 1 to 32 characters of a-z, 0-9, _ and -' })
    .refine((s) => s !== MAIN_CANVAS, { error: `"${MAIN_CANVAS}" is the main canvas; name an extra canvas` }),
  name: z.string().trim().min(1).max(256),
  // A multiple of 4: the NV12 pack packs four luma samples per texel (compositor/nv12.ts).
  width: z
    .int()
    .min(VIDEO_LIMITS.minWidth)
    .max(VIDEO_LIMITS.maxWidth)
    .refine((n) => n % 4 === 0, { error: 'must be a multiple of 4 (the canvas is packed to NV12 four pixels at a time)' }),
  height: side(VIDEO_LIMITS.minHeight, VIDEO_LIMITS.maxHeight),
  enabled: z.boolean(),
  programSceneUuid: z.string().trim().max(200),
  bitrateKbps: z.int().min(200).max(50_000),
};

export const CANVAS_SCHEMAS = {
  'canvas.set': z.strictObject({ ...canvasFields }).partial().required({ id: true }),
  'canvas.remove': z.strictObject({ id: canvasFields.id }),
};

/** In a saved collection (unknown keys dropped, like the other saved parts). */
export const canvasFileSchema = z.object({
  id: canvasFields.id,
  name: canvasFields.name,
  width: canvasFields.width,
  height: canvasFields.height,
  enabled: z.boolean().default(true),
  programSceneUuid: canvasFields.programSceneUuid.default(''),
  bitrateKbps: canvasFields.bitrateKbps.optional(),
});

type CanvasCommand = keyof typeof CANVAS_SCHEMAS;

const change = <R>(doc: StudioDocument, value: R): Result<Change<R>> => ok({ doc, events: [], value });

const LIVE = 'while the stream, recording or replay buffer runs; stop them first';

export const CANVAS_HANDLERS: { [T in CanvasCommand]: Handler<T> } = {
  'canvas.set': (doc, args, ctx) => {
    const list = doc.canvases ?? [];
    const cur = list.find((c) => c.id === args.id);
    if (!cur && list.length >= MAX_CANVASES) {
      return fail(Status.InvalidResourceState, `There can be at most ${MAX_CANVASES} extra canvases; remove one first.`, 'id');
    }
    const scene = args.programSceneUuid ? doc.scenes.find((s) => s.uuid === args.programSceneUuid) : undefined;
    if (args.programSceneUuid && !scene) return fail(Status.ResourceNotFound, `There is no scene with id "${args.programSceneUuid}".`, 'programSceneUuid');
    if (scene?.isGroup) return fail(Status.InvalidResourceState, `"${scene.name}" is a group; a canvas shows a scene.`, 'programSceneUuid');
    const next: Canvas = {
      ...DEFAULT_VERTICAL_CANVAS,
      ...(cur ?? { name: args.id === DEFAULT_VERTICAL_CANVAS.id ? DEFAULT_VERTICAL_CANVAS.name : args.id, programSceneUuid: '' }),
      ...args,
    };
    if (cur && ctx.isLive()) {
      for (const field of ['width', 'height', 'enabled', 'bitrateKbps'] as const) {
        if (next[field] !== cur[field]) return fail(Status.OutputRunning, `The canvas's ${field} cannot change ${LIVE}.`, field);
      }
    }
    // A new canvas that is on would change what is encoded as surely as turning one on.
    if (!cur && next.enabled && ctx.isLive()) return fail(Status.OutputRunning, `A canvas cannot be turned on ${LIVE}.`, 'enabled');
    const canvases = cur ? list.map((c) => (c === cur ? next : c)) : [...list, next];
    return change({ ...doc, canvases }, null);
  },

  'canvas.remove': (doc, { id }, ctx) => {
    const list = doc.canvases ?? [];
    if (!list.some((c) => c.id === id)) return fail(Status.ResourceNotFound, `There is no canvas with id "${id}".`, 'id');
    if (ctx.isLive()) return fail(Status.OutputRunning, `A canvas cannot be removed ${LIVE}.`, 'id');
    const destinations = doc.destinations.map((d) => (d.canvas === id ? withCanvas(d, MAIN_CANVAS) : d));
    return change({ ...doc, canvases: list.filter((c) => c.id !== id), destinations }, null);
  },
};

/** The destination streaming `canvas` (the main canvas leaves the field out, as older profiles have it). */
export function withCanvas(d: Destination, canvas: string): Destination {
  const { canvas: _old, ...rest } = d;
  return canvas === MAIN_CANVAS ? rest : { ...rest, canvas };
}

/** Why a destination cannot name this canvas, or null when it can. */
export function canvasRefusal(doc: StudioDocument, canvas: string): Result<never> | null {
  if (canvas === MAIN_CANVAS || (doc.canvases ?? []).some((c) => c.id === canvas)) return null;
  const known = [MAIN_CANVAS, ...(doc.canvases ?? []).map((c) => c.id)].join(', ');
  return fail(Status.ResourceNotFound, `canvas: there is no canvas "${canvas}"; the canvases are ${known}.`, 'canvas');
}

/** The canvases with a removed scene taken off their program ('' = black until another is chosen). */
export function canvasesWithoutScene(doc: StudioDocument, sceneUuid: string): Pick<StudioDocument, 'canvases'> {
  if (!doc.canvases?.some((c) => c.programSceneUuid === sceneUuid)) return {};
  return { canvases: doc.canvases.map((c) => (c.programSceneUuid === sceneUuid ? { ...c, programSceneUuid: '' } : c)) };
}

/**
 * A loaded collection's canvases made consistent: ids unique, at most MAX_CANVASES, and a program
 * scene that exists and is not a group (else '' = none).
 */
export function repairCanvases(canvases: readonly Canvas[] | undefined, doc: Pick<StudioDocument, 'scenes'>): Canvas[] | undefined {
  if (!canvases) return undefined;
  const seen = new Set<string>();
  const out: Canvas[] = [];
  for (const c of canvases) {
    if (seen.has(c.id) || out.length >= MAX_CANVASES) continue;
    seen.add(c.id);
    const ok = c.programSceneUuid === '' || doc.scenes.some((s) => s.uuid === c.programSceneUuid && !s.isGroup);
    out.push(ok ? c : { ...c, programSceneUuid: '' });
  }
  return out;
}
