/**
 * zod schemas for every document command's args, and for the saved document parts (persistence
 * reuses them so a file is held to the same rules as a command). Messages that are phrases
 * ("must be …") get the field name put in front by ./issues.ts.
 */
import * as z from 'zod';
import { VIDEO_LIMITS, type CommandArgs, type CommandType } from '../../shared';
import { PRESET_IDS } from '../platforms';

/** Commands that act on the running output rather than the document (routed in studio.ts). */
export const OUTPUT_COMMANDS = ['destination.start', 'destination.stop', 'destination.reconnect'] as const;

/**
 * Commands the document store handles; stream.*, renderer.* and OUTPUT_COMMANDS belong to the
 * output side, remote.* to the remote control (all routed in studio.ts).
 */
export type DocumentCommand = Exclude<
  CommandType,
  `stream.${string}` | `renderer.${string}` | `remote.${string}` | (typeof OUTPUT_COMMANDS)[number]
>;

export const NAME_MAX = 256;
export const STREAM_KEY_MAX = 512;
/** v1 always encodes with libx264; hardware encoders join this list with the output engine. */
export const ENCODERS = ['libx264'] as const;
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

/** A complete VideoSettings: the fields, plus a frame rate of 1 to 60 fps. */
export const videoSettingsSchema = z.object(videoShape).check((ctx) => {
  const fps = ctx.value.fpsNumerator / ctx.value.fpsDenominator;
  if (fps < 1 || fps > VIDEO_LIMITS.maxFps) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value.fpsNumerator,
      path: ['fpsNumerator'],
      message: `must give a frame rate from 1 to ${VIDEO_LIMITS.maxFps} fps (fpsNumerator / fpsDenominator)`,
    });
  }
});

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

// ---- command args -------------------------------------------------------------------------------

const sceneRef = { sceneUuid: id };
const itemRef = { sceneUuid: id, sceneItemId: itemId };

export const COMMAND_SCHEMAS = {
  'scene.create': z.strictObject({ name }),
  'scene.remove': z.strictObject(sceneRef),
  'scene.rename': z.strictObject({ ...sceneRef, name }),
  'scene.setCurrent': z.strictObject(sceneRef),
  'input.create': z.strictObject({
    ...sceneRef,
    name,
    kind: z.string().trim().min(1),
    settings: settings.optional(),
    transform: transformPatch.optional(),
  }),
  'input.update': z.strictObject({ inputUuid: id, settings, overlay: z.boolean().optional() }),
  'input.rename': z.strictObject({ inputUuid: id, name }),
  'input.remove': z.strictObject({ inputUuid: id }),
  'item.setTransform': z.strictObject({ ...itemRef, transform: transformPatch }),
  'item.setEnabled': z.strictObject({ ...itemRef, enabled: z.boolean() }),
  'item.setLocked': z.strictObject({ ...itemRef, locked: z.boolean() }),
  'item.setIndex': z.strictObject({ ...itemRef, index: z.int().min(0) }),
  'item.remove': z.strictObject(itemRef),
  'video.set': z.strictObject(videoShape).partial(),
  'output.setEncoder': z.strictObject(encoderShape).partial(),
  'output.setFfmpegPath': z.strictObject({ ffmpegPath: z.string().trim().max(4096) }),
  'destination.upsert': z.strictObject({
    id: id.optional(),
    name: name.optional(),
    server: serverUrl.optional(),
    key: streamKey.optional(),
    enabled: z.boolean().optional(),
    preset: z.enum(PRESET_IDS).optional(),
    audioOnly: z.boolean().optional(),
    rendition: z.strictObject(renditionShape).nullable().optional(),
  }),
  'destination.remove': z.strictObject({ id }),
} satisfies { [T in DocumentCommand]: z.ZodType<CommandArgs<T>> };

/** Args of the OUTPUT_COMMANDS: which destination. */
export const destinationRefSchema = z.strictObject({ id });

export const isDocumentCommand = (type: string): type is DocumentCommand => Object.hasOwn(COMMAND_SCHEMAS, type);

// ---- saved document parts (unknown keys are dropped, so older builds can read newer files) --------

export const transformSchema = z.object(transformShape);

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
    }),
  ),
  nextItemId: z.int().min(1),
});

export const inputSchema = z.object({ uuid: id, name, kind: z.string().min(1), settings });

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
});

export const outputSettingsSchema = z.object({
  encoder: encoderSettingsSchema,
  ffmpegPath: z.string().max(4096),
});
