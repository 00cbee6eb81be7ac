/**
 * One pure function per document command: (document, parsed args) → the next document, the events
 * that describe the change and the command's result, or an error. No I/O happens here; a secret to
 * write is returned as an effect for the store to apply before it commits, so a failed write leaves
 * the document untouched.
 */
import type * as z from 'zod';
import {
  DEFAULT_TRANSFORM,
  MIXER_DEFAULTS,
  SCOREBOARD,
  Status,
  WEBHOOK_EVENTS,
  fail,
  ok,
  type CommandResult,
  type Destination,
  type EncoderSettings,
  type EventMap,
  type EventType,
  type Input,
  type MonitorType,
  type Rendition,
  type Result,
  type Scene,
  type SceneItem,
  type Settings,
  type StudioDocument,
  type StudioEvent,
  type VideoSettings,
  type Webhook,
} from '../../shared';
import { BUILT_IN_TEMPLATES, applyTemplate, templateFromSettings, validateTemplate } from '../output/encoders/templates';
import type { KindRegistry } from '../kinds/registry';
import { platform } from '../platforms';
import { FILTER_HANDLERS } from './filters';
import { CANVAS_HANDLERS, canvasRefusal, canvasesWithoutScene, withCanvas } from './canvases';
import { TRANSITION_HANDLERS, withSwitchTransition } from './transitions';
import { NESTING_HANDLERS, groupRefusal, removeSceneEverywhere } from './nesting';
import { parseArgs } from './issues';
import { mergeWatermark } from './watermark';
import { reorderScenes } from './scene-order';
import { plainScenes } from '../../shared';
import { encoderSettingsSchema, videoSettingsSchema, type COMMAND_SCHEMAS, type DocumentCommand } from './schemas';

export interface HandlerContext {
  kinds: KindRegistry;
  isLive: () => boolean;
  /** A recording or the replay buffer is writing: the output size must stay (a file keeps one size). */
  writingFiles?: () => boolean;
  newId: () => string;
  /** A fresh random secret (webhook signing keys generated for the user). */
  newSecret: () => string;
}

export interface Change<R> {
  /** The next document; the store bumps its revision when it commits. */
  doc: StudioDocument;
  events: StudioEvent[];
  value: R;
  /** Secrets to write (string) or delete (null) before the change is committed. */
  secrets?: Array<{ name: string; value: string | null }>;
}

export type Args<T extends DocumentCommand> = z.output<(typeof COMMAND_SCHEMAS)[T]>;
export type Handler<T extends DocumentCommand> = (
  doc: StudioDocument,
  args: Args<T>,
  ctx: HandlerContext,
) => Result<Change<CommandResult<T>>>;

/** A rendition with no field set is no rendition: the destination shares the main encoding. */
/** Signing rewrites an RTMP stream name; SRT carries its key elsewhere, so it has no such rule. */
const signable = (server: string): boolean => /^rtmps?:\/\//i.test(server.trim());
const SIGNING_NEEDS_RTMP = 'A signed push URL needs an rtmp:// or rtmps:// server: signing rewrites the stream name, which srt:// does not have.';

function renditionOrNull(r: Rendition | null): Rendition | null {
  if (!r) return null;
  const out: Rendition = {};
  if (r.bitrateKbps !== undefined) out.bitrateKbps = r.bitrateKbps;
  if (r.width !== undefined) out.width = r.width;
  if (r.height !== undefined) out.height = r.height;
  return Object.keys(out).length > 0 ? out : null;
}

/** Kinds whose width/height 0 mean "the canvas size", resolved to numbers when set. */
const CANVAS_SIZED = new Set(['color_source_v3', 'studio_test_pattern']);

export const secretName = (destinationId: string): string => `destination:${destinationId}:key`;
/** The private key a destination signs its push URL with (output/signing.ts). */
export const signingKeyName = (destinationId: string): string => `destination:${destinationId}:signing-key`;
export const webhookSecretName = (webhookId: string): string => `webhook:${webhookId}:secret`;

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const ev = <T extends EventType>(type: T, data: EventMap[T]): StudioEvent => ({ type, data }) as StudioEvent;

const change = <R>(doc: StudioDocument, value: R, ...events: StudioEvent[]): Result<Change<R>> =>
  ok({ doc, events, value });

// ---- lookups ----------------------------------------------------------------------------------

