/**
 * Vendor requests (vendorName "broadcast-studio") for extra canvases (src/shared/canvas.ts), which
 * OBS 29/30's protocol has no requests for:
 *
 *   GetCanvasList → { canvases: [{ canvasUuid, canvasName, main, enabled, baseWidth, baseHeight,
 *                     fpsNumerator, fpsDenominator, sceneName, sceneUuid, bitrateKbps }] }
 *   SetCanvasSettings { canvasUuid | canvasName, enabled?, baseWidth?, baseHeight?, sceneName? | sceneUuid?,
 *                       bitrateKbps? } → the canvas as GetCanvasList lists it
 *
 * The main canvas comes first (its size and frame rate are SetVideoSettings', its scene the program
 * scene); an extra canvas's frame rate is the main one's. The vertical canvas is listed as Settings →
 * Video shows it even before it was first turned on (off, 1080×1920, no scene), and
 * SetCanvasSettings on it creates it, as that checkbox does (off unless `enabled` is true). Changes go through the engine's
 * canvas.set, so they are checked, refused while live and undone exactly as the UI's are; its
 * refusals come back with their status code and the field named.
 *
 * VendorEvent CanvasSettingsChanged carries an extra canvas as GetCanvasList lists it whenever that
 * changes (canvasChanges; from any client, the UI, an undo, a renamed scene it shows, the frame rate
 * it shares), and CanvasRemoved { canvasUuid, canvasName } one that is gone, so a controller never
 * polls. The main canvas has OBS's own events.
 */
import { DEFAULT_VERTICAL_CANVAS, MAIN_CANVAS, VIDEO_LIMITS, type Canvas, type CommandArgs, type StudioDocument } from '../../../shared';
import type { RequestContext } from '../types';
import type { Data, Fields } from './fields';
import { findScene } from './lookup';
import { Code, fail, unwrap } from './status';

type VendorHandler = (ctx: RequestContext, f: Fields) => Promise<Data> | Data;

/** The extra canvases as Settings shows them: the saved ones, and the vertical one while it was never turned on. */
function extraCanvases(doc: StudioDocument): Canvas[] {
  const list = doc.canvases ?? [];
  if (list.some((c) => c.id === DEFAULT_VERTICAL_CANVAS.id)) return list;
  return [...list, { ...DEFAULT_VERTICAL_CANVAS, enabled: false, programSceneUuid: '' }];
}

function sceneData(doc: StudioDocument, uuid: string): Data {
  const scene = doc.scenes.find((s) => s.uuid === uuid);
  return { sceneName: scene?.name ?? null, sceneUuid: scene?.uuid ?? null };
}

function mainData(doc: StudioDocument): Data {
  const v = doc.video;
  return {
    canvasUuid: MAIN_CANVAS,
    canvasName: 'Main',
    main: true,
    enabled: true,
    baseWidth: v.baseWidth,
    baseHeight: v.baseHeight,
    fpsNumerator: v.fpsNumerator,
    fpsDenominator: v.fpsDenominator,
    ...sceneData(doc, doc.currentSceneUuid),
    bitrateKbps: doc.output.encoder.bitrateKbps,
  };
}

/**
 * What changed in the extra canvases between two documents, as vendor events: each canvas whose
 * GetCanvasList entry differs (CanvasSettingsChanged, as `after` lists it), each one gone (CanvasRemoved).
 */
export function canvasChanges(before: StudioDocument, after: StudioDocument): { eventType: string; eventData: Data }[] {
  const was = new Map(extraCanvases(before).map((c) => [c.id, { c, json: JSON.stringify(canvasData(before, c)) }]));
  const out: { eventType: string; eventData: Data }[] = [];
  for (const c of extraCanvases(after)) {
    const data = canvasData(after, c);
    if (was.get(c.id)?.json !== JSON.stringify(data)) out.push({ eventType: 'CanvasSettingsChanged', eventData: data });
    was.delete(c.id);
  }
  for (const { c } of was.values()) out.push({ eventType: 'CanvasRemoved', eventData: { canvasUuid: c.id, canvasName: c.name } });
  return out;
}

function canvasData(doc: StudioDocument, c: Canvas): Data {
  return {
    canvasUuid: c.id,
    canvasName: c.name,
    main: false,
    enabled: c.enabled,
    baseWidth: c.width,
    baseHeight: c.height,
    fpsNumerator: doc.video.fpsNumerator,
    fpsDenominator: doc.video.fpsDenominator,
    ...sceneData(doc, c.programSceneUuid),
    // null: the main encoder's bitrate.
    bitrateKbps: c.bitrateKbps ?? null,
  };
}

/** canvasUuid wins over canvasName, as sceneUuid over sceneName; the main canvas is refused (SetVideoSettings changes it). */
function findCanvas(doc: StudioDocument, f: Fields): Canvas {
  const uuid = f.tryString('canvasUuid');
  const name = uuid === null ? f.tryString('canvasName') : null;
  if (uuid === null && name === null) {
    fail(Code.MissingRequestField, 'Your request must contain at least one of the following fields: `canvasName` or `canvasUuid`.');
  }
  if (uuid === MAIN_CANVAS || (uuid === null && name === 'Main')) {
    fail(Code.ResourceNotConfigurable, 'The main canvas is changed with SetVideoSettings (size, frame rate) and SetCurrentProgramScene (scene).');
  }
  const found = extraCanvases(doc).find((c) => (uuid !== null ? c.id === uuid : c.name === name));
  const known = extraCanvases(doc)
    .map((c) => `\`${c.id}\` (${c.name})`)
    .join(', ');
  return found ?? fail(Code.ResourceNotFound, `No canvas was found by the ${uuid !== null ? `UUID of \`${uuid}\`` : `name of \`${name}\``}; the canvases are ${known}.`);
}

export const canvasRequests: Record<string, VendorHandler> = {
  GetCanvasList: (ctx) => {
    const doc = ctx.studio.document();
    return { canvases: [mainData(doc), ...extraCanvases(doc).map((c) => canvasData(doc, c))] };
  },

  SetCanvasSettings: async (ctx, f) => {
    const doc = ctx.studio.document();
    const canvas = findCanvas(doc, f);
    const enabled = f.optBoolean('enabled');
    // Type and range here (OBS's wording); evenness and the rest are the engine's (canvas.set).
    const width = f.optNumber('baseWidth', VIDEO_LIMITS.minWidth, VIDEO_LIMITS.maxWidth);
    const height = f.optNumber('baseHeight', VIDEO_LIMITS.minHeight, VIDEO_LIMITS.maxHeight);
    const bitrateKbps = f.optNumber('bitrateKbps', 200, 50_000);
    const scene = f.has('sceneUuid') || f.has('sceneName') ? findScene(doc, f) : undefined;
    // A canvas never turned on is listed off: a change that does not turn it on leaves it off.
    const created = (doc.canvases ?? []).some((c) => c.id === canvas.id);
    const change: CommandArgs<'canvas.set'> = {
      id: canvas.id,
      ...(enabled !== undefined ? { enabled } : !created && { enabled: false }),
      ...(width !== undefined && { width }),
      ...(height !== undefined && { height }),
      ...(bitrateKbps !== undefined && { bitrateKbps }),
      ...(scene && { programSceneUuid: scene.uuid }),
    };
    unwrap(await ctx.studio.execute('canvas.set', change));
    const after = ctx.studio.document();
    return canvasData(after, after.canvases?.find((c) => c.id === canvas.id) ?? canvas);
  },
};
