/**
 * GetProfileParameter / SetProfileParameter: OBS's basic.ini keys (category/name, string values) read
 * from and written to the studio's profile where the concept exists. Each key is a view of the one
 * document: gets read it, sets run the same engine commands the Settings page runs (video.set,
 * output.setRecording, output.setEncoder, destination.upsert), so validation, saving and events are
 * shared and no second copy of a setting exists.
 *
 * Unlike OBS, which only stores the string and applies it at the next restart of video or outputs,
 * a set applies at once and is checked first: a value the studio cannot use is refused with 400
 * (not a whole number, not a listed choice) or 402 (outside the range), naming the key and its range.
 * An unknown key reads as null/null, as in OBS; setting one is refused with 600, since the studio has
 * no place to keep an opaque basic.ini string. A null value ("delete" in OBS) puts the key back to its
 * default, as removing the user value does in OBS. Stream keys live in OBS's service.json, not here,
 * and the studio's are in its secret store: no key reads one.
 */
import { AUDIO_TRACK_COUNT, VIDEO_LIMITS, type Result, type StudioDocument, type VideoSettings } from '../../../shared';
import { DEFAULT_ENCODER, DEFAULT_VIDEO } from '../../document/defaults';
import { AUDIO_BITRATES } from '../../document/schemas';
import type { RequestContext } from '../types';
import { recordDirectory } from './config';
import type { HandlerTable, RequestEnv } from './handler';
import { Code, RequestError, fail, success } from './status';

/** OBS's "Common FPS Values" (Settings → Video), as it names them in basic.ini, and their rates. */
export const FPS_COMMON: ReadonlyArray<readonly [label: string, num: number, den: number]> = [
  ['10', 10, 1],
  ['20', 20, 1],
  ['24 NTSC', 24000, 1001],
  ['25 PAL', 25, 1],
  ['29.97', 30000, 1001],
  ['30', 30, 1],
  ['48', 48, 1],
  ['50 PAL', 50, 1],
  ['59.94', 60000, 1001],
  ['60', 60, 1],
];

/** The studio's output settings are OBS's Advanced mode: chosen recording tracks, a track per destination. */
const OUTPUT_MODE = 'Advanced';
const TRACK_MASK_MAX = (1 << AUDIO_TRACK_COUNT) - 1;
/** The encoder's video bitrate range (document/schemas.ts), checked here so a refusal names the key. */
const VIDEO_KBPS = { min: 200, max: 50_000 };
const FPS_PART_MAX = 1_000_000;

interface Param {
  /** The value now, written as OBS writes it in basic.ini; null where the studio has none. */
  read(doc: StudioDocument, env: RequestEnv): string | null;
  /** What a new profile starts with (OBS's config default); a null set goes back to it. */
  fallback(env: RequestEnv): string;
  /** Checks the value and applies it through the engine; throws a RequestError naming the key. */
  write(ctx: RequestContext, value: string, env: RequestEnv): Promise<void>;
}

type Key = `${string}/${string}`;

/** A whole number in decimal, or the 400 that names the key and what it takes. */
function whole(key: Key, value: string, what: string): number {
  if (!/^\s*-?\d+\s*$/.test(value)) fail(Code.InvalidRequestField, `${key} must be ${what}; "${clip(value)}" is not a whole number.`);
  return Number(value);
}

function inRange(key: Key, n: number, min: number, max: number, what: string): number {
  if (n < min || n > max) fail(Code.RequestFieldOutOfRange, `${key} must be ${what}; ${n} is out of range.`);
  return n;
}

