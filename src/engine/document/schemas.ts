/**
 * zod schemas for every document command's args, and for the saved document parts (persistence
 * reuses them so a file is held to the same rules as a command). Messages that are phrases
 * ("must be …") get the field name put in front by ./issues.ts.
 */
import path from 'node:path';
import * as z from 'zod';
import { BOUNDS_TYPES, CANVAS_ID_PATTERN, TRANSITION_DURATION_MS } from '../../shared';
import { watermarkChangeSchema } from './watermark';
import { CANVAS_SCHEMAS } from './canvases';
import { BLEND_MODES, AUDIO_TRACK_COUNT, MIXER_DEFAULTS, MONITOR_TYPES, SIGNING_SCHEMES, SYNC_OFFSET_LIMITS, VIDEO_LIMITS, VOLUME_LIMITS, WEBHOOK_EVENTS, type CommandArgs, type CommandType } from '../../shared';
import { ENCODER_NAMES } from '../output/encoders/catalog';
import { MAX_REPLAY_MB, MAX_REPLAY_SECONDS } from '../../shared/replay';
import { PRESET_IDS } from '../platforms';

/** Commands that act on the running output rather than the document (routed in studio.ts). */
export const OUTPUT_COMMANDS = ['destination.start', 'destination.stop', 'destination.reconnect'] as const;

/**
 * Commands the document store handles. The rest are routed in studio.ts: stream.*, record.*,
 * encoder.* and OUTPUT_COMMANDS to the output side, stats.* to the stats monitor, remote.* to the
 * remote control, renderer.* to the renderer hub, history.* to the store's undo history, and the read-only or outward-facing ones
 * (template.list, webhook.test) to their modules, so they never bump the document's revision.
 */
export type DocumentCommand = Exclude<
  CommandType,
  | `stream.${string}`
  | `record.${string}`
  | `replay.${string}`
  | `encoder.${string}`
  | `stats.${string}`
  | `renderer.${string}`
  | `remote.${string}`
  | `media.${string}`
  | `history.${string}`
  | 'hotkey.list'
  | 'hotkey.trigger'
  | 'hotkey.triggerKeys'
  | `collection.${string}`
  | `profile.${string}`
  | 'template.list'
  | 'webhook.test'
  | 'input.pressButton'
  | 'studio.about'
  | (typeof OUTPUT_COMMANDS)[number]
>;

export const NAME_MAX = 256;
/** A web origin as browsers send it: scheme://host[:port], nothing after. */
const webOrigin = z
  .string()
  .max(300)
  .refine(
    (o) => {
      try {
        const u = new URL(o);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o;
      } catch {
        return false;
      }
    },
    { error: 'must be a web origin such as https://companion.example (no path)' },
  );
const remoteControlShape = { tls: z.boolean(), allowedOrigins: z.array(webOrigin).max(50) };
export const remoteControlSchema = z.object(remoteControlShape);

export const keyComboSchema = z.strictObject({
  key: z.string().regex(/^OBS_KEY_[A-Z0-9_]{1,24}$/, { error: 'must be an OBS key id such as OBS_KEY_F1' }),
  shift: z.boolean(),
  control: z.boolean(),
  alt: z.boolean(),
  command: z.boolean(),
});
/** Saved bindings: unknown keys in a combo are dropped rather than failing the whole profile. */
export const hotkeyBindingSchema = z.object({
  name: z.string().min(1).max(200),
  contextUuid: z.string().max(64).optional(),
  keys: z.array(z.object(keyComboSchema.shape)).max(8),
});

/** OBS's hotkey names: dotted identifiers (OBSBasic.StartStreaming, libobs.show_scene_item.3). */
const hotkeyName = z.string().regex(/^[A-Za-z][\w.-]{0,199}$/, { error: 'must be a hotkey name such as OBSBasic.StartStreaming' });
export const STREAM_KEY_MAX = 512;
/** 'auto' picks the best encoder that passed its test encode; a name asks for that one. */
export const ENCODERS = ['auto', ...ENCODER_NAMES] as const;
export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
  'placebo',
] as const;
export const H264_PROFILES = ['baseline', 'main', 'high'] as const;
export const AUDIO_BITRATES = [64, 96, 128, 160, 192, 256, 320] as const;
/** OBS alignment values: center, or any sensible mix of left/right with top/bottom. */
export const ALIGNMENTS = [0, 1, 2, 4, 5, 6, 8, 9, 10] as const;
export const DESTINATION_PROTOCOLS = ['rtmp:', 'rtmps:', 'srt:'] as const;

