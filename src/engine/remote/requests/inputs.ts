/**
 * Input requests. Mute and volume work on inputs whose kind has audio (input.setAudio); every audio
 * request on the rest is answered as OBS answers it for video-only inputs (604, "The specified input
 * does not support audio.", a comment Companion expects). Fields are checked in OBS's order.
 */
import { INPUT_KINDS, VOLUME_LIMITS, type Input, type StudioDocument } from '../../../shared';
import type { RequestContext } from '../types';
import { stub, type HandlerTable } from './handler';
import { audioInput, findInput, findScene, kindOf, requireAudio } from './lookup';
import { defaultSettings, inputKindCaps, unversioned } from './shapes';
import { Code, fail, success, unwrap } from './status';
import { dbToMul, volumeFields } from './volume';

const nameTaken = (doc: StudioDocument, name: string): boolean =>
  doc.scenes.some((s) => s.name === name) || doc.inputs.some((i) => i.name === name);

const setAudio = async (ctx: RequestContext, input: Input, audio: { muted?: boolean; volumeMul?: number }): Promise<void> => {
  unwrap(await ctx.studio.execute('input.setAudio', { inputUuid: input.uuid, ...audio }));
};

export const inputRequests: HandlerTable = {
  GetInputList: (ctx, f) => {
    const kind = f.optString('inputKind');
    const inputs = ctx.studio
      .document()
      .inputs.filter((i) => kind === undefined || i.kind === kind)
      .map((i) => ({
        inputName: i.name,
        inputUuid: i.uuid,
        inputKind: i.kind,
        unversionedInputKind: unversioned(i.kind),
        inputKindCaps: inputKindCaps(i.kind),
      }));
    return success({ inputs });
  },

  GetInputKindList: (_ctx, f) => {
    const plain = f.optBoolean('unversioned') ?? false;
    return success({ inputKinds: INPUT_KINDS.map((k) => (plain ? unversioned(k.id) : k.id)) });
  },

  // No desktop or mic capture is configured: every special input is null, as in OBS without them.
  GetSpecialInputs: () => success({ desktop1: null, desktop2: null, mic1: null, mic2: null, mic3: null, mic4: null }),

  CreateInput: async (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f);
    const name = f.string('inputName');
    const kind = f.string('inputKind');
    if (nameTaken(doc, name)) fail(Code.ResourceAlreadyExists, 'A source already exists by that input name.');
    if (!kindOf(kind)) {
      fail(
        Code.InvalidInputKind,
        'Your specified input kind is not supported by OBS. Check that your specified kind is properly versioned and that any necessary plugins are loaded.',
      );
    }
    const settings = f.optObject('inputSettings', true);
    const enabled = f.optBoolean('sceneItemEnabled') ?? true;
    const created = unwrap(
      await ctx.studio.execute('input.create', { sceneUuid: scene.uuid, name, kind, ...(settings && { settings }) }),
    );
    if (!enabled) {
      unwrap(await ctx.studio.execute('item.setEnabled', { sceneUuid: scene.uuid, sceneItemId: created.sceneItemId, enabled }));
    }
    return success({ inputUuid: created.inputUuid, sceneItemId: created.sceneItemId });
  },

  RemoveInput: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    unwrap(await ctx.studio.execute('input.remove', { inputUuid: input.uuid }));
    return success();
  },

  SetInputName: async (ctx, f) => {
    const doc = ctx.studio.document();
    const input = findInput(doc, f);
    const name = f.string('newInputName');
    if (nameTaken(doc, name)) fail(Code.ResourceAlreadyExists, 'A source already exists by that new input name.');
    unwrap(await ctx.studio.execute('input.rename', { inputUuid: input.uuid, name }));
    return success();
  },

  GetInputDefaultSettings: (_ctx, f) => {
    const kind = f.string('inputKind');
    if (!kindOf(kind)) fail(Code.InvalidInputKind, `There is no input kind called \`${kind}\`.`);
    return success({ defaultInputSettings: defaultSettings(kind) });
  },

  /** Our settings always hold the defaults too; OBS returns only what differs, a subset of this. */
  GetInputSettings: (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    return success({ inputSettings: structuredClone(input.settings), inputKind: input.kind });
  },

  SetInputSettings: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const settings = f.object('inputSettings', true);
    const overlay = f.optBoolean('overlay') ?? true;
    unwrap(await ctx.studio.execute('input.update', { inputUuid: input.uuid, settings, overlay }));
    return success();
  },

  GetInputMute: (ctx, f) => success({ inputMuted: audioInput(findInput(ctx.studio.document(), f)).muted }),

  SetInputMute: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const muted = f.boolean('inputMuted');
    await setAudio(ctx, audioInput(input), { muted });
    return success();
  },

  ToggleInputMute: async (ctx, f) => {
    const input = audioInput(findInput(ctx.studio.document(), f));
    await setAudio(ctx, input, { muted: !input.muted });
    return success({ inputMuted: !input.muted });
  },

  GetInputVolume: (ctx, f) => success(volumeFields(audioInput(findInput(ctx.studio.document(), f)).volumeMul)),

  // OBS checks the volume fields only after the audio check, then wants exactly one of them.
  SetInputVolume: async (ctx, f) => {
    const input = audioInput(findInput(ctx.studio.document(), f));
    const mul = f.optNumber('inputVolumeMul', 0, VOLUME_LIMITS.maxMul);
    const db = f.optNumber('inputVolumeDb', VOLUME_LIMITS.minDb, VOLUME_LIMITS.maxDb);
    if (mul !== undefined && db !== undefined) fail(Code.TooManyRequestFields, 'You may only specify one volume field.');
    if (mul === undefined && db === undefined) fail(Code.MissingRequestField, 'You must specify one volume field.');
    const volumeMul = mul ?? dbToMul(db!);
    await setAudio(ctx, input, { volumeMul });
    return success();
  },

  GetInputAudioBalance: stub((ctx, f) => requireAudio(findInput(ctx.studio.document(), f))),

  SetInputAudioBalance: stub((ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    f.number('inputAudioBalance', 0, 1);
    return requireAudio(input);
  }),

  GetInputAudioSyncOffset: stub((ctx, f) => requireAudio(findInput(ctx.studio.document(), f))),

  SetInputAudioSyncOffset: stub((ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    f.number('inputAudioSyncOffset', -950, 20000);
    return requireAudio(input);
  }),

  GetInputAudioMonitorType: stub((ctx, f) => requireAudio(findInput(ctx.studio.document(), f))),

  SetInputAudioMonitorType: stub((ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    f.string('monitorType');
    return requireAudio(input);
  }),

  GetInputAudioTracks: stub((ctx, f) => requireAudio(findInput(ctx.studio.document(), f))),

  SetInputAudioTracks: stub((ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    f.object('inputAudioTracks');
    return requireAudio(input);
  }),
};
