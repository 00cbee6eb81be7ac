/** Scene requests. Preview requests answer 506 outside studio mode, as OBS does. */
import type { StudioDocument } from '../../../shared';
import type { HandlerTable } from './handler';
import { findScene } from './lookup';
import { groupNames, sceneList } from './shapes';
import { Code, fail, success, unwrap } from './status';

const nameTaken = (doc: StudioDocument, name: string): boolean =>
  doc.scenes.some((s) => s.name === name) || doc.inputs.some((i) => i.name === name);

export const sceneRequests: HandlerTable = {
  GetSceneList: (ctx) => {
    const doc = ctx.studio.document();
    const current = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid);
    // OBS names no preview outside studio mode.
    const preview = doc.studioMode ? doc.scenes.find((s) => s.uuid === doc.previewSceneUuid) : undefined;
    return success({
      currentProgramSceneName: current?.name ?? null,
      currentProgramSceneUuid: current?.uuid ?? null,
      currentPreviewSceneName: preview?.name ?? null,
      currentPreviewSceneUuid: preview?.uuid ?? null,
      scenes: sceneList(doc),
    });
  },

  GetGroupList: (ctx) => success({ groups: groupNames(ctx.studio.document()) }),

  GetCurrentProgramScene: (ctx) => {
    const doc = ctx.studio.document();
    const current = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid);
    if (!current) fail(Code.RequestProcessingFailed, 'The studio has no current program scene.');
    return success({
      sceneName: current.name,
      sceneUuid: current.uuid,
      currentProgramSceneName: current.name,
      currentProgramSceneUuid: current.uuid,
    });
  },

  SetCurrentProgramScene: async (ctx, f) => {
    const scene = findScene(ctx.studio.document(), f);
    unwrap(await ctx.studio.execute('scene.setCurrent', { sceneUuid: scene.uuid }));
    return success();
  },

  GetCurrentPreviewScene: (ctx) => {
    const doc = ctx.studio.document();
    if (!doc.studioMode) fail(Code.StudioModeNotActive);
    const preview = doc.scenes.find((s) => s.uuid === doc.previewSceneUuid);
    if (!preview) fail(Code.RequestProcessingFailed, 'The studio has no current preview scene.');
    return success({
      sceneName: preview.name,
      sceneUuid: preview.uuid,
      currentPreviewSceneName: preview.name,
      currentPreviewSceneUuid: preview.uuid,
    });
  },

  SetCurrentPreviewScene: async (ctx, f) => {
    const doc = ctx.studio.document();
    // OBS checks studio mode before it looks the scene up.
    if (!doc.studioMode) fail(Code.StudioModeNotActive);
    const scene = findScene(doc, f);
    unwrap(await ctx.studio.execute('scene.setPreview', { sceneUuid: scene.uuid }));
    return success();
  },

  CreateScene: async (ctx, f) => {
    const name = f.newName('sceneName');
    if (nameTaken(ctx.studio.document(), name)) fail(Code.ResourceAlreadyExists, 'A source already exists by that scene name.');
    const { sceneUuid } = unwrap(await ctx.studio.execute('scene.create', { name }));
    return success({ sceneUuid });
  },

  RemoveScene: async (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f);
    if (doc.scenes.filter((s) => s.isGroup !== true).length < 2) fail(Code.NotEnoughResources, 'You cannot remove the last scene in the collection.');
    unwrap(await ctx.studio.execute('scene.remove', { sceneUuid: scene.uuid }));
    return success();
  },

  SetSceneName: async (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f);
    const name = f.newName('newSceneName');
    // OBS refuses any existing source name, the scene's own included.
    if (nameTaken(doc, name)) fail(Code.ResourceAlreadyExists, 'A source already exists by that new scene name.');
    unwrap(await ctx.studio.execute('scene.rename', { sceneUuid: scene.uuid, name }));
    return success();
  },
};
