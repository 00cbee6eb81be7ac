/**
 * Scene item requests. Items show inputs, nested scenes or groups (a group's items are reached with
 * the group's name as sceneName, as in OBS). Bounding boxes (boundsType, boundsAlignment,
 * boundsWidth/Height) are the transform's, as OBS's.
 */
import { BLEND_MODES, BOUNDS_TYPES, type BlendMode, type BoundsType, type Transform } from '../../../shared';
import { Fields } from './fields';
import type { HandlerTable } from './handler';
import { findGroup, findScene, findSceneItem, findSource } from './lookup';
import { itemSourceSize, sceneItemEntry, sceneItemTransform, sourceName } from './shapes';
import { Code, fail, success, unwrap } from './status';

const UINT32_MAX = 0xffffffff;
/** OBS keeps positions and scaled sizes inside ±90001 px. */
const EXTENT = 90001;

/** sceneItemTransform checked field by field in OBS's order and ranges, as a patch of our transform. */
function transformPatch(raw: Record<string, unknown>, size: { width: number; height: number }): Partial<Transform> | null {
  const r = new Fields(raw);
  const patch: Partial<Transform> = {};
  let changed = false;
  const num = (key: Exclude<keyof Transform, 'boundsType' | 'cropToBounds'>, min?: number, max?: number): void => {
    const v = r.optNumber(key, min, max);
    if (v === undefined) return;
    patch[key] = key.startsWith('crop') ? Math.trunc(v) : v;
    changed = true;
  };
  num('positionX', -EXTENT, EXTENT);
  num('positionY', -EXTENT, EXTENT);
  num('rotation', -360, 360);
  const scale = (key: 'scaleX' | 'scaleY', source: number, min?: number, max?: number): void => {
    const v = r.optNumber(key, min, max);
    if (v === undefined) return;
    const final = v * source;
    if (!(final > -EXTENT && final < EXTENT)) {
      fail(Code.RequestFieldOutOfRange, `The field \`${key}\` is too small or large for the current source resolution.`);
    }
    patch[key] = v;
    changed = true;
  };
  // OBS bounds scaleY itself but scaleX only through the scaled width.
  scale('scaleX', size.width);
  scale('scaleY', size.height, -EXTENT, EXTENT);
  num('alignment', 0, UINT32_MAX);
  const bounds = r.optString('boundsType');
  if (bounds !== undefined) {
    if (!(BOUNDS_TYPES as readonly string[]).includes(bounds)) fail(Code.InvalidRequestField, 'The field `boundsType` has an invalid value.');
    patch.boundsType = bounds as BoundsType;
    changed = true;
  }
  num('boundsAlignment', 0, UINT32_MAX);
  num('boundsWidth', 1, EXTENT);
  num('boundsHeight', 1, EXTENT);
  num('cropLeft', 0, 100000);
  num('cropRight', 0, 100000);
  num('cropTop', 0, 100000);
  num('cropBottom', 0, 100000);
  const cropToBounds = r.optBoolean('cropToBounds');
  if (cropToBounds !== undefined) {
    patch.cropToBounds = cropToBounds;
    changed = true;
  }
  return changed ? patch : null;
}

