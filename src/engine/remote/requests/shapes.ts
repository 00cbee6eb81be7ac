/**
 * The document in obs-websocket's shapes and units, shared by the request handlers and the event
 * source so a scene list or a transform looks the same in a reply and in an event.
 */
import { LOWER_THIRD, SCOREBOARD, plainScenes, sceneOf, type Input, type Scene, type SceneItem, type StudioDocument } from '../../../shared';
import { kindOf } from './lookup';

/**
 * OBS's scene list: its frontend lists scenes top first and obs-websocket reverses that, so the
 * array runs bottom-up with sceneIndex counting from 0 at the bottom. Our document keeps the
 * UI's order (top first), so the reply is the document's list reversed.
 */
export function sceneList(doc: StudioDocument): { sceneName: string; sceneUuid: string; sceneIndex: number }[] {
  // Groups are scenes inside, but OBS's scene list leaves them out (GetGroupList names them).
  return [...plainScenes(doc)].reverse().map((s, i) => ({ sceneName: s.name, sceneUuid: s.uuid, sceneIndex: i }));
}

/**
 * OBS's output flags for a kind, as inputKindCaps: the bits clients test are OBS_SOURCE_VIDEO (1)
 * and OBS_SOURCE_AUDIO (2), which is how they tell whether an input has audio controls.
 */
export function inputKindCaps(kind: string): number {
  const k = kindOf(kind);
  return (k?.video ? 1 : 0) | (k?.audio ? 2 : 0);
}

/** color_source_v3 → color_source: OBS's unversioned id drops a trailing _v<N>. */
export const unversioned = (kind: string): string => kind.replace(/_v\d+$/, '');

/**
 * The source's own size in pixels. Color and test-pattern inputs carry it in their settings (0 was
 * resolved to the canvas size when they were created). A lower third or a scoreboard is as large as
 * its width/height settings say, 0 (or absent) meaning the canvas: `canvas` here, the main one's base
 * size (the compositor lays it out again at an extra canvas's size for that canvas's items, a size
 * this reply does not follow). An image's decoded size, a text's and a countdown's rendered size (a
 * countdown is sized to its text and font) are known only to the compositor, so the engine reports 0
 * for them, as OBS does for a source that has not rendered yet.
 */
export function sourceSize(input: Input | undefined, canvas: { width: number; height: number }): { width: number; height: number } {
  if (!input) return { width: 0, height: 0 };
  const w = input.settings['width'];
  const h = input.settings['height'];
  if (input.kind === LOWER_THIRD.id || input.kind === SCOREBOARD.id) return { width: pixels(w) || canvas.width, height: pixels(h) || canvas.height };
  const sized = input.kind === 'color_source_v3' || input.kind === 'studio_test_pattern';
  return sized && typeof w === 'number' && typeof h === 'number' ? { width: w, height: h } : { width: 0, height: 0 };
}

/** A size setting as the compositor reads it: whole pixels, 0 when absent or not a number. */
const pixels = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.round(v)) : 0);

/**
 * The size of what an item shows: an input's (sourceSize), or for a nested scene or a group the
 * canvas (a group's items are placed in canvas-sized space relative to its item).
 */
export function itemSourceSize(doc: StudioDocument, item: SceneItem): { width: number; height: number } {
  const canvas = { width: doc.video.baseWidth, height: doc.video.baseHeight };
  if (sceneOf(doc, item.sourceUuid)) return canvas;
  return sourceSize(doc.inputs.find((i) => i.uuid === item.sourceUuid), canvas);
}

/** OBS's sceneItemTransform object; width and height are the size as drawn (the box's, with bounds). */
export function sceneItemTransform(item: SceneItem, size: { width: number; height: number }): Record<string, unknown> {
  const t = item.transform;
  const bounded = (t.boundsType ?? 'OBS_BOUNDS_NONE') !== 'OBS_BOUNDS_NONE';
  return {
    sourceWidth: size.width,
    sourceHeight: size.height,
    positionX: t.positionX,
    positionY: t.positionY,
    rotation: t.rotation,
    scaleX: t.scaleX,
    scaleY: t.scaleY,
    width: bounded ? (t.boundsWidth ?? 0) : t.scaleX * size.width,
    height: bounded ? (t.boundsHeight ?? 0) : t.scaleY * size.height,
    alignment: t.alignment,
    boundsType: t.boundsType ?? 'OBS_BOUNDS_NONE',
    boundsAlignment: t.boundsAlignment ?? 0,
    boundsWidth: t.boundsWidth ?? 0,
    boundsHeight: t.boundsHeight ?? 0,
    cropLeft: t.cropLeft,
    cropRight: t.cropRight,
    cropTop: t.cropTop,
    cropBottom: t.cropBottom,
    cropToBounds: t.cropToBounds === true,
  };
}

/** One entry of GetSceneItemList: an input's item, or a nested scene's or a group's. */
export function sceneItemEntry(doc: StudioDocument, item: SceneItem, index: number): Record<string, unknown> {
  const input = doc.inputs.find((i) => i.uuid === item.sourceUuid);
  const scene = input ? undefined : sceneOf(doc, item.sourceUuid);
  return {
    sceneItemId: item.sceneItemId,
    sceneItemIndex: index,
    sceneItemEnabled: item.enabled,
    sceneItemLocked: item.locked,
    sceneItemTransform: sceneItemTransform(item, itemSourceSize(doc, item)),
    sceneItemBlendMode: item.blendMode ?? 'OBS_BLEND_NORMAL',
    sourceName: input?.name ?? scene?.name ?? '',
    sourceUuid: item.sourceUuid,
    sourceType: scene ? 'OBS_SOURCE_TYPE_SCENE' : 'OBS_SOURCE_TYPE_INPUT',
    inputKind: input?.kind ?? null,
    // OBS sets isGroup for scene sources (true for a group) and null for inputs.
    isGroup: scene ? scene.isGroup === true : null,
  };
}

/** A source's name, input or scene (nested scenes and groups are sources too). */
export const sourceName = (doc: StudioDocument, uuid: string): string =>
  doc.inputs.find((i) => i.uuid === uuid)?.name ?? sceneOf(doc, uuid)?.name ?? '';

/** The group names, as GetGroupList lists them. */
export const groupNames = (doc: StudioDocument): string[] => doc.scenes.filter((s) => s.isGroup === true).map((s) => s.name);

/** The bare ids and indexes OBS sends in SceneItemListReindexed. */
export const sceneItemIndexes = (scene: Scene): { sceneItemId: number; sceneItemIndex: number }[] =>
  scene.items.map((i, index) => ({ sceneItemId: i.sceneItemId, sceneItemIndex: index }));

/** An input kind's defaults, as GetInputDefaultSettings and InputCreated send them. */
export const defaultSettings = (kind: string): Record<string, unknown> => structuredClone(kindOf(kind)?.defaults ?? {});

/** "HH:MM:SS.mmm", OBS's DurationToTimecode. */
export function timecode(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const secs = Math.floor(total / 1000);
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}.${pad(total % 1000, 3)}`;
}