// ---- building blocks --------------------------------------------------------------------------

const name = z.string().trim().min(1).max(NAME_MAX);
const id = z.string().trim().min(1).max(200);
const itemId = z.int().min(0);
const settings = z.record(z.string(), z.unknown());
const volumeMul = z.number().min(0).max(VOLUME_LIMITS.maxMul);
const balance = z.number().min(0).max(1);
const syncOffsetMs = z.int().min(SYNC_OFFSET_LIMITS.minMs).max(SYNC_OFFSET_LIMITS.maxMs);
const monitorType = z.enum(MONITOR_TYPES as [string, ...string[]] as ['none', 'monitorOnly', 'monitorAndOutput']);
const audioTracks = z.array(z.boolean()).length(AUDIO_TRACK_COUNT);
const even = (n: number) => n % 2 === 0;
const EVEN_MSG = 'must be an even number (NV12 and x264 need even frame sizes)';
const byFour = (n: number) => n % 4 === 0;
/** The compositor packs four luma samples per RGBA texel when it converts to NV12 on the GPU. */
const BY_FOUR_MSG = 'must be a multiple of 4 (the GPU packs four pixels at a time), e.g. 1280, 1920 or 848';

const transformShape = {
  positionX: z.number(),
  positionY: z.number(),
  rotation: z.number(),
  scaleX: z.number().min(-1000).max(1000).refine((v) => v !== 0, { error: 'must not be zero' }),
  scaleY: z.number().min(-1000).max(1000).refine((v) => v !== 0, { error: 'must not be zero' }),
  alignment: z.literal(ALIGNMENTS, {
    error: 'must be an OBS alignment: 0 (center), 1 left, 2 right, 4 top, 8 bottom, or a sum such as 5 (top-left)',
  }),
  cropLeft: z.int().min(0),
  cropRight: z.int().min(0),
  cropTop: z.int().min(0),
  cropBottom: z.int().min(0),
  boundsType: z.enum(BOUNDS_TYPES).optional(),
  boundsAlignment: z
    .literal(ALIGNMENTS, { error: 'must be an OBS alignment: 0 (center), 1 left, 2 right, 4 top, 8 bottom, or a sum such as 5 (top-left)' })
    .optional(),
  boundsWidth: z.number().min(1).max(90001).optional(),
  boundsHeight: z.number().min(1).max(90001).optional(),
  cropToBounds: z.boolean().optional(),
};
const transformPatch = z.strictObject(transformShape).partial();

const videoShape = {
  baseWidth: z.int().min(VIDEO_LIMITS.minWidth).max(VIDEO_LIMITS.maxWidth).refine(byFour, { error: BY_FOUR_MSG }),
  baseHeight: z.int().min(VIDEO_LIMITS.minHeight).max(VIDEO_LIMITS.maxHeight).refine(even, { error: EVEN_MSG }),
  outputWidth: z.int().min(VIDEO_LIMITS.minWidth).max(VIDEO_LIMITS.maxWidth).refine(even, { error: EVEN_MSG }),
  outputHeight: z.int().min(VIDEO_LIMITS.minHeight).max(VIDEO_LIMITS.maxHeight).refine(even, { error: EVEN_MSG }),
  fpsNumerator: z.int().min(1).max(1_000_000),
  fpsDenominator: z.int().min(1).max(1_000_000),
};

/** The frame rate the two fields make must be 1 to 60 fps. */
function checkFps(ctx: z.core.ParsePayload<{ fpsNumerator: number; fpsDenominator: number }>): void {
  const fps = ctx.value.fpsNumerator / ctx.value.fpsDenominator;
  if (fps < 1 || fps > VIDEO_LIMITS.maxFps) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value.fpsNumerator,
      path: ['fpsNumerator'],
      message: `must give a frame rate from 1 to ${VIDEO_LIMITS.maxFps} fps (fpsNumerator / fpsDenominator)`,
    });
  }
}

/** A complete VideoSettings: the fields, plus a frame rate of 1 to 60 fps. */
export const videoSettingsSchema = z.object(videoShape).check(checkFps);

const encoderShape = {
  encoder: z.enum(ENCODERS),
  rateControl: z.enum(['CBR', 'VBR']),
  bitrateKbps: z.int().min(200).max(50_000),
  keyframeIntervalSec: z.int().min(1).max(20),
  preset: z.enum(X264_PRESETS),
  profile: z.enum(H264_PROFILES),
  bFrames: z.int().min(0).max(4),
  audioBitrateKbps: z.literal(AUDIO_BITRATES),
};
export const encoderSettingsSchema = z.object(encoderShape);