function findScene(doc: StudioDocument, uuid: string): Result<Scene> {
  const s = doc.scenes.find((x) => x.uuid === uuid);
  return s ? ok(s) : fail(Status.ResourceNotFound, `There is no scene with id "${uuid}".`, 'sceneUuid');
}

function findInput(doc: StudioDocument, uuid: string): Result<Input> {
  const i = doc.inputs.find((x) => x.uuid === uuid);
  return i ? ok(i) : fail(Status.ResourceNotFound, `There is no input with id "${uuid}".`, 'inputUuid');
}

function findItem(doc: StudioDocument, sceneUuid: string, sceneItemId: number): Result<{ scene: Scene; item: SceneItem }> {
  const scene = findScene(doc, sceneUuid);
  if (!scene.ok) return scene;
  const item = scene.value.items.find((x) => x.sceneItemId === sceneItemId);
  if (!item) {
    return fail(
      Status.ResourceNotFound,
      `Scene "${scene.value.name}" has no item with id ${sceneItemId}.`,
      'sceneItemId',
    );
  }
  return ok({ scene: scene.value, item });
}

/** Scenes and inputs share one namespace, as all sources do in OBS. */
function nameTaken(doc: StudioDocument, name: string, self?: string): Result<never> | null {
  if (doc.scenes.some((s) => s.name === name && s.uuid !== self)) {
    return fail(Status.ResourceAlreadyExists, `A scene called "${name}" already exists; choose another name.`, 'name');
  }
  if (doc.inputs.some((i) => i.name === name && i.uuid !== self)) {
    return fail(Status.ResourceAlreadyExists, `An input called "${name}" already exists; choose another name.`, 'name');
  }
  return null;
}

const withScene = (doc: StudioDocument, scene: Scene): StudioDocument => ({
  ...doc,
  scenes: doc.scenes.map((s) => (s.uuid === scene.uuid ? scene : s)),
});

const withItem = (doc: StudioDocument, scene: Scene, item: SceneItem): StudioDocument =>
  withScene(doc, { ...scene, items: scene.items.map((x) => (x.sceneItemId === item.sceneItemId ? item : x)) });

const withInput = (doc: StudioDocument, input: Input): StudioDocument => ({
  ...doc,
  inputs: doc.inputs.map((i) => (i.uuid === input.uuid ? input : i)),
});

function sizeToCanvas(kind: string, settings: Settings, doc: StudioDocument): Settings {
  if (!CANVAS_SIZED.has(kind)) return settings;
  const out = { ...settings };
  if (out.width === 0) out.width = doc.video.baseWidth;
  if (out.height === 0) out.height = doc.video.baseHeight;
  return out;
}

/**
 * What may change while live (live reconfiguration, output/stream-output.ts): the bitrate and the
 * encoder's tuning, and the output size unless a file is being written. The canvas and frame rate
 * may not (the renderer and every encoder read them), nor the encoder itself (a destination's
 * connection carries one codec).
 */
function liveRefusal(doc: StudioDocument, video: VideoSettings, encoder: EncoderSettings, ctx: HandlerContext): Result<never> | null {
  if (!ctx.isLive()) return null;
  const v0 = doc.video;
  if (video.baseWidth !== v0.baseWidth || video.baseHeight !== v0.baseHeight) {
    return fail(Status.OutputRunning, 'The canvas (base) size cannot change while live; stop the stream, recording and replay buffer first.', 'baseWidth');
  }
  if (video.fpsNumerator !== v0.fpsNumerator || video.fpsDenominator !== v0.fpsDenominator) {
    return fail(Status.OutputRunning, 'The frame rate cannot change while live; stop the stream, recording and replay buffer first.', 'fpsNumerator');
  }
  if (encoder.encoder !== doc.output.encoder.encoder) {
    return fail(
      Status.OutputRunning,
      'The encoder cannot be swapped while live (its bitrate, preset, keyframe interval, profile and B-frames can); stop the outputs to choose another one.',
      'encoder',
    );
  }
  if ((video.outputWidth !== v0.outputWidth || video.outputHeight !== v0.outputHeight) && ctx.writingFiles?.()) {
    return fail(
      Status.OutputRunning,
      'The output size cannot change while recording or while the replay buffer runs (a file keeps one size); stop them first, or give a destination a rendition of that size.',
      'outputWidth',
    );
  }
  return null;
}

/** obs-websocket's 506, in words a user can act on. */
const studioModeOff = (what: string) =>
  fail(Status.StudioModeNotActive, `Turn studio mode on to ${what}; without it, scene changes go straight to program.`);