/** Values are echoed in refusals (never secrets here), cut short so a long one cannot flood a log. */
const clip = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}…` : value);

/** Runs an engine command; its refusal keeps its code and gains the key's name. */
async function apply(key: Key, run: () => Promise<Result<unknown>>): Promise<void> {
  const result = await run();
  if (!result.ok) throw new RequestError(result.error.code, `${key}: ${result.error.message}`);
}

const setVideo = (key: Key, ctx: RequestContext, patch: Partial<VideoSettings>) =>
  apply(key, () => ctx.studio.execute('video.set', patch));

function size(field: keyof VideoSettings, key: Key, min: number, max: number, rule: string): Param {
  const what = `a size in pixels from ${min} to ${max}${rule}`;
  return {
    read: (doc) => String(doc.video[field]),
    fallback: () => String(DEFAULT_VIDEO[field]),
    write: (ctx, value) => setVideo(key, ctx, { [field]: inRange(key, whole(key, value, what), min, max, what) }),
  };
}

const sameRate = (v: VideoSettings, num: number, den: number): boolean => v.fpsNumerator * den === num * v.fpsDenominator;
const commonLabel = (v: VideoSettings): string | null => FPS_COMMON.find(([, n, d]) => sameRate(v, n, d))?.[0] ?? null;

/** One part of the fraction; the rate it makes with the other part must be 1..60 fps. */
function fpsPart(field: 'fpsNumerator' | 'fpsDenominator', key: Key): Param {
  const what = `a whole number from 1 to ${FPS_PART_MAX}`;
  return {
    read: (doc) => String(doc.video[field]),
    fallback: () => String(DEFAULT_VIDEO[field]),
    write: async (ctx, value) => {
      const n = inRange(key, whole(key, value, what), 1, FPS_PART_MAX, what);
      const next = { ...ctx.studio.document().video, [field]: n };
      const fps = next.fpsNumerator / next.fpsDenominator;
      if (fps < 1 || fps > VIDEO_LIMITS.maxFps) {
        fail(
          Code.RequestFieldOutOfRange,
          `${key} ${n} makes ${next.fpsNumerator}/${next.fpsDenominator} = ${+fps.toFixed(3)} fps; the studio applies each key at once and ` +
            `runs 1 to ${VIDEO_LIMITS.maxFps} fps. Set Video/FPSCommon (e.g. "59.94"), or both parts at once with SetVideoSettings.`,
        );
      }
      await setVideo(key, ctx, { [field]: n });
    },
  };
}

/** OBS's RecTracks: bit 0 is track 1. */
export const tracksToMask = (tracks: readonly number[]): number => tracks.reduce((m, t) => m | (1 << (t - 1)), 0);
export const maskToTracks = (mask: number): number[] =>
  Array.from({ length: AUDIO_TRACK_COUNT }, (_, i) => i + 1).filter((t) => mask & (1 << (t - 1)));

function recTracks(key: Key): Param {
  const what = `a bitmask of tracks 1 to ${AUDIO_TRACK_COUNT} (bit 0 = track 1), from 1 to ${TRACK_MASK_MAX}`;
  return {
    read: (doc) => String(tracksToMask(doc.output.recording.tracks)),
    fallback: () => '1',
    write: (ctx, value) => {
      const mask = inRange(key, whole(key, value, what), 1, TRACK_MASK_MAX, what);
      return apply(key, () => ctx.studio.execute('output.setRecording', { tracks: maskToTracks(mask) }));
    },
  };
}

function recordFolder(key: Key): Param {
  return {
    read: (doc, env) => recordDirectory(doc.output.recording.folder, env.dataDir),
    fallback: (env) => recordDirectory('', env.dataDir),
    // The default folder is stored as '' (it follows the data folder), as the Settings page does.
    write: (ctx, value, env) => {
      const folder = value.trim() === recordDirectory('', env.dataDir) ? '' : value;
      return apply(key, () => ctx.studio.execute('output.setRecording', { folder }));
    },
  };
}

/** Accepted for OBS's sake, changing nothing: every FPS key reads the one rate the studio has. */
const fpsType: Param = {
  read: (doc) => (commonLabel(doc.video) !== null ? '0' : doc.video.fpsDenominator === 1 ? '1' : '2'),
  fallback: () => '0',
  write: async (_ctx, value) => {
    const what = '0 (common), 1 (integer) or 2 (fraction)';
    if (!['0', '1', '2'].includes(value.trim())) fail(Code.InvalidRequestField, `Video/FPSType must be ${what}; "${clip(value)}" is not.`);
  },
};

const fpsCommon: Param = {
  read: (doc) => commonLabel(doc.video),
  fallback: () => '30',
  write: async (ctx, value) => {
    const found = FPS_COMMON.find(([label]) => label === value.trim());
    if (!found) {
      const labels = FPS_COMMON.map(([l]) => `"${l}"`).join(', ');
      fail(Code.InvalidRequestField, `Video/FPSCommon must be one of ${labels}; "${clip(value)}" is not.`);
    }
    await setVideo('Video/FPSCommon', ctx, { fpsNumerator: found[1], fpsDenominator: found[2] });
  },
};

const fpsInt: Param = {
  read: (doc) => (doc.video.fpsDenominator === 1 ? String(doc.video.fpsNumerator) : null),
  fallback: () => '30',
  write: async (ctx, value) => {
    const what = `a whole number of frames per second from 1 to ${VIDEO_LIMITS.maxFps}`;
    const fps = inRange('Video/FPSInt', whole('Video/FPSInt', value, what), 1, VIDEO_LIMITS.maxFps, what);
    await setVideo('Video/FPSInt', ctx, { fpsNumerator: fps, fpsDenominator: 1 });
  },
};

const outputMode: Param = {
  read: () => OUTPUT_MODE,
  fallback: () => OUTPUT_MODE,
  write: async (_ctx, value) => {
    if (value.trim() !== OUTPUT_MODE) {
      fail(
        Code.InvalidRequestField,
        `Output/Mode must be "${OUTPUT_MODE}": the studio's output settings are OBS's Advanced mode (recording tracks, ` +
          `an audio track per destination) and have no "${clip(value)}" mode.`,
      );
    }
  },
};

/**
 * OBS's stream audio track. The studio sets one per destination: TrackIndex is the primary
 * destination's (the first, the one GetStreamServiceSettings reports); null while there is none.
 */
const trackIndex: Param = {
  read: (doc) => {
    const primary = doc.destinations[0];
    return primary ? String(primary.audioTrack) : null;
  },
  fallback: () => '1',
  write: async (ctx, value) => {
    const key = 'AdvOut/TrackIndex';
    const what = `a track from 1 to ${AUDIO_TRACK_COUNT}`;
    const track = inRange(key, whole(key, value, what), 1, AUDIO_TRACK_COUNT, what);
    const primary = ctx.studio.document().destinations[0];
    if (!primary) {
      fail(Code.ResourceNotFound, `${key} is the primary destination's audio track, and there is no destination yet (SetStreamServiceSettings adds one).`);
    }
    await apply(key, () => ctx.studio.execute('destination.upsert', { id: primary.id, audioTrack: track }));
  },
};