export const sceneItemRequests: HandlerTable = {
  GetSceneItemList: (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f);
    return success({ sceneItems: scene.items.map((item, index) => sceneItemEntry(doc, item, index)) });
  },

  GetGroupSceneItemList: (ctx, f) => {
    const doc = ctx.studio.document();
    const group = findGroup(doc, f);
    return success({ sceneItems: group.items.map((item, index) => sceneItemEntry(doc, item, index)) });
  },

  /** OBS's CreateSceneItem: an existing input, or a scene (nested), into a scene. */
  CreateSceneItem: async (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f);
    const source = findSource(doc, f, 'sourceName', 'sourceUuid');
    const sourceUuid = source.type === 'scene' ? source.scene.uuid : source.input.uuid;
    if (sourceUuid === scene.uuid) fail(Code.CannotAct, 'You cannot create scene item of a scene within itself.');
    const enabled = f.optBoolean('sceneItemEnabled');
    const made = unwrap(await ctx.studio.execute('item.create', { sceneUuid: scene.uuid, sourceUuid, ...(enabled !== undefined && { enabled }) }));
    return success({ sceneItemId: made.sceneItemId });
  },

  /**
   * OBS's DuplicateSceneItem: the item's source again, with its visibility, transform and crop (not
   * its lock or blend mode, as OBS), on top of its own scene or of destinationSceneName / Uuid.
   */
  DuplicateSceneItem: async (ctx, f) => {
    const doc = ctx.studio.document();
    const { scene, item } = findSceneItem(doc, f);
    let to = scene;
    if (f.has('destinationSceneName') || f.has('destinationSceneUuid')) {
      const dest = findSource(doc, f, 'destinationSceneName', 'destinationSceneUuid');
      if (dest.type !== 'scene') fail(Code.InvalidResourceType, 'The specified source is not a scene.');
      if (dest.scene.isGroup) fail(Code.InvalidResourceType, 'The specified source is not a scene. (Is group)');
      to = dest.scene;
    }
    if (to.uuid === scene.uuid && doc.scenes.some((s) => s.uuid === item.sourceUuid && s.isGroup)) {
      fail(Code.ResourceCreationFailed, 'Scenes may only have one instance of a group.');
    }
    const made = unwrap(
      await ctx.studio.execute('item.create', { sceneUuid: to.uuid, sourceUuid: item.sourceUuid, enabled: item.enabled, transform: structuredClone(item.transform) }),
    );
    return success({ sceneItemId: made.sceneItemId });
  },

  /** Matches counted bottom to top; searchOffset -1 takes the topmost match. */
  GetSceneItemId: (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f, 'either');
    const name = f.string('sourceName');
    const offset = Math.trunc(f.optNumber('searchOffset', -1) ?? 0);
    const matches = scene.items.filter((i) => sourceName(doc, i.sourceUuid) === name);
    const item = offset === -1 ? matches.at(-1) : matches[offset];
    if (!item) fail(Code.ResourceNotFound, 'No scene items were found in the specified scene by that name or offset.');
    return success({ sceneItemId: item.sceneItemId });
  },

  GetSceneItemSource: (ctx, f) => {
    const doc = ctx.studio.document();
    const { item } = findSceneItem(doc, f);
    return success({ sourceName: sourceName(doc, item.sourceUuid), sourceUuid: item.sourceUuid });
  },

  RemoveSceneItem: async (ctx, f) => {
    const { scene, item } = findSceneItem(ctx.studio.document(), f);
    unwrap(await ctx.studio.execute('item.remove', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId }));
    return success();
  },

  GetSceneItemTransform: (ctx, f) => {
    const doc = ctx.studio.document();
    const { item } = findSceneItem(doc, f);
    return success({ sceneItemTransform: sceneItemTransform(item, itemSourceSize(doc, item)) });
  },

  SetSceneItemTransform: async (ctx, f) => {
    const doc = ctx.studio.document();
    const { scene, item } = findSceneItem(doc, f);
    const raw = f.object('sceneItemTransform');
    const t = sceneItemTransform(item, itemSourceSize(doc, item));
    const patch = transformPatch(raw, { width: t['sourceWidth'] as number, height: t['sourceHeight'] as number });
    if (!patch) fail(Code.CannotAct, 'You have not provided any valid transform changes.');
    if (Object.keys(patch).length > 0) {
      unwrap(await ctx.studio.execute('item.setTransform', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId, transform: patch }));
    }
    return success();
  },

  GetSceneItemEnabled: (ctx, f) => success({ sceneItemEnabled: findSceneItem(ctx.studio.document(), f).item.enabled }),

  SetSceneItemEnabled: async (ctx, f) => {
    const { scene, item } = findSceneItem(ctx.studio.document(), f);
    const enabled = f.boolean('sceneItemEnabled');
    unwrap(await ctx.studio.execute('item.setEnabled', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId, enabled }));
    return success();
  },

  GetSceneItemLocked: (ctx, f) => success({ sceneItemLocked: findSceneItem(ctx.studio.document(), f).item.locked }),

  SetSceneItemLocked: async (ctx, f) => {
    const { scene, item } = findSceneItem(ctx.studio.document(), f);
    const locked = f.boolean('sceneItemLocked');
    unwrap(await ctx.studio.execute('item.setLocked', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId, locked }));
    return success();
  },

  GetSceneItemIndex: (ctx, f) => success({ sceneItemIndex: findSceneItem(ctx.studio.document(), f).index }),

  SetSceneItemIndex: async (ctx, f) => {
    const { scene, item } = findSceneItem(ctx.studio.document(), f);
    const index = Math.trunc(f.number('sceneItemIndex', 0, 8192));
    unwrap(await ctx.studio.execute('item.setIndex', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId, index }));
    return success();
  },

  GetSceneItemBlendMode: (ctx, f) => {
    const { item } = findSceneItem(ctx.studio.document(), f);
    return success({ sceneItemBlendMode: item.blendMode ?? 'OBS_BLEND_NORMAL' });
  },

  SetSceneItemBlendMode: async (ctx, f) => {
    const { scene, item } = findSceneItem(ctx.studio.document(), f);
    const blendMode = f.string('sceneItemBlendMode');
    if (!(BLEND_MODES as readonly string[]).includes(blendMode)) fail(Code.InvalidRequestField, 'Your specified blend mode is invalid.');
    unwrap(await ctx.studio.execute('item.setBlendMode', { sceneUuid: scene.uuid, sceneItemId: item.sceneItemId, blendMode: blendMode as BlendMode }));
    return success();
  },
};
