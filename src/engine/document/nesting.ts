/**
 * Nested scenes and groups (OBS: a scene is a source; a group is a scene-like source shown by one
 * item). item.create adds an existing input or scene to a scene, refusing cycles; group.create and
 * group.ungroup move items into and out of a group. Removal follows OBS: a scene that goes takes
 * its items in other scenes with it, and a group goes with its item (see removeSceneEverywhere).
 */
import {
  DEFAULT_TRANSFORM,
  Status,
  fail,
  groupParent,
  isGroup,
  ok,
  sceneOf,
  sceneReaches,
  type Result,
  type Scene,
  type SceneItem,
  type StudioDocument,
  type StudioEvent,
  type Transform,
} from '../../shared';
import type { Change, Handler } from './handlers';

const withScene = (doc: StudioDocument, scene: Scene): StudioDocument => ({
  ...doc,
  scenes: doc.scenes.map((s) => (s.uuid === scene.uuid ? scene : s)),
});

function findScene(doc: StudioDocument, uuid: string): Result<Scene> {
  const s = sceneOf(doc, uuid);
  return s ? ok(s) : fail(Status.ResourceNotFound, `There is no scene with id "${uuid}".`, 'sceneUuid');
}

/** Scenes and inputs share one namespace, as all sources do in OBS. */
function nameTaken(doc: StudioDocument, name: string): Result<never> | null {
  if (doc.scenes.some((s) => s.name === name)) {
    return fail(Status.ResourceAlreadyExists, `A scene or group called "${name}" already exists; choose another name.`, 'name');
  }
  if (doc.inputs.some((i) => i.name === name)) {
    return fail(Status.ResourceAlreadyExists, `An input called "${name}" already exists; choose another name.`, 'name');
  }
  return null;
}

/**
 * Whether `source` may be shown by a new item of `scene`: a scene never inside itself (directly or
 * through other scenes and groups), a group only by its own item.
 */
export function nestingProblem(doc: StudioDocument, scene: Scene, sourceUuid: string): Result<never> | null {
  const nested = sceneOf(doc, sourceUuid);
  if (!nested) return null;
  if (isGroup(nested)) {
    return fail(Status.InvalidResourceState, `"${nested.name}" is a group; a group is shown only by its own item in one scene.`, 'sourceUuid');
  }
  if (nested.uuid === scene.uuid) {
    return fail(Status.CannotAct, `A scene cannot be shown inside itself: "${scene.name}" would contain "${scene.name}".`, 'sourceUuid');
  }
  if (sceneReaches(doc, nested.uuid, scene.uuid)) {
    return fail(
      Status.CannotAct,
      `"${nested.name}" already shows "${scene.name}" (through nested scenes or groups), so adding it to "${scene.name}" would put the scene inside itself.`,
      'sourceUuid',
    );
  }
  return null;
}

/**
 * Removes scene `uuid` from the document together with every item that shows it (in any scene) and
 * the groups those scenes held, as OBS removes a source's items when the source goes. Returns the
 * document and the item.removed / scene.removed events, in that order per scene.
 */
export function removeSceneEverywhere(doc: StudioDocument, uuid: string): { doc: StudioDocument; events: StudioEvent[] } {
  const events: StudioEvent[] = [];
  const gone = new Set<string>();
  // The scene, and every group it holds (groups have no life outside their one item).
  const collect = (u: string): void => {
    if (gone.has(u)) return;
    gone.add(u);
    for (const item of sceneOf(doc, u)?.items ?? []) {
      const child = sceneOf(doc, item.sourceUuid);
      if (child && isGroup(child)) collect(child.uuid);
    }
  };
  collect(uuid);
  const scenes: Scene[] = [];
  for (const scene of doc.scenes) {
    if (gone.has(scene.uuid)) continue;
    const dropped = scene.items.filter((i) => gone.has(i.sourceUuid));
    for (const i of dropped) {
      events.push({ type: 'item.removed', data: { sceneUuid: scene.uuid, sceneItemId: i.sceneItemId, sourceUuid: i.sourceUuid } });
    }
    scenes.push(dropped.length > 0 ? { ...scene, items: scene.items.filter((i) => !gone.has(i.sourceUuid)) } : scene);
  }
  for (const u of gone) {
    const s = sceneOf(doc, u)!;
    events.push({ type: 'scene.removed', data: { sceneUuid: u, sceneName: s.name, ...(isGroup(s) && { isGroup: true }) } });
  }
  return { doc: { ...doc, scenes }, events };
}

