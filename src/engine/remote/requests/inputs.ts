/**
 * Input requests. The mixer requests (mute, volume, balance, sync offset, monitoring, tracks) work on
 * inputs whose kind has audio (input.setAudio); every audio request on the rest is answered as OBS answers it for video-only inputs (604, "The specified input
 * does not support audio.", a comment Companion expects). Fields are checked in OBS's order.
 */
import {
  AUDIO_INPUT,
  AUDIO_OUTPUT_CAPTURE,
  AUDIO_TRACK_COUNT,
  INPUT_KINDS,
  MONITOR_TYPES,
  OBS_MONITOR_TYPES,
  SYNC_OFFSET_LIMITS,
  VOLUME_LIMITS,
  type Input,
  type MixerState,
  type StudioDocument,
} from '../../../shared';
import type { RequestContext } from '../types';
import type { HandlerTable } from './handler';
import { audioInput, findInput, findScene, kindOf } from './lookup';
import { defaultSettings, inputKindCaps, unversioned } from './shapes';
import { Code, fail, success, unwrap } from './status';
import { dbToMul, tracksObject, volumeFields } from './volume';

const nameTaken = (doc: StudioDocument, name: string): boolean =>
  doc.scenes.some((s) => s.name === name) || doc.inputs.some((i) => i.name === name);

const setAudio = async (
  ctx: RequestContext,
  input: Input,
  audio: { muted?: boolean; volumeMul?: number } & Partial<MixerState>,
): Promise<void> => {
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

  // OBS's special inputs are its global Desktop Audio and Mic/Aux devices; here they are the first
  // desktop audio and microphone inputs, in document order, and null where there is none.
  GetSpecialInputs: (ctx) => {
    const names = (kind: string, n: number): (string | null)[] => {
      const found = ctx.studio.document().inputs.filter((i) => i.kind === kind).map((i) => i.name);
      return Array.from({ length: n }, (_, k) => found[k] ?? null);
    };
    const [desktop1, desktop2] = names(AUDIO_OUTPUT_CAPTURE.id, 2);
    const [mic1, mic2, mic3, mic4] = names(AUDIO_INPUT.id, 4);
    return success({ desktop1, desktop2, mic1, mic2, mic3, mic4 });
  },

  CreateInput: async (ctx, f) => {
    const doc = ctx.studio.document();
    const scene = findScene(doc, f, 'either');
    const name = f.newName('inputName');
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
    const name = f.newName('newInputName');
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

  // OBS lists a list property's items; a device list holds the compositing renderer's devices too.
  GetInputPropertiesListPropertyItems: (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const name = f.string('propertyName');
    const prop = kindOf(input.kind)?.properties.find((p) => p.name === name);
    if (!prop) fail(Code.ResourceNotFound, 'Unable to find a property by that name.');
    if (prop.type !== 'list') fail(Code.InvalidResourceType, 'The property found is not a list.');
    const items = prop.options.map((o) => ({ itemName: o.label, itemEnabled: true, itemValue: o.value }));
    if (prop.devices) {
      for (const d of ctx.studio.media.devices()) {
        if (d.kind === prop.devices) items.push({ itemName: d.label || d.deviceId, itemEnabled: true, itemValue: d.deviceId });
      }
    }
    return success({ propertyItems: items });
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

  GetInputAudioBalance: (ctx, f) => success({ inputAudioBalance: audioInput(findInput(ctx.studio.document(), f)).balance }),

  SetInputAudioBalance: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const balance = f.number('inputAudioBalance', 0, 1);
    await setAudio(ctx, audioInput(input), { balance });
    return success();
  },

  GetInputAudioSyncOffset: (ctx, f) =>
    success({ inputAudioSyncOffset: audioInput(findInput(ctx.studio.document(), f)).syncOffsetMs }),

  SetInputAudioSyncOffset: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const ms = f.number('inputAudioSyncOffset', SYNC_OFFSET_LIMITS.minMs, SYNC_OFFSET_LIMITS.maxMs);
    await setAudio(ctx, audioInput(input), { syncOffsetMs: Math.round(ms) });
    return success();
  },

  GetInputAudioMonitorType: (ctx, f) =>
    success({ monitorType: OBS_MONITOR_TYPES[audioInput(findInput(ctx.studio.document(), f)).monitorType] }),

  SetInputAudioMonitorType: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const name = f.string('monitorType');
    const monitorType = MONITOR_TYPES.find((t) => OBS_MONITOR_TYPES[t] === name);
    // OBS quietly reads an unknown name as NONE; a typo should not switch monitoring off unnoticed.
    if (!monitorType) {
      fail(Code.InvalidRequestField, `monitorType must be one of ${MONITOR_TYPES.map((t) => OBS_MONITOR_TYPES[t]).join(', ')}.`);
    }
    await setAudio(ctx, audioInput(input), { monitorType });
    return success();
  },

  GetInputAudioTracks: (ctx, f) => success({ inputAudioTracks: tracksObject(audioInput(findInput(ctx.studio.document(), f)).audioTracks) }),

  // As OBS: keys "1".."6" that are present must be booleans; the rest of the object is ignored.
  SetInputAudioTracks: async (ctx, f) => {
    const input = findInput(ctx.studio.document(), f);
    const given = f.object('inputAudioTracks');
    const audio = audioInput(input);
    const audioTracks = [...audio.audioTracks];
    for (let k = 0; k < AUDIO_TRACK_COUNT; k++) {
      const v = given[String(k + 1)];
      if (v === undefined) continue;
      if (typeof v !== 'boolean') fail(Code.InvalidRequestFieldType, 'The value of one of your tracks is not a boolean.');
      audioTracks[k] = v;
    }
    await setAudio(ctx, audio, { audioTracks });
    return success();
  },
};
