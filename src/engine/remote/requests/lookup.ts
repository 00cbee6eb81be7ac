/**
 * Finding what a request names. Scenes and inputs share one namespace, as all sources do in OBS, and
 * every lookup follows obs-websocket's: the UUID field wins when it is a usable string, then the name
 * field, and only when neither is usable does it report 300 naming both. The comments are OBS's own
 * words where clients match on them (Companion ignores "The specified source is not an input.").
 */
import { INPUT_KINDS, type Input, type KindDescriptor, type Scene, type SceneItem, type StudioDocument } from '../../../shared';
import type { Fields } from './fields';
import { Code, fail } from './status';

export type Source = { type: 'scene'; scene: Scene } | { type: 'input'; input: Input };

/** OBS's AcquireSource: by `uuidKey`, else by `nameKey`, across scenes and inputs. */
export function findSource(doc: StudioDocument, f: Fields, nameKey: string, uuidKey: string): Source {
  const uuid = f.tryString(uuidKey);
  if (uuid !== null) {
    const found = sourceBy(doc, (s) => s.uuid === uuid);
    return found ?? fail(Code.ResourceNotFound, `No source was found by the UUID of \`${uuid}\`.`);
  }
  const name = f.tryString(nameKey);
  if (name !== null) {
    const found = sourceBy(doc, (s) => s.name === name);
    return found ?? fail(Code.ResourceNotFound, `No source was found by the name of \`${name}\`.`);
  }
  return fail(
    Code.MissingRequestField,
    `Your request must contain at least one of the following fields: \`${nameKey}\` or \`${uuidKey}\`.`,
  );
}

function sourceBy(doc: StudioDocument, match: (s: { uuid: string; name: string }) => boolean): Source | null {
  const scene = doc.scenes.find(match);
  if (scene) return { type: 'scene', scene };
  const input = doc.inputs.find(match);
  return input ? { type: 'input', input } : null;
}

/**
 * sceneName / sceneUuid, with obs-websocket's scene filter: 'scene' (its default) refuses groups,
 * 'group' refuses plain scenes, 'either' takes both (the scene item requests, CreateInput).
 */
export function findScene(doc: StudioDocument, f: Fields, filter: 'scene' | 'group' | 'either' = 'scene'): Scene {
  const source = findSource(doc, f, 'sceneName', 'sceneUuid');
  if (source.type !== 'scene') fail(Code.InvalidResourceType, 'The specified source is not a scene.');
  const group = source.scene.isGroup === true;
  if (filter === 'scene' && group) fail(Code.InvalidResourceType, 'The specified source is not a scene. (Is group)');
  if (filter === 'group' && !group) fail(Code.InvalidResourceType, 'The specified source is not a group. (Is scene)');
  return source.scene;
}

/** sceneName / sceneUuid for requests that take only groups (GetGroupSceneItemList). */
export const findGroup = (doc: StudioDocument, f: Fields): Scene => findScene(doc, f, 'group');

/** inputName / inputUuid. */
export function findInput(doc: StudioDocument, f: Fields): Input {
  const source = findSource(doc, f, 'inputName', 'inputUuid');
  if (source.type !== 'input') fail(Code.InvalidResourceType, 'The specified source is not an input.');
  return source.input;
}

/** The scene, then sceneItemId (>= 0) within it. */
export function findSceneItem(doc: StudioDocument, f: Fields): { scene: Scene; item: SceneItem; index: number } {
  const scene = findScene(doc, f, 'either');
  const id = Math.trunc(f.number('sceneItemId', 0));
  const index = scene.items.findIndex((i) => i.sceneItemId === id);
  if (index < 0) fail(Code.ResourceNotFound, `No scene items were found in scene \`${scene.name}\` with the ID \`${id}\`.`);
  return { scene, item: scene.items[index]!, index };
}

export const inputByUuid = (doc: StudioDocument, uuid: string): Input | undefined => doc.inputs.find((i) => i.uuid === uuid);

/** A registered input kind by its id or one of OBS's other ids for it (wasapi_input_capture…). */
export const kindOf = (id: string): KindDescriptor | undefined => INPUT_KINDS.find((k) => k.id === id || k.aliases?.includes(id));

/** OBS refuses every audio request on inputs without OBS_SOURCE_AUDIO, with this comment. */
export function audioInput(input: Input): Input {
  if (!kindOf(input.kind)?.audio) fail(Code.InvalidResourceState, 'The specified input does not support audio.');
  return input;
}