/** Characters no file name may hold on Windows, macOS or Linux, plus path separators. */
const FILE_NAME_BAD = /[\u0000-\u001f\u007f<>:"/\\|?*]/;

/** A mixer track number as OBS's UI and obs-websocket count them. */
export const audioTrack = z.int().min(1).max(AUDIO_TRACK_COUNT);
const recordingTracks = z
  .array(audioTrack)
  .min(1, { error: 'must name at least one track (1..6)' })
  .max(AUDIO_TRACK_COUNT)
  .refine((t) => new Set(t).size === t.length, { error: 'must not name a track twice' })
  .transform((t) => [...t].sort((a, b) => a - b));

const recordingShape = {
  folder: z
    .string()
    .trim()
    .max(4096)
    .refine((f) => f === '' || path.isAbsolute(f), { error: 'must be an absolute folder path (or empty for the data folder)' }),
  format: z.enum(['mkv', 'fmp4']),
  filenamePattern: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((p) => !FILE_NAME_BAD.test(p), { error: 'must be a file name without / \\ : * ? " < > | or control characters' }),
  remuxToMp4: z.boolean(),
  minFreeMb: z.int().min(0).max(100_000_000),
  /** OBS's RecTracks: which mixer tracks a recording writes, each its own audio stream (sorted on the way in). */
  tracks: recordingTracks,
  /** The replay buffer's length and memory cap (OBS's RecRBTime, RecRBSize); absent = 20 s, 512 MB. */
  replayMaxSeconds: z.int().min(1).max(MAX_REPLAY_SECONDS).optional(),
  replayMaxMb: z.int().min(1).max(MAX_REPLAY_MB).optional(),
  /** PlayLastReplay's defaults (output/replay-playback.ts); the kind is checked when it runs. */
  replayTransitionKind: z.string().trim().max(NAME_MAX).optional(), // '' = the current transition
  replayTransitionMs: z.int().min(TRANSITION_DURATION_MS.min).max(TRANSITION_DURATION_MS.max).optional(),
  replayReturnToScene: z.boolean().optional(),
  /** The canvas it records (an extra canvas's id or "main"); absent = main. Checked to exist in output.setRecording, to be on at record.start. */
  canvas: z
    .string()
    .trim()
    .regex(CANVAS_ID_PATTERN, { error: 'must be "main" or an extra canvas\'s id (1 to 32 characters of a-z, 0-9, _ and -)' })
    .optional(),
};
/** Profiles saved before tracks existed record track 1 only, OBS's default. */
export const recordingSettingsSchema = z.object({ ...recordingShape, tracks: recordingTracks.default(() => [1]) });

const screenshotsShape = {
  enabled: z.boolean(),
  intervalSec: z.int().min(1).max(3600),
  folder: recordingShape.folder,
  format: z.enum(['png', 'jpeg']),
  maxWidth: z.int().min(8).max(4096),
  keep: z.int().min(1).max(100_000),
};
export const screenshotSettingsSchema = z.object(screenshotsShape);

export const DEFAULT_SCREENSHOTS = { enabled: false, intervalSec: 10, folder: '', format: 'jpeg', maxWidth: 1280, keep: 360 } as const;

export const UPLINK_MAX_KBPS = 100_000_000;

const templateVideo = z
  .strictObject({
    outputWidth: videoShape.outputWidth,
    outputHeight: videoShape.outputHeight,
    fpsNumerator: videoShape.fpsNumerator,
    fpsDenominator: videoShape.fpsDenominator,
  })
  .check(checkFps);

/** A saved encoder template: the encoder settings' own limits, so applying one can never be refused. */
export const encoderTemplateSchema = z.strictObject({
  name: z.string().trim().min(1).max(256),
  encoder: encoderShape.encoder,
  rateControl: encoderShape.rateControl,
  bitrateKbps: encoderShape.bitrateKbps,
  keyframeIntervalSec: encoderShape.keyframeIntervalSec,
  preset: encoderShape.preset,
  profile: encoderShape.profile,
  bFrames: encoderShape.bFrames,
  audioBitrateKbps: encoderShape.audioBitrateKbps.optional(),
  video: templateVideo.optional(),
});

const webhookUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .check((ctx) => {
    const ok = URL.canParse(ctx.value) && ['http:', 'https:'].includes(new URL(ctx.value).protocol) && new URL(ctx.value).hostname !== '';
    // No `input`: a URL may carry credentials or a token in its query.
    if (!ok) ctx.issues.push({ code: 'custom', input: undefined, message: 'must be an http:// or https:// URL with a host' });
  });
const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1)
  .refine((list) => new Set(list).size === list.length, { error: 'must not list an event twice' });