/** Composes a group item's transform with one of its items' (as shown on the canvas), for ungrouping. */
export function composeTransform(group: Transform, canvasW: number, canvasH: number, child: Transform): Transform {
  const w = Math.max(0, canvasW - group.cropLeft - group.cropRight);
  const h = Math.max(0, canvasH - group.cropTop - group.cropBottom);
  const ox = group.alignment & 1 ? 0 : group.alignment & 2 ? w : w / 2;
  const oy = group.alignment & 4 ? 0 : group.alignment & 8 ? h : h / 2;
  const rad = (group.rotation * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  // The child's alignment point in the group's cropped local space, then on the canvas.
  const lx = child.positionX - group.cropLeft - ox;
  const ly = child.positionY - group.cropTop - oy;
  const x = group.positionX + cos * group.scaleX * lx - sin * group.scaleY * ly;
  const y = group.positionY + sin * group.scaleX * lx + cos * group.scaleY * ly;
  let rotation = group.rotation + child.rotation;
  if (rotation > 360) rotation -= 360;
  if (rotation < -360) rotation += 360;
  return { ...child, positionX: x, positionY: y, rotation, scaleX: group.scaleX * child.scaleX, scaleY: group.scaleY * child.scaleY };
}

const change = <R>(doc: StudioDocument, value: R, events: StudioEvent[]): Result<Change<R>> => ok({ doc, events, value });

export const NESTING_HANDLERS: {
  'item.create': Handler<'item.create'>;
  'group.create': Handler<'group.create'>;
  'group.ungroup': Handler<'group.ungroup'>;
} = {
  'item.create': (doc, { sceneUuid, sourceUuid, enabled, transform }) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const scene = found.value;
    if (!doc.inputs.some((i) => i.uuid === sourceUuid) && !sceneOf(doc, sourceUuid)) {
      return fail(Status.ResourceNotFound, `There is no input or scene with id "${sourceUuid}".`, 'sourceUuid');
    }
    const problem = nestingProblem(doc, scene, sourceUuid);
    if (problem) return problem;
    const item: SceneItem = {
      sceneItemId: scene.nextItemId,
      sourceUuid,
      enabled: enabled ?? true,
      locked: false,
      transform: { ...DEFAULT_TRANSFORM, ...transform },
    };
    return change(withScene(doc, { ...scene, items: [...scene.items, item], nextItemId: scene.nextItemId + 1 }), { sceneItemId: item.sceneItemId }, [
      { type: 'item.created', data: { sceneUuid, sceneItemId: item.sceneItemId, sourceUuid, index: scene.items.length } },
    ]);
  },

  'group.create': (doc, { sceneUuid, name, sceneItemIds }, ctx) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const scene = found.value;
    if (isGroup(scene)) return fail(Status.InvalidResourceState, `"${scene.name}" is a group; groups cannot hold other groups.`, 'sceneUuid');
    const taken = nameTaken(doc, name);
    if (taken) return taken;
    const ids = new Set(sceneItemIds);
    for (const id of ids) {
      const item = scene.items.find((i) => i.sceneItemId === id);
      if (!item) return fail(Status.ResourceNotFound, `Scene "${scene.name}" has no item with id ${id}.`, 'sceneItemIds');
      const child = sceneOf(doc, item.sourceUuid);
      if (child && isGroup(child)) {
        return fail(Status.InvalidResourceState, `Item ${id} is the group "${child.name}"; groups cannot hold other groups.`, 'sceneItemIds');
      }
    }
    // Children keep their order and their transforms: the group's item sits at the canvas origin
    // unscaled, so the group's space is the canvas and nothing moves.
    const moved = scene.items.filter((i) => ids.has(i.sceneItemId));
    const top = Math.max(...moved.map((i) => scene.items.indexOf(i)));
    const group: Scene = {
      uuid: ctx.newId(),
      name,
      isGroup: true,
      items: moved.map((i, k) => ({ ...i, sceneItemId: k + 1 })),
      nextItemId: moved.length + 1,
      filters: [],
    };
    const groupItem: SceneItem = { sceneItemId: scene.nextItemId, sourceUuid: group.uuid, enabled: true, locked: false, transform: { ...DEFAULT_TRANSFORM } };
    const items: SceneItem[] = [];
    scene.items.forEach((i, k) => {
      if (!ids.has(i.sceneItemId)) items.push(i);
      if (k === top) items.push(groupItem);
    });
    const events: StudioEvent[] = [{ type: 'scene.created', data: { sceneUuid: group.uuid, sceneName: name, isGroup: true } }];
    for (const i of moved) events.push({ type: 'item.removed', data: { sceneUuid, sceneItemId: i.sceneItemId, sourceUuid: i.sourceUuid } });
    group.items.forEach((i, k) => events.push({ type: 'item.created', data: { sceneUuid: group.uuid, sceneItemId: i.sceneItemId, sourceUuid: i.sourceUuid, index: k } }));
    events.push({ type: 'item.created', data: { sceneUuid, sceneItemId: groupItem.sceneItemId, sourceUuid: group.uuid, index: items.indexOf(groupItem) } });
    const next = withScene({ ...doc, scenes: [...doc.scenes, group] }, { ...scene, items, nextItemId: scene.nextItemId + 1 });
    return change(next, { groupUuid: group.uuid, sceneItemId: groupItem.sceneItemId }, events);
  },

  'group.ungroup': (doc, { sceneUuid, sceneItemId }) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const scene = found.value;
    const groupItem = scene.items.find((i) => i.sceneItemId === sceneItemId);
    if (!groupItem) return fail(Status.ResourceNotFound, `Scene "${scene.name}" has no item with id ${sceneItemId}.`, 'sceneItemId');
    const group = sceneOf(doc, groupItem.sourceUuid);
    if (!group || !isGroup(group)) return fail(Status.InvalidResourceState, `Item ${sceneItemId} of "${scene.name}" is not a group.`, 'sceneItemId');
    let nextItemId = scene.nextItemId;
    const back = group.items.map((i) => ({
      ...i,
      sceneItemId: nextItemId++,
      transform: composeTransform(groupItem.transform, doc.video.baseWidth, doc.video.baseHeight, i.transform),
      // A hidden group hid its items: they stay hidden once they are out of it.
      enabled: i.enabled && groupItem.enabled,
    }));
    const at = scene.items.indexOf(groupItem);
    const items = [...scene.items.slice(0, at), ...back, ...scene.items.slice(at + 1)];
    const events: StudioEvent[] = [{ type: 'item.removed', data: { sceneUuid, sceneItemId, sourceUuid: group.uuid } }];
    back.forEach((i, k) => events.push({ type: 'item.created', data: { sceneUuid, sceneItemId: i.sceneItemId, sourceUuid: i.sourceUuid, index: at + k } }));
    events.push({ type: 'scene.removed', data: { sceneUuid: group.uuid, sceneName: group.name, isGroup: true } });
    const next = withScene({ ...doc, scenes: doc.scenes.filter((s) => s !== group) }, { ...scene, items, nextItemId });
    return change(next, null, events);
  },
};

/** The group item's scene for a group, for handlers that must refuse a group as program or preview. */
export const groupRefusal = (doc: StudioDocument, scene: Scene, what: string): Result<never> | null =>
  isGroup(scene)
    ? fail(
        Status.InvalidResourceType,
        `"${scene.name}" is a group${groupParent(doc, scene.uuid) ? ` in "${groupParent(doc, scene.uuid)!.scene.name}"` : ''}, not a scene; only scenes can be ${what}.`,
        'sceneUuid',
      )
    : null;