const videoBitrate: Param = {
  read: (doc) => String(doc.output.encoder.bitrateKbps),
  fallback: () => String(DEFAULT_ENCODER.bitrateKbps),
  write: (ctx, value) => {
    const key = 'SimpleOutput/VBitrate';
    const what = `a bitrate in kbps from ${VIDEO_KBPS.min} to ${VIDEO_KBPS.max}`;
    const kbps = inRange(key, whole(key, value, what), VIDEO_KBPS.min, VIDEO_KBPS.max, what);
    return apply(key, () => ctx.studio.execute('output.setEncoder', { bitrateKbps: kbps }));
  },
};

const audioBitrate: Param = {
  read: (doc) => String(doc.output.encoder.audioBitrateKbps),
  fallback: () => String(DEFAULT_ENCODER.audioBitrateKbps),
  write: (ctx, value) => {
    const key = 'SimpleOutput/ABitrate';
    const what = `one of ${AUDIO_BITRATES.join(', ')} kbps`;
    const kbps = whole(key, value, what);
    const allowed = AUDIO_BITRATES.find((k) => k === kbps);
    if (allowed === undefined) fail(Code.RequestFieldOutOfRange, `${key} must be ${what}; ${kbps} is not.`);
    return apply(key, () => ctx.studio.execute('output.setEncoder', { audioBitrateKbps: allowed }));
  },
};

const { minWidth, maxWidth, minHeight, maxHeight } = VIDEO_LIMITS;

/** Every key the studio serves, by OBS's "Category/Name" (case matters, as in OBS's config). */
export const PROFILE_PARAMETERS: Readonly<Record<Key, Param>> = {
  'Video/BaseCX': size('baseWidth', 'Video/BaseCX', minWidth, maxWidth, ', a multiple of 4'),
  'Video/BaseCY': size('baseHeight', 'Video/BaseCY', minHeight, maxHeight, ', even'),
  'Video/OutputCX': size('outputWidth', 'Video/OutputCX', minWidth, maxWidth, ', even'),
  'Video/OutputCY': size('outputHeight', 'Video/OutputCY', minHeight, maxHeight, ', even'),
  'Video/FPSType': fpsType,
  'Video/FPSCommon': fpsCommon,
  'Video/FPSInt': fpsInt,
  'Video/FPSNum': fpsPart('fpsNumerator', 'Video/FPSNum'),
  'Video/FPSDen': fpsPart('fpsDenominator', 'Video/FPSDen'),
  'Output/Mode': outputMode,
  'AdvOut/RecTracks': recTracks('AdvOut/RecTracks'),
  'SimpleOutput/RecTracks': recTracks('SimpleOutput/RecTracks'),
  'AdvOut/TrackIndex': trackIndex,
  'AdvOut/RecFilePath': recordFolder('AdvOut/RecFilePath'),
  'SimpleOutput/FilePath': recordFolder('SimpleOutput/FilePath'),
  'SimpleOutput/VBitrate': videoBitrate,
  'SimpleOutput/ABitrate': audioBitrate,
};

const lookup = (category: string, name: string): Param | undefined => {
  const key = `${category}/${name}` as Key;
  return Object.hasOwn(PROFILE_PARAMETERS, key) ? PROFILE_PARAMETERS[key] : undefined;
};

export const profileParameterRequests: HandlerTable = {
  GetProfileParameter: (ctx, f, env) => {
    const param = lookup(f.string('parameterCategory'), f.string('parameterName'));
    return success({
      parameterValue: param ? param.read(ctx.studio.document(), env) : null,
      defaultParameterValue: param ? param.fallback(env) : null,
    });
  },

  SetProfileParameter: async (ctx, f, env) => {
    const category = f.string('parameterCategory');
    const name = f.string('parameterName');
    // OBS's own check: absent or null deletes; anything else must be a string.
    const raw = f.data['parameterValue'];
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      fail(Code.InvalidRequestFieldType, 'The field `parameterValue` must be a string.');
    }
    const param = lookup(category, name);
    if (!param) {
      if (typeof raw !== 'string') fail(Code.ResourceNotFound, 'There are no existing instances of that profile parameter.');
      const known = Object.keys(PROFILE_PARAMETERS).join(', ');
      fail(Code.ResourceNotFound, `The studio has no profile parameter ${category}/${name} and keeps no other basic.ini keys; it serves ${known}.`);
    }
    await param.write(ctx, typeof raw === 'string' ? raw : param.fallback(env), env);
    return success();
  },
};