const webhookSecret = z
  .string()
  .min(16)
  .max(512)
  .refine((k) => !/[\u0000-\u001f\u007f]/.test(k), { error: 'must not contain control characters' });

/** Why a destination server string is not usable, or null when it is. Never echoes the value. */
export function serverProblem(server: string): string | null {
  const expected = 'must be an rtmp://, rtmps:// or srt:// URL with a host, such as rtmp://live.example.com/app';
  if (!URL.canParse(server)) return expected;
  const url = new URL(server);
  if (!(DESTINATION_PROTOCOLS as readonly string[]).includes(url.protocol) || url.hostname === '') return expected;
  if (url.protocol === 'srt:' && url.port === '') return 'needs a port for srt://, such as srt://live.example.com:9000';
  return null;
}

const serverUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .check((ctx) => {
    const problem = serverProblem(ctx.value);
    // No `input` on purpose: the server string may carry credentials, so it stays out of the issue.
    if (problem) ctx.issues.push({ code: 'custom', input: undefined, message: problem });
  });

const streamKey = z
  .string()
  .trim()
  .max(STREAM_KEY_MAX)
  .refine((k) => !/[\u0000-\u001f\u007f]/.test(k), { error: 'must not contain control characters' });

const renditionShape = {
  bitrateKbps: z.int().min(200).max(50_000).optional(),
  width: z.int().min(VIDEO_LIMITS.minWidth).max(VIDEO_LIMITS.maxWidth).refine(even, { error: EVEN_MSG }).optional(),
  height: z.int().min(VIDEO_LIMITS.minHeight).max(VIDEO_LIMITS.maxHeight).refine(even, { error: EVEN_MSG }).optional(),
};

/** A private key for URL signing: printable, no spaces (it is hashed as typed). */
const signingKey = z
  .string()
  .max(512)
  .refine((k) => !/[\s\u0000-\u001f\u007f]/.test(k), { error: 'must not contain spaces or control characters' });

const signingArgs = z.strictObject({
  scheme: z.enum(SIGNING_SCHEMES),
  privateKey: signingKey.optional(),
  // A day either way covers servers whose clock or validity rule differs from ours.
  offsetSeconds: z.int().min(-86_400).max(86_400).optional(),
});

/** An audience source's URL: http(s) only, the studio fetches it. */
const audienceUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), { error: 'must be an http:// or https:// URL' });

const audienceSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('nginx_rtmp'), url: audienceUrl }),
  z.strictObject({ kind: z.literal('srs'), url: audienceUrl }),
  z.strictObject({ kind: z.literal('json'), url: audienceUrl, path: z.string().trim().min(1).max(200) }),
]);

// ---- command args -------------------------------------------------------------------------------

const sceneRef = { sceneUuid: id };
const itemRef = { sceneUuid: id, sceneItemId: itemId };
const blendMode = z.enum(BLEND_MODES, { error: `must be one of ${BLEND_MODES.join(', ')}` });

const transitionDuration = z.int().min(TRANSITION_DURATION_MS.min).max(TRANSITION_DURATION_MS.max);

/** The saved current transition; its settings are checked against its kind when loaded. */
export const transitionSchema = z.object({ kind: z.string().min(1), durationMs: transitionDuration, settings });

/** A filter by its source (input or scene) and its name within that source. */
const filterRef = { sourceUuid: id, name };