// ---- handlers -----------------------------------------------------------------------------------

const HANDLERS: { [T in DocumentCommand]: Handler<T> } = {
  ...FILTER_HANDLERS,
  ...TRANSITION_HANDLERS,
  ...NESTING_HANDLERS,
  ...CANVAS_HANDLERS,

  'scene.create': (doc, { name }, ctx) => {
    const taken = nameTaken(doc, name);
    if (taken) return taken;
    const scene: Scene = { uuid: ctx.newId(), name, items: [], nextItemId: 1, filters: [] };
    return change({ ...doc, scenes: [...doc.scenes, scene] }, { sceneUuid: scene.uuid }, ev('scene.created', {
      sceneUuid: scene.uuid,
      sceneName: name,
    }));
  },

  'scene.remove': (doc, { sceneUuid }) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    if (!found.value.isGroup && doc.scenes.filter((s) => !s.isGroup).length === 1) {
      return fail(Status.InvalidResourceState, 'The last scene cannot be removed; add another scene first.', 'sceneUuid');
    }
    const at = doc.scenes.indexOf(found.value);
    // As OBS: the scene's items in other scenes (nested) and the groups it holds go with it.
    const removed = removeSceneEverywhere(doc, sceneUuid);
    const scenes = removed.doc.scenes;
    const events = removed.events;
    let currentSceneUuid = doc.currentSceneUuid;
    if (currentSceneUuid === sceneUuid) {
      // The scene that moved into its place, or the one before it when it was last.
      const plain = scenes.filter((s) => !s.isGroup);
      const next = plain[Math.min(doc.scenes.slice(0, at).filter((s) => !s.isGroup).length, plain.length - 1)]!;
      currentSceneUuid = next.uuid;
      events.push(ev('scene.currentChanged', { sceneUuid: next.uuid, sceneName: next.name }));
    }
    let previewSceneUuid = doc.previewSceneUuid;
    if (previewSceneUuid === sceneUuid) {
      // Preview never points at nothing: it falls back to whatever is on program now.
      previewSceneUuid = currentSceneUuid;
      const program = scenes.find((s) => s.uuid === currentSceneUuid)!;
      events.push(ev('scene.previewChanged', { sceneUuid: program.uuid, sceneName: program.name }));
    }
    return change({ ...doc, scenes, currentSceneUuid, previewSceneUuid, ...canvasesWithoutScene(doc, sceneUuid) }, null, ...events);
  },

  'scene.rename': (doc, { sceneUuid, name }) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const taken = nameTaken(doc, name, sceneUuid);
    if (taken) return taken;
    return change(
      withScene(doc, { ...found.value, name }),
      null,
      ev('scene.renamed', { sceneUuid, oldName: found.value.name, sceneName: name }),
    );
  },

  'scene.setCurrent': (doc, { sceneUuid, transition }, ctx) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const group = groupRefusal(doc, found.value, 'on program');
    if (group) return group;
    // Already on program: nothing happens and nobody hears of it, as in OBS (no transition either).
    if (doc.currentSceneUuid === sceneUuid) return change(doc, null);
    const next = withSwitchTransition(doc, sceneUuid, transition, ctx);
    if (!next.ok) return next;
    return change(
      { ...next.value, currentSceneUuid: sceneUuid },
      null,
      ev('scene.currentChanged', { sceneUuid, sceneName: found.value.name }),
    );
  },

  'scene.setPreview': (doc, { sceneUuid }) => {
    if (!doc.studioMode) return studioModeOff('set a preview scene');
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const group = groupRefusal(doc, found.value, 'on preview');
    if (group) return group;
    if (doc.previewSceneUuid === sceneUuid) return change(doc, null);
    return change(
      { ...doc, previewSceneUuid: sceneUuid },
      null,
      ev('scene.previewChanged', { sceneUuid, sceneName: found.value.name }),
    );
  },

  'scene.setIndex': (doc, { sceneUuid, index }) => {
    const found = findScene(doc, sceneUuid);
    if (!found.ok) return found;
    const group = groupRefusal(doc, found.value, 'moved in the Scenes list');
    if (group) return group;
    const scenes = reorderScenes(doc.scenes, sceneUuid, index);
    if (!scenes.ok) return scenes;
    if (scenes.value === doc.scenes) return change(doc, null);
    const next = { ...doc, scenes: scenes.value };
    return change(next, null, ev('scene.reordered', { sceneUuids: plainScenes(next).map((s) => s.uuid) }));
  },

  'studio.setMode': (doc, { enabled }) => {
    if (doc.studioMode === enabled) return change(doc, null);
    if (!enabled) return change({ ...doc, studioMode: false }, null, ev('studio.modeChanged', { enabled }));
    // Entering studio mode starts with program on preview too, as OBS does.
    const program = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid)!;
    return change(
      { ...doc, studioMode: true, previewSceneUuid: program.uuid },
      null,
      ev('studio.modeChanged', { enabled }),
      ev('scene.previewChanged', { sceneUuid: program.uuid, sceneName: program.name }),
    );
  },

  'studio.take': (doc) => {
    if (!doc.studioMode) return studioModeOff('take');
    if (doc.previewSceneUuid === doc.currentSceneUuid) return change(doc, null);
    const preview = doc.scenes.find((s) => s.uuid === doc.previewSceneUuid)!;
    const program = doc.scenes.find((s) => s.uuid === doc.currentSceneUuid)!;
    // A cut, then OBS's default swap: what was on air waits on preview for the next take.
    const { switchTransition: _once, ...rest } = doc;
    return change(
      { ...rest, currentSceneUuid: preview.uuid, previewSceneUuid: program.uuid },
      null,
      ev('scene.currentChanged', { sceneUuid: preview.uuid, sceneName: preview.name }),
      ev('scene.previewChanged', { sceneUuid: program.uuid, sceneName: program.name }),
    );
  },

  'input.create': (doc, args, ctx) => {
    const scene = findScene(doc, args.sceneUuid);
    if (!scene.ok) return scene;
    const kind = ctx.kinds.get(args.kind);
    if (!kind || kind.category !== 'input') {
      return fail(Status.InvalidInputKind, `There is no input kind called "${args.kind}".`, 'kind');
    }
    const taken = nameTaken(doc, args.name);
    if (taken) return taken;
    const settings = ctx.kinds.validateSettings(kind.id, args.settings ?? {});
    if (!settings.ok) return settings;
    const input: Input = {
      uuid: ctx.newId(),
      name: args.name,
      kind: kind.id,
      settings: sizeToCanvas(kind.id, settings.value, doc),
      muted: false,
      volumeMul: 1,
      filters: [],
      ...MIXER_DEFAULTS,
      audioTracks: [...MIXER_DEFAULTS.audioTracks],
    };
    const item: SceneItem = {
      sceneItemId: scene.value.nextItemId,
      sourceUuid: input.uuid,
      enabled: true,
      locked: false,
      transform: { ...DEFAULT_TRANSFORM, ...args.transform },
    };
    const next = withScene(
      { ...doc, inputs: [...doc.inputs, input] },
      { ...scene.value, items: [...scene.value.items, item], nextItemId: scene.value.nextItemId + 1 },
    );
    return change(
      next,
      { inputUuid: input.uuid, sceneItemId: item.sceneItemId },
      ev('input.created', { inputUuid: input.uuid, inputName: input.name, kind: input.kind }),
      ev('item.created', {
        sceneUuid: scene.value.uuid,
        sceneItemId: item.sceneItemId,
        sourceUuid: input.uuid,
        index: scene.value.items.length,
      }),
    );
  },

  'input.update': (doc, { inputUuid, settings, overlay }, ctx) => {
    const found = findInput(doc, inputUuid);
    if (!found.ok) return found;
    // OBS's SetInputSettings overlays by default; overlay=false starts again from the defaults.
    const merged = ctx.kinds.validateSettings(found.value.kind, settings, overlay === false ? undefined : found.value.settings);
    if (!merged.ok) return merged;
    const input = { ...found.value, settings: sizeToCanvas(found.value.kind, merged.value, doc) };
    return change(
      withInput(doc, input),
      null,
      ev('input.settingsChanged', { inputUuid, inputName: input.name }),
    );
  },

  'input.addScore': (doc, { inputUuid, side, delta }) => {
    const found = findInput(doc, inputUuid);
    if (!found.ok) return found;
    const input = found.value;
    if (input.kind !== SCOREBOARD.id) return fail(Status.InvalidResourceType, `The input "${input.name}" is a ${input.kind}, not a scoreboard.`, 'inputUuid');
    const key = `${side}_score`;
    const now = input.settings[key];
    const score = Math.min(9999, Math.max(0, (typeof now === 'number' && Number.isFinite(now) ? now : 0) + delta));
    return change(
      withInput(doc, { ...input, settings: { ...input.settings, [key]: score } }),
      { score },
      ev('input.settingsChanged', { inputUuid, inputName: input.name }),
    );
  },

  'input.rename': (doc, { inputUuid, name }) => {
    const found = findInput(doc, inputUuid);
    if (!found.ok) return found;
    const taken = nameTaken(doc, name, inputUuid);
    if (taken) return taken;
    return change(
      withInput(doc, { ...found.value, name }),
      null,
      ev('input.renamed', { inputUuid, oldName: found.value.name, inputName: name }),
    );
  },

  'input.remove': (doc, { inputUuid }) => {
    const found = findInput(doc, inputUuid);
    if (!found.ok) return found;
    const events: StudioEvent[] = [];
    const scenes = doc.scenes.map((scene) => {
      const gone = scene.items.filter((i) => i.sourceUuid === inputUuid);
      if (gone.length === 0) return scene;
      for (const i of gone) {
        events.push(ev('item.removed', { sceneUuid: scene.uuid, sceneItemId: i.sceneItemId, sourceUuid: inputUuid }));
      }
      return { ...scene, items: scene.items.filter((i) => i.sourceUuid !== inputUuid) };
    });
    events.push(ev('input.removed', { inputUuid, inputName: found.value.name }));
    return change({ ...doc, scenes, inputs: doc.inputs.filter((i) => i !== found.value) }, null, ...events);
  },

  'input.setAudio': (doc, { inputUuid, ...mix }, ctx) => {
    const found = findInput(doc, inputUuid);
    if (!found.ok) return found;
    // OBS's wording for an input without OBS_SOURCE_AUDIO, so remote clients read the same reason.
    if (!ctx.kinds.get(found.value.kind)?.audio) {
      return fail(Status.InvalidResourceState, `"${found.value.name}" does not support audio, so it has no mute or volume.`, 'inputUuid');
    }
    const was = found.value;
    const input: Input = {
      ...was,
      muted: mix.muted ?? was.muted,
      volumeMul: mix.volumeMul ?? was.volumeMul,
      balance: mix.balance ?? was.balance,
      syncOffsetMs: mix.syncOffsetMs ?? was.syncOffsetMs,
      monitorType: (mix.monitorType as MonitorType | undefined) ?? was.monitorType,
      audioTracks: mix.audioTracks ? [...mix.audioTracks] : was.audioTracks,
    };
    const same =
      input.muted === was.muted &&
      input.volumeMul === was.volumeMul &&
      input.balance === was.balance &&
      input.syncOffsetMs === was.syncOffsetMs &&
      input.monitorType === was.monitorType &&
      input.audioTracks.every((t, k) => t === was.audioTracks[k]);
    if (same) return change(doc, null);
    return change(
      withInput(doc, input),
      null,
      ev('input.audioChanged', {
        inputUuid,
        inputName: input.name,
        muted: input.muted,
        volumeMul: input.volumeMul,
        balance: input.balance,
        syncOffsetMs: input.syncOffsetMs,
        monitorType: input.monitorType,
        audioTracks: [...input.audioTracks],
      }),
    );
  },

  'item.setTransform': (doc, { sceneUuid, sceneItemId, transform }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    const { scene, item } = found.value;
    return change(
      withItem(doc, scene, { ...item, transform: { ...item.transform, ...transform } }),
      null,
      ev('item.transformChanged', { sceneUuid, sceneItemId }),
    );
  },

  'item.setEnabled': (doc, { sceneUuid, sceneItemId, enabled }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    // Unchanged: no event, as libobs sends no signal then.
    if (found.value.item.enabled === enabled) return change(doc, null);
    return change(
      withItem(doc, found.value.scene, { ...found.value.item, enabled }),
      null,
      ev('item.enabledChanged', { sceneUuid, sceneItemId, enabled }),
    );
  },

  'item.setLocked': (doc, { sceneUuid, sceneItemId, locked }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    if (found.value.item.locked === locked) return change(doc, null);
    return change(
      withItem(doc, found.value.scene, { ...found.value.item, locked }),
      null,
      ev('item.lockedChanged', { sceneUuid, sceneItemId, locked }),
    );
  },

  'item.setBlendMode': (doc, { sceneUuid, sceneItemId, blendMode }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    // Normal is stored as absent, so collections stay as they were for items that never changed.
    const { blendMode: _old, ...item } = found.value.item;
    return change(withItem(doc, found.value.scene, blendMode === 'OBS_BLEND_NORMAL' ? item : { ...item, blendMode }), null);
  },

  'item.setIndex': (doc, { sceneUuid, sceneItemId, index }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    const { scene, item } = found.value;
    // Like OBS, an index past the top puts the item on top rather than failing.
    const to = Math.min(index, scene.items.length - 1);
    const items = scene.items.filter((x) => x !== item);
    items.splice(to, 0, item);
    return change(withScene(doc, { ...scene, items }), null, ev('item.reordered', { sceneUuid }));
  },

  'item.remove': (doc, { sceneUuid, sceneItemId }) => {
    const found = findItem(doc, sceneUuid, sceneItemId);
    if (!found.ok) return found;
    const { scene, item } = found.value;
    // A group goes with its one item, as in OBS (its items with it).
    if (doc.scenes.some((s) => s.uuid === item.sourceUuid && s.isGroup)) {
      const removed = removeSceneEverywhere(doc, item.sourceUuid);
      return ok({ doc: removed.doc, events: removed.events, value: null });
    }
    return change(
      withScene(doc, { ...scene, items: scene.items.filter((x) => x !== item) }),
      null,
      ev('item.removed', { sceneUuid, sceneItemId, sourceUuid: item.sourceUuid }),
    );
  },

  'video.set': (doc, patch, ctx) => {
    const cur = doc.video;
    const next = { ...cur, ...patch };
    // An output size that tracked the canvas keeps tracking it unless the caller sets it.
    const tracked = cur.outputWidth === cur.baseWidth && cur.outputHeight === cur.baseHeight;
    if (tracked && patch.outputWidth === undefined && patch.outputHeight === undefined) {
      next.outputWidth = next.baseWidth;
      next.outputHeight = next.baseHeight;
    }
    const valid = parseArgs(videoSettingsSchema, next);
    if (!valid.ok) return valid;
    const refused = liveRefusal(doc, valid.value, doc.output.encoder, ctx);
    if (refused) return refused;
    return change({ ...doc, video: valid.value }, null, ev('video.changed', {}));
  },

  'output.setEncoder': (doc, patch, ctx) => {
    const valid = parseArgs(encoderSettingsSchema, { ...doc.output.encoder, ...patch });
    if (!valid.ok) return valid;
    const refused = liveRefusal(doc, doc.video, valid.value, ctx);
    if (refused) return refused;
    return change({ ...doc, output: { ...doc.output, encoder: valid.value } }, null);
  },

  'output.setFfmpegPath': (doc, { ffmpegPath }) =>
    change({ ...doc, output: { ...doc.output, ffmpegPath } }, null),

  'output.setRecording': (doc, patch, ctx) => {
    const kind = patch.replayTransitionKind;
    if (kind && ctx.kinds.get(kind)?.category !== 'transition') {
      const known = ctx.kinds.list('transition').map((t) => t.id).join(', ');
      return fail(Status.InvalidRequestField, `replayTransitionKind: there is no transition kind called "${kind}"; the kinds are ${known}.`, 'replayTransitionKind');
    }
    // The canvas must exist now; whether it is on is checked when the recording starts.
    const noCanvas = patch.canvas === undefined ? null : canvasRefusal(doc, patch.canvas);
    if (noCanvas) return noCanvas;
    const recording = { ...doc.output.recording, ...patch };
    return change({ ...doc, output: { ...doc.output, recording } }, null);
  },

  'output.setScreenshots': (doc, patch) => change({ ...doc, output: { ...doc.output, screenshots: { ...doc.output.screenshots, ...patch } } }, null),
  'output.setUplink': (doc, { uplinkKbps }) => change({ ...doc, output: { ...doc.output, uplinkKbps } }, null),
  'watermark.set': (doc, args) => change({ ...doc, watermark: mergeWatermark(doc.watermark, args) }, null),

  'template.save': (doc, { name, overwrite }) => {
    const others = doc.output.templates.filter((t) => !(overwrite && sameName(t.name, name)));
    const made = validateTemplate(templateFromSettings(name, doc.output.encoder, doc.video), others.map((t) => t.name));
    if (!made.ok) return made;
    const kept = doc.output.templates.some((t) => sameName(t.name, name))
      ? doc.output.templates.map((t) => (sameName(t.name, name) ? made.value : t))
      : [...doc.output.templates, made.value];
    return change({ ...doc, output: { ...doc.output, templates: kept } }, null);
  },

  'template.apply': (doc, { name }, ctx) => {
    const t = [...BUILT_IN_TEMPLATES, ...doc.output.templates].find((x) => sameName(x.name, name));
    if (!t) return fail(Status.ResourceNotFound, `There is no encoder template named "${name}".`, 'name');
    const applied = applyTemplate(t, doc.output.encoder);
    const valid = parseArgs(encoderSettingsSchema, applied.encoder);
    if (!valid.ok) return valid;
    let video = doc.video;
    if (applied.video) {
      const v = parseArgs(videoSettingsSchema, { ...doc.video, ...applied.video });
      if (!v.ok) return v;
      video = v.value;
    }
    const refused = liveRefusal(doc, video, valid.value, ctx);
    if (refused) return refused;
    const events = video === doc.video ? [] : [ev('video.changed', {})];
    return ok({ doc: { ...doc, video, output: { ...doc.output, encoder: valid.value } }, events, value: null });
  },

  'template.remove': (doc, { name }) => {
    if (BUILT_IN_TEMPLATES.some((t) => sameName(t.name, name))) {
      return fail(Status.InvalidRequestField, `"${name}" is a built-in template and cannot be removed.`, 'name');
    }
    if (!doc.output.templates.some((t) => sameName(t.name, name))) {
      return fail(Status.ResourceNotFound, `There is no saved encoder template named "${name}".`, 'name');
    }
    const templates = doc.output.templates.filter((t) => !sameName(t.name, name));
    return change({ ...doc, output: { ...doc.output, templates } }, null);
  },

  'webhook.upsert': (doc, args, ctx) => {
    let hook: Webhook;
    let generated: string | null = null;
    if (args.id !== undefined) {
      const cur = doc.webhooks.find((w) => w.id === args.id);
      if (!cur) return fail(Status.ResourceNotFound, `There is no webhook with id "${args.id}".`, 'id');
      hook = {
        ...cur,
        ...(args.name !== undefined && { name: args.name }),
        ...(args.url !== undefined && { url: args.url }),
        ...(args.enabled !== undefined && { enabled: args.enabled }),
        ...(args.events !== undefined && { events: args.events }),
      };
    } else {
      if (args.url === undefined) return fail(Status.MissingRequestField, 'url is required to add a webhook.', 'url');
      if (args.secret === undefined) generated = ctx.newSecret();
      hook = {
        id: ctx.newId(),
        name: args.name ?? new URL(args.url).hostname,
        url: args.url,
        enabled: args.enabled ?? true,
        events: args.events ?? [...WEBHOOK_EVENTS],
        hasSecret: true,
      };
    }
    const value = args.secret ?? generated;
    const secrets = value === null ? [] : [{ name: webhookSecretName(hook.id), value }];
    const exists = doc.webhooks.some((w) => w.id === hook.id);
    const webhooks = exists ? doc.webhooks.map((w) => (w.id === hook.id ? hook : w)) : [...doc.webhooks, hook];
    return ok({ doc: { ...doc, webhooks }, events: [], value: { id: hook.id, secret: generated }, secrets });
  },

  'remoteControl.set': (doc, patch) => change({ ...doc, remoteControl: { ...doc.remoteControl, ...patch } }, null),
  'hotkey.bind': (doc, { name, contextUuid, keys }) => {
    const others = doc.hotkeys.filter((b) => !(b.name === name && b.contextUuid === contextUuid));
    const binding = { name, ...(contextUuid !== undefined && { contextUuid }), keys };
    return change({ ...doc, hotkeys: keys.length > 0 ? [...others, binding] : others }, null);
  },
  'webhook.remove': (doc, { id }) => {
    if (!doc.webhooks.some((w) => w.id === id)) return fail(Status.ResourceNotFound, `There is no webhook with id "${id}".`, 'id');
    return ok({
      doc: { ...doc, webhooks: doc.webhooks.filter((w) => w.id !== id) },
      events: [],
      value: null,
      secrets: [{ name: webhookSecretName(id), value: null }],
    });
  },

  'destination.upsert': (doc, args, ctx) => {
    let dest: Destination;
    if (args.id !== undefined) {
      const cur = doc.destinations.find((d) => d.id === args.id);
      if (!cur) return fail(Status.ResourceNotFound, `There is no destination with id "${args.id}".`, 'id');
      dest = {
        ...cur,
        ...(args.name !== undefined && { name: args.name }),
        ...(args.server !== undefined && { server: args.server }),
        ...(args.enabled !== undefined && { enabled: args.enabled }),
        ...(args.preset !== undefined && { preset: args.preset }),
        ...(args.audioOnly !== undefined && { audioOnly: args.audioOnly }),
        ...(args.audioTrack !== undefined && { audioTrack: args.audioTrack }),
        ...(args.rendition !== undefined && { rendition: renditionOrNull(args.rendition) }),
        ...(args.audience !== undefined && { audience: args.audience }),
      };
      if (args.server !== undefined && cur.signing && !signable(args.server)) {
        return fail(Status.InvalidRequestField, SIGNING_NEEDS_RTMP, 'server');
      }
    } else {
      // A platform preset brings its default server; a custom destination must name one.
      const preset = platform(args.preset ?? 'custom');
      const server = args.server ?? preset?.servers[0]?.url;
      if (server === undefined) {
        return fail(Status.MissingRequestField, 'server is required to add a destination.', 'server');
      }
      dest = {
        id: ctx.newId(),
        name: args.name ?? (preset && preset.id !== 'custom' ? preset.name : new URL(server).hostname),
        enabled: args.enabled ?? true,
        server,
        hasKey: false,
        preset: args.preset ?? 'custom',
        audioOnly: args.audioOnly ?? false,
        rendition: renditionOrNull(args.rendition ?? null),
        audioTrack: args.audioTrack ?? 1,
        signing: null,
        audience: args.audience ?? null,
      };
    }
    const secrets: NonNullable<Change<unknown>['secrets']> = [];
    if (args.key !== undefined) {
      secrets.push({ name: secretName(dest.id), value: args.key === '' ? null : args.key });
      dest = { ...dest, hasKey: args.key !== '' };
    }
    if (args.signing === null) {
      secrets.push({ name: signingKeyName(dest.id), value: null });
      dest = { ...dest, signing: null };
    } else if (args.signing !== undefined) {
      const { scheme, privateKey, offsetSeconds } = args.signing;
      if (!signable(dest.server)) return fail(Status.InvalidRequestField, SIGNING_NEEDS_RTMP, 'signing');
      const hasSigningKey = privateKey !== undefined ? privateKey !== '' : (dest.signing?.hasSigningKey ?? false);
      if (!hasSigningKey) {
        return fail(Status.MissingRequestField, 'signing.privateKey is required: the URL cannot be signed without the private key.', 'signing.privateKey');
      }
      if (privateKey !== undefined) secrets.push({ name: signingKeyName(dest.id), value: privateKey });
      dest = { ...dest, signing: { scheme, offsetSeconds: offsetSeconds ?? dest.signing?.offsetSeconds ?? 0, hasSigningKey } };
    }
    if (args.canvas !== undefined) {
      const refused = canvasRefusal(doc, args.canvas);
      if (refused) return refused;
      dest = withCanvas(dest, args.canvas);
    }
    const exists = doc.destinations.some((d) => d.id === dest.id);
    const destinations = exists
      ? doc.destinations.map((d) => (d.id === dest.id ? dest : d))
      : [...doc.destinations, dest];
    return ok({ doc: { ...doc, destinations }, events: [], value: { id: dest.id }, secrets });
  },

  'destination.remove': (doc, { id }) => {
    const cur = doc.destinations.find((d) => d.id === id);
    if (!cur) return fail(Status.ResourceNotFound, `There is no destination with id "${id}".`, 'id');
    return ok({
      doc: { ...doc, destinations: doc.destinations.filter((d) => d !== cur) },
      events: [],
      value: null,
      secrets: [
        { name: secretName(id), value: null },
        { name: signingKeyName(id), value: null },
      ],
    });
  },
};

/**
 * Runs the handler for `type` on already-parsed args. The map is keyed by command, so the cast only
 * erases the correlation TypeScript cannot follow through an indexed access.
 */
export function applyCommand(
  type: DocumentCommand,
  doc: StudioDocument,
  args: unknown,
  ctx: HandlerContext,
): Result<Change<unknown>> {
  const handler = HANDLERS[type] as unknown as (d: StudioDocument, a: unknown, c: HandlerContext) => Result<Change<unknown>>;
  return handler(doc, args, ctx);
}