export const COMMAND_SCHEMAS = {
  'scene.create': z.strictObject({ name }),
  'scene.remove': z.strictObject(sceneRef),
  'scene.rename': z.strictObject({ ...sceneRef, name }),
  'scene.setCurrent': z.strictObject({
    ...sceneRef,
    transition: z.strictObject({ kind: z.string().trim().min(1), durationMs: transitionDuration, settings: settings.optional() }).optional(),
  }),
  'scene.setPreview': z.strictObject(sceneRef),
  'scene.setIndex': z.strictObject({ ...sceneRef, index: z.int().min(0) }),
  'studio.setMode': z.strictObject({ enabled: z.boolean() }),
  'studio.take': z.strictObject({}),
  'input.create': z.strictObject({
    ...sceneRef,
    name,
    kind: z.string().trim().min(1),
    settings: settings.optional(),
    transform: transformPatch.optional(),
  }),
  'input.update': z.strictObject({ inputUuid: id, settings, overlay: z.boolean().optional() }),
  'input.addScore': z.strictObject({ inputUuid: id, side: z.enum(['home', 'away']), delta: z.int().min(-9999).max(9999) }),
  'input.rename': z.strictObject({ inputUuid: id, name }),
  'input.remove': z.strictObject({ inputUuid: id }),
  'input.setAudio': z.strictObject({
    inputUuid: id,
    muted: z.boolean().optional(),
    volumeMul: volumeMul.optional(),
    balance: balance.optional(),
    syncOffsetMs: syncOffsetMs.optional(),
    monitorType: monitorType.optional(),
    audioTracks: audioTracks.optional(),
  }),
  'filter.create': z.strictObject({
    ...filterRef,
    kind: z.string().trim().min(1),
    settings: settings.optional(),
    index: z.int().min(0).optional(),
    enabled: z.boolean().optional(),
  }),
  'filter.remove': z.strictObject(filterRef),
  'filter.setName': z.strictObject({ ...filterRef, newName: name }),
  'filter.setIndex': z.strictObject({ ...filterRef, index: z.int().min(0) }),
  'filter.setSettings': z.strictObject({ ...filterRef, settings, overlay: z.boolean().optional() }),
  'filter.setEnabled': z.strictObject({ ...filterRef, enabled: z.boolean() }),
  'transition.set': z.strictObject({
    kind: z.string().trim().min(1).optional(),
    durationMs: transitionDuration.optional(),
    settings: settings.optional(),
    overlay: z.boolean().optional(),
  }),
  'scene.setTransitionOverride': z.strictObject({
    ...sceneRef,
    kind: z.string().trim().min(1).nullable().optional(),
    durationMs: transitionDuration.nullable().optional(),
  }),
  'item.setTransform': z.strictObject({ ...itemRef, transform: transformPatch }),
  'item.setEnabled': z.strictObject({ ...itemRef, enabled: z.boolean() }),
  'item.setLocked': z.strictObject({ ...itemRef, locked: z.boolean() }),
  'item.setBlendMode': z.strictObject({ ...itemRef, blendMode: blendMode }),
  'item.setIndex': z.strictObject({ ...itemRef, index: z.int().min(0) }),
  'item.remove': z.strictObject(itemRef),
  'item.create': z.strictObject({ ...sceneRef, sourceUuid: id, enabled: z.boolean().optional(), transform: transformPatch.optional() }),
  'group.create': z.strictObject({ ...sceneRef, name, sceneItemIds: z.array(itemId).min(1).max(1000) }),
  'group.ungroup': z.strictObject(itemRef),
  'video.set': z.strictObject(videoShape).partial(),
  'output.setEncoder': z.strictObject(encoderShape).partial(),
  'output.setFfmpegPath': z.strictObject({ ffmpegPath: z.string().trim().max(4096) }),
  'output.setRecording': z.strictObject(recordingShape).partial(),
  'output.setScreenshots': z.strictObject(screenshotsShape).partial(),
  'output.setUplink': z.strictObject({ uplinkKbps: z.int().min(0).max(UPLINK_MAX_KBPS) }),
  'template.save': z.strictObject({ name: z.string().trim().min(1).max(256), overwrite: z.boolean().optional() }),
  'template.apply': z.strictObject({ name: z.string().trim().min(1).max(256) }),
  'template.remove': z.strictObject({ name: z.string().trim().min(1).max(256) }),
  'webhook.upsert': z.strictObject({
    id: id.optional(),
    name: name.optional(),
    url: webhookUrl.optional(),
    enabled: z.boolean().optional(),
    events: webhookEvents.optional(),
    secret: webhookSecret.optional(),
  }),
  'webhook.remove': z.strictObject({ id }),
  'remoteControl.set': z.strictObject(remoteControlShape).partial(),
  'hotkey.bind': z.strictObject({ name: hotkeyName, contextUuid: z.string().max(64).optional(), keys: z.array(keyComboSchema).max(8) }),
  'watermark.set': watermarkChangeSchema,
  'destination.upsert': z.strictObject({
    id: id.optional(),
    name: name.optional(),
    server: serverUrl.optional(),
    key: streamKey.optional(),
    enabled: z.boolean().optional(),
    preset: z.enum(PRESET_IDS).optional(),
    audioOnly: z.boolean().optional(),
    rendition: z.strictObject(renditionShape).nullable().optional(),
    audioTrack: audioTrack.optional(),
    signing: signingArgs.nullable().optional(),
    audience: audienceSource.nullable().optional(),
    canvas: z.string().trim().min(1).max(32).optional(),
  }),
  'destination.remove': z.strictObject({ id }),
  ...CANVAS_SCHEMAS,
} satisfies { [T in DocumentCommand]: z.ZodType<CommandArgs<T>> };

/** Args of the OUTPUT_COMMANDS: which destination. */
export const destinationRefSchema = z.strictObject({ id });

export const isDocumentCommand = (type: string): type is DocumentCommand => Object.hasOwn(COMMAND_SCHEMAS, type);

// ---- saved document parts (unknown keys are dropped, so older builds can read newer files) --------

export const transformSchema = z.object(transformShape);

/** One saved filter; its settings are checked against its kind when the collection is repaired. */
export const filterSchema = z.object({
  name,
  kind: z.string().min(1),
  enabled: z.boolean(),
  settings,
});

/** Collections saved before filters existed load with none. */
const filterList = z.array(filterSchema).default([]);

export const sceneSchema = z.object({
  uuid: id,
  name,
  items: z.array(
    z.object({
      sceneItemId: itemId,
      sourceUuid: id,
      enabled: z.boolean(),
      locked: z.boolean(),
      transform: transformSchema,
      blendMode: blendMode.optional(),
    }),
  ),
  nextItemId: z.int().min(1),
  filters: filterList,
  isGroup: z.boolean().optional(),
  transitionOverride: z.object({ kind: z.string().min(1).optional(), durationMs: transitionDuration.optional() }).optional(),
});

/** Collections saved before inputs had mixer state load unmuted at full volume. */
export const inputSchema = z.object({
  uuid: id,
  name,
  kind: z.string().min(1),
  settings,
  muted: z.boolean().default(false),
  volumeMul: volumeMul.default(1),
  filters: filterList,
  balance: balance.default(MIXER_DEFAULTS.balance),
  syncOffsetMs: syncOffsetMs.default(MIXER_DEFAULTS.syncOffsetMs),
  monitorType: monitorType.default(MIXER_DEFAULTS.monitorType),
  audioTracks: audioTracks.default(() => [...MIXER_DEFAULTS.audioTracks]),
});

/** Profiles saved before presets, audio-only and renditions existed load with their defaults. */
export const destinationSchema = z.object({
  id,
  name,
  enabled: z.boolean(),
  server: z.string().max(2048),
  hasKey: z.boolean(),
  preset: z.enum(PRESET_IDS).default('custom'),
  audioOnly: z.boolean().default(false),
  rendition: z.object(renditionShape).nullable().default(null),
  /** Profiles saved before tracks existed send track 1, OBS's default. */
  audioTrack: audioTrack.default(1),
  signing: z
    .object({ scheme: z.enum(SIGNING_SCHEMES), offsetSeconds: z.int().min(-86_400).max(86_400), hasSigningKey: z.boolean() })
    .nullable()
    .default(null),
  audience: audienceSource.nullable().default(null),
  // Profiles saved before extra canvases stream the main one (absent).
  canvas: z.string().min(1).max(32).optional(),
});

export const DEFAULT_RECORDING = {
  folder: '',
  format: 'mkv' as const,
  filenamePattern: '%CCYY-%MM-%DD %hh-%mm-%ss',
  remuxToMp4: false,
  minFreeMb: 500,
  tracks: [1],
};

/** Profiles saved before recording, the uplink and templates existed load with their defaults. */
export const outputSettingsSchema = z.object({
  encoder: encoderSettingsSchema,
  ffmpegPath: z.string().max(4096),
  recording: recordingSettingsSchema.default(() => ({ ...DEFAULT_RECORDING, tracks: [1] })),
  uplinkKbps: z.int().min(0).max(UPLINK_MAX_KBPS).default(0),
  templates: z.array(encoderTemplateSchema).max(200).default([]),
  screenshots: screenshotSettingsSchema.default({ ...DEFAULT_SCREENSHOTS }),
});

export const webhookSchema = z.object({
  id,
  name,
  url: z.string().max(2048),
  enabled: z.boolean(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  hasSecret: z.boolean(),
});
