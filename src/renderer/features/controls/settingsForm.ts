/**
 * The settings dialog's draft (strings, as typed) and the commands that save it. Only what changed
 * is sent, so a refused part (video while live) does not stop the others.
 */
import { DEFAULT_TRANSITION, TRANSITION_DURATION_MS, VIDEO_LIMITS, type CommandArgs, type Destination, type EncoderSettings, type RateControl, type Rendition, type StudioDocument } from '../../../shared';
import { DEFAULT_REPLAY_MB, DEFAULT_REPLAY_SECONDS, MAX_REPLAY_MB, MAX_REPLAY_SECONDS } from '../../../shared/replay';
import { parseNumber } from '../../forms/numbers';
import { planAudience, planSigning } from './destinationExtras';
import { presetOf } from './presets';

/** Common canvas and output sizes: landscape, vertical (phones), 1440p, 4K and ultrawide. Any other is Custom. */
export const RESOLUTIONS = ['1280x720', '1920x1080', '848x480', '2560x1440', '3840x2160', '1080x1920', '720x1280', '2560x1080', '3440x1440'] as const;
/** The output size's choice that follows the base size (no scaling). */
export const SAME = 'same';
export const FPS_CHOICES = [24, 25, 30, 50, 60] as const;
// The encoder limits repeat the engine's encoderSettingsSchema (src/engine/document/schemas.ts), so a
// value the engine would refuse is caught beside its field.
/** Every x264 preset the engine accepts; hardware encoders map them to their own. */
export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow', 'placebo'] as const;
export const PROFILES: readonly EncoderSettings['profile'][] = ['baseline', 'main', 'high'];
export const RATE_CONTROLS: readonly RateControl[] = ['CBR', 'VBR'];
export const B_FRAMES = [0, 1, 2, 3, 4] as const;
export const AUDIO_BITRATES = [64, 96, 128, 160, 192, 256, 320] as const;
export const BITRATE = { min: 200, max: 50_000 } as const;
export const KEYFRAME = { min: 1, max: 20 } as const;
export const CUSTOM = 'custom';
/** The engine's limits for periodic screenshots (screenshotSettingsSchema). */
export const SHOTS_INTERVAL = { min: 1, max: 3600 } as const;
export const SHOTS_KEEP = { min: 1, max: 100_000 } as const;
/** The replay buffer's limits (recordingSettingsSchema; OBS's Maximum Replay Time is 1..21600 s). */
export const REPLAY_SECONDS = { min: 1, max: MAX_REPLAY_SECONDS } as const;
export const REPLAY_MB = { min: 1, max: MAX_REPLAY_MB } as const;
/** The replay transition's duration (OBS's transition range, ms). */
export const REPLAY_TRANSITION_MS = TRANSITION_DURATION_MS;
/** '' = no signing / no audience source. */
export const NONE = '';

/** One destination as its editor row holds it (strings, as typed). */
export interface DestinationDraft {
  /** null until it has been saved. */
  id: string | null;
  /** Stable React key and error address for the row. */
  row: string;
  name: string;
  preset: string;
  server: string;
  /** Typed stream key; '' keeps the stored one. */
  key: string;
  enabled: boolean;
  audioOnly: boolean;
  /** The mixer track (1..6) it sends. */
  audioTrack: number;
  /** Its own rendition; all empty = the main encoding. */
  bitrate: string;
  width: string;
  height: string;
  /** Signed push URL: NONE or a SigningScheme. */
  signScheme: string;
  /** Typed private key; '' keeps the stored one. Cleared once saved, never filled from the engine. */
  signKey: string;
  signOffset: string;
  /** Audience source: NONE or an AUDIENCE_KINDS entry. */
  audienceKind: string;
  audienceUrl: string;
  /** Dot path of the number in a JSON source's answer. */
  audiencePath: string;
}

export interface SettingsDraft {
  /** Never empty: with no destination saved yet, one blank row to fill in. */
  destinations: DestinationDraft[];
  /** Base (canvas) size: a RESOLUTIONS entry or CUSTOM with width × height. */
  resolution: string;
  width: string;
  height: string;
  /** Output (scaled) size: SAME, a RESOLUTIONS entry or CUSTOM with outWidth × outHeight. */
  outResolution: string;
  outWidth: string;
  outHeight: string;
  fps: string;
  encoder: string;
  rateControl: string;
  bitrate: string;
  keyframe: string;
  preset: string;
  profile: string;
  bFrames: string;
  audioBitrate: string;
  /** Periodic screenshots while live. */
  shotsEnabled: boolean;
  shotsInterval: string;
  /** '' = screenshots/ in the data folder. */
  shotsFolder: string;
  shotsFormat: string;
  shotsKeep: string;
  /** Replay buffer (OBS's Maximum Replay Time and Maximum Memory). */
  replaySeconds: string;
  replayMb: string;
  /** Play last replay's transition kind ('' = the current transition), its duration and the return. */
  replayTransition: string;
  replayTransitionMs: string;
  replayReturn: boolean;
}

/** Everything but the destination rows: the fields that mirror one document value each. */
export type FieldsDraft = Omit<SettingsDraft, 'destinations'>;

export const fpsText = (num: number, den: number): string => String(Math.round((num / den) * 1000) / 1000);

let rows = 0;

/** A row for a destination that does not exist yet. */
export function blankDestination(): DestinationDraft {
  return {
    id: null,
    row: `new-${++rows}`,
    name: '',
    preset: 'custom',
    server: '',
    key: '',
    enabled: true,
    audioOnly: false,
    audioTrack: 1,
    bitrate: '',
    width: '',
    height: '',
    signScheme: NONE,
    signKey: '',
    signOffset: '0',
    audienceKind: NONE,
    audienceUrl: '',
    audiencePath: '',
  };
}

export function destinationDraft(d: Destination): DestinationDraft {
  const r = d.rendition;
  return {
    id: d.id,
    row: d.id,
    name: d.name,
    preset: d.preset,
    server: d.server,
    key: '',
    enabled: d.enabled,
    audioOnly: d.audioOnly,
    audioTrack: d.audioTrack ?? 1,
    bitrate: r?.bitrateKbps === undefined ? '' : String(r.bitrateKbps),
    width: r?.width === undefined ? '' : String(r.width),
    height: r?.height === undefined ? '' : String(r.height),
    signScheme: d.signing?.scheme ?? NONE,
    signKey: '',
    signOffset: String(d.signing?.offsetSeconds ?? 0),
    audienceKind: d.audience?.kind ?? NONE,
    audienceUrl: d.audience?.url ?? '',
    audiencePath: d.audience?.kind === 'json' ? d.audience.path : '',
  };
}

export function draftFrom(doc: StudioDocument): SettingsDraft {
  return {
    destinations: doc.destinations.length > 0 ? doc.destinations.map(destinationDraft) : [blankDestination()],
    ...fieldsFrom(doc),
  };
}

export function fieldsFrom(doc: StudioDocument): FieldsDraft {
  const v = doc.video;
  const size = `${v.baseWidth}x${v.baseHeight}`;
  const out = `${v.outputWidth}x${v.outputHeight}`;
  const e = doc.output.encoder;
  const known = (x: string): boolean => (RESOLUTIONS as readonly string[]).includes(x);
  return {
    resolution: known(size) ? size : CUSTOM,
    width: String(v.baseWidth),
    height: String(v.baseHeight),
    outResolution: out === size ? SAME : known(out) ? out : CUSTOM,
    outWidth: String(v.outputWidth),
    outHeight: String(v.outputHeight),
    fps: fpsText(v.fpsNumerator, v.fpsDenominator),
    encoder: e.encoder,
    rateControl: e.rateControl,
    bitrate: String(e.bitrateKbps),
    keyframe: String(e.keyframeIntervalSec),
    preset: e.preset,
    profile: e.profile,
    bFrames: String(e.bFrames),
    audioBitrate: String(e.audioBitrateKbps),
    shotsEnabled: doc.output.screenshots.enabled,
    shotsInterval: String(doc.output.screenshots.intervalSec),
    shotsFolder: doc.output.screenshots.folder,
    shotsFormat: doc.output.screenshots.format,
    shotsKeep: String(doc.output.screenshots.keep),
    replaySeconds: String(doc.output.recording.replayMaxSeconds ?? DEFAULT_REPLAY_SECONDS),
    replayMb: String(doc.output.recording.replayMaxMb ?? DEFAULT_REPLAY_MB),
    replayTransition: doc.output.recording.replayTransitionKind ?? '',
    replayTransitionMs: String(replayTransitionMs(doc)),
    replayReturn: doc.output.recording.replayReturnToScene ?? true,
  };
}

/**
 * The draft after the document changed under the open dialog (a template applied, another client,
 * a Save): each field the user has not edited follows the document; edited ones keep what was
 * typed. Destination rows are left alone (the dialog updates them from each save's answer).
 */
export function rebaseDraft(draft: SettingsDraft, before: StudioDocument, after: StudioDocument): SettingsDraft {
  const was = fieldsFrom(before);
  const now = fieldsFrom(after);
  let out = draft;
  for (const key of Object.keys(now) as (keyof FieldsDraft)[]) {
    if (now[key] !== was[key] && draft[key] === was[key]) out = { ...out, [key]: now[key] };
  }
  return out;
}

/** The size a draft asks for: a preset, or the custom fields. */
export function draftSize(d: SettingsDraft): { width: string; height: string } {
  if (d.resolution === CUSTOM) return { width: d.width, height: d.height };
  const [width = '', height = ''] = d.resolution.split('x');
  return { width, height };
}

/** The output size a draft asks for: the base size (SAME), a preset, or the custom fields. */
export function draftOutputSize(d: SettingsDraft): { width: string; height: string } {
  if (d.outResolution === SAME) return draftSize(d);
  if (d.outResolution === CUSTOM) return { width: d.outWidth, height: d.outHeight };
  const [width = '', height = ''] = d.outResolution.split('x');
  return { width, height };
}

/** The engine's rules for frame sizes (videoSettingsSchema): the range, and base width by 4, the rest even. */
function frameSide(text: string, label: string, min: number, max: number, by: 2 | 4): { value: number | null; error: string | null } {
  const n = parseNumber(text, { integer: true, min, max });
  const rule = by === 4 ? 'a multiple of 4' : 'an even number';
  if (n === null || n % by !== 0) return { value: null, error: `${label} must be ${rule} from ${min} to ${max}.` };
  return { value: n, error: null };
}

export interface DestinationSave {
  /** The draft row it comes from (a new row learns its id from the answer). */
  row: string;
  args: CommandArgs<'destination.upsert'>;
}

export interface SavePlan {
  /** Creates and updates, in row order; only rows with changes. */
  destinations?: DestinationSave[];
  video?: CommandArgs<'video.set'>;
  encoder?: CommandArgs<'output.setEncoder'>;
  screenshots?: CommandArgs<'output.setScreenshots'>;
  /** The replay buffer's length and memory cap, which live beside the recording's settings. */
  replay?: CommandArgs<'output.setRecording'>;
}

export interface FieldError {
  /** A SettingsDraft field, or `dest:<row>:<field>` for a destination row's field. */
  field: string;
  message: string;
}

export const destField = (row: string, field: keyof DestinationDraft): string => `dest:${row}:${field}`;

export type PlanResult = { ok: true; plan: SavePlan } | { ok: false; errors: FieldError[] };

export function planSave(doc: StudioDocument, d: SettingsDraft): PlanResult {
  const { plan, errors } = planParts(doc, d);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}

/**
 * Everything that can be saved now, and every field that cannot (with why): the dialog applies
 * as you go, so a field still wrong does not hold back the others.
 */
export function planParts(doc: StudioDocument, d: SettingsDraft): { plan: SavePlan; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const plan: SavePlan = {};

  const saves: DestinationSave[] = [];
  // Names already in use, so a new destination's default name ("Twitch 2") tells it apart.
  const taken = new Set([...doc.destinations.map((x) => x.name), ...d.destinations.map((x) => x.name.trim()).filter(Boolean)]);
  for (const row of d.destinations) {
    const save = planDestination(doc, row, errors, taken);
    if (save) saves.push(save);
  }
  if (saves.length > 0) plan.destinations = saves;

  const size = draftSize(d);
  const outSize = draftOutputSize(d);
  const L = VIDEO_LIMITS;
  const w = frameSide(size.width, 'Base width', L.minWidth, L.maxWidth, 4);
  const h = frameSide(size.height, 'Base height', L.minHeight, L.maxHeight, 2);
  const ow = frameSide(outSize.width, 'Output width', L.minWidth, L.maxWidth, 2);
  const oh = frameSide(outSize.height, 'Output height', L.minHeight, L.maxHeight, 2);
  const width = w.value;
  const height = h.value;
  const v = doc.video;
  // A fractional rate set elsewhere (59.94 = 60000/1001) stays as it is unless the user picks another.
  const keepFps = d.fps === fpsText(v.fpsNumerator, v.fpsDenominator);
  const fps = keepFps ? v.fpsNumerator / v.fpsDenominator : parseNumber(d.fps, { integer: true, min: 1, max: VIDEO_LIMITS.maxFps });
  if (w.error) errors.push({ field: 'width', message: w.error });
  if (h.error) errors.push({ field: 'height', message: h.error });
  // A scaled size's errors are the output fields' own; with SAME they repeat the base ones, so none.
  if (d.outResolution !== SAME) {
    if (ow.error) errors.push({ field: 'outWidth', message: ow.error });
    if (oh.error) errors.push({ field: 'outHeight', message: oh.error });
  }
  if (fps === null) errors.push({ field: 'fps', message: `Frame rate must be a whole number from 1 to ${VIDEO_LIMITS.maxFps}.` });
  // A size is sent as a pair or not at all (the current pair stays while either half is wrong), so
  // the frame rate or the other size still applies when one field is refused.
  const baseOk = width !== null && height !== null;
  const bw = baseOk ? width : v.baseWidth;
  const bh = baseOk ? height : v.baseHeight;
  const outOk = d.outResolution === SAME ? baseOk : ow.value !== null && oh.value !== null;
  const outW = !outOk ? v.outputWidth : d.outResolution === SAME ? bw : ow.value!;
  const outH = !outOk ? v.outputHeight : d.outResolution === SAME ? bh : oh.value!;
  const fpsChanged = !keepFps && fps !== null;
  if (v.baseWidth !== bw || v.baseHeight !== bh || v.outputWidth !== outW || v.outputHeight !== outH || fpsChanged) {
    const rate = fpsChanged ? { fpsNumerator: fps, fpsDenominator: 1 } : { fpsNumerator: v.fpsNumerator, fpsDenominator: v.fpsDenominator };
    plan.video = { baseWidth: bw, baseHeight: bh, outputWidth: outW, outputHeight: outH, ...rate };
  }

  const bitrate = parseNumber(d.bitrate, { integer: true, ...BITRATE });
  const keyframe = parseNumber(d.keyframe, { integer: true, ...KEYFRAME });
  const bFrames = parseNumber(d.bFrames, { integer: true, min: B_FRAMES[0], max: B_FRAMES[B_FRAMES.length - 1] });
  const audio = AUDIO_BITRATES.find((b) => String(b) === d.audioBitrate.trim()) ?? null;
  if (bitrate === null) errors.push({ field: 'bitrate', message: `Bitrate must be a whole number of kbps from ${BITRATE.min} to ${BITRATE.max}.` });
  if (keyframe === null) errors.push({ field: 'keyframe', message: `Keyframe interval must be a whole number of seconds from ${KEYFRAME.min} to ${KEYFRAME.max}.` });
  if (bFrames === null) errors.push({ field: 'bFrames', message: 'B-frames must be a whole number from 0 to 4.' });
  if (audio === null) errors.push({ field: 'audioBitrate', message: `Audio bitrate must be one of ${AUDIO_BITRATES.join(', ')} kbps.` });
  const e = doc.output.encoder;
  const encoder: Partial<EncoderSettings> = {};
  if (d.encoder !== e.encoder) encoder.encoder = d.encoder;
  const rateControl = RATE_CONTROLS.find((r) => r === d.rateControl);
  if (rateControl && rateControl !== e.rateControl) encoder.rateControl = rateControl;
  if (bitrate !== null && bitrate !== e.bitrateKbps) encoder.bitrateKbps = bitrate;
  if (keyframe !== null && keyframe !== e.keyframeIntervalSec) encoder.keyframeIntervalSec = keyframe;
  if (d.preset !== e.preset) encoder.preset = d.preset;
  const profile = PROFILES.find((p) => p === d.profile);
  if (profile && profile !== e.profile) encoder.profile = profile;
  if (bFrames !== null && bFrames !== e.bFrames) encoder.bFrames = bFrames;
  if (audio !== null && audio !== e.audioBitrateKbps) encoder.audioBitrateKbps = audio;
  if (Object.keys(encoder).length > 0) plan.encoder = encoder;

  const shots = planScreenshots(doc, d, errors);
  if (shots) plan.screenshots = shots;
  const replay = planReplay(doc, d, errors);
  if (replay) plan.replay = replay;

  return { plan, errors };
}

function planScreenshots(doc: StudioDocument, d: SettingsDraft, errors: FieldError[]): CommandArgs<'output.setScreenshots'> | null {
  const current = doc.output.screenshots;
  const interval = parseNumber(d.shotsInterval, { integer: true, ...SHOTS_INTERVAL });
  const keep = parseNumber(d.shotsKeep, { integer: true, ...SHOTS_KEEP });
  const folder = d.shotsFolder.trim();
  if (interval === null) errors.push({ field: 'shotsInterval', message: `Interval must be a whole number of seconds from ${SHOTS_INTERVAL.min} to ${SHOTS_INTERVAL.max}.` });
  if (keep === null) errors.push({ field: 'shotsKeep', message: `Keep must be a whole number from ${SHOTS_KEEP.min} to ${SHOTS_KEEP.max}.` });
  // Absolute on Linux/macOS (/…) or Windows (C:\… or \\server\…); the engine checks it again.
  if (folder !== '' && !/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(folder)) {
    errors.push({ field: 'shotsFolder', message: 'Folder must be an absolute path, or empty for screenshots/ in the data folder.' });
  }
  const patch: CommandArgs<'output.setScreenshots'> = {};
  if (d.shotsEnabled !== current.enabled) patch.enabled = d.shotsEnabled;
  if (interval !== null && interval !== current.intervalSec) patch.intervalSec = interval;
  if (keep !== null && keep !== current.keep) patch.keep = keep;
  if (folder !== current.folder) patch.folder = folder;
  if ((d.shotsFormat === 'png' || d.shotsFormat === 'jpeg') && d.shotsFormat !== current.format) patch.format = d.shotsFormat;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The replay transition's stored duration, else the current transition's (what Play last replay runs). */
const replayTransitionMs = (doc: StudioDocument): number => doc.output.recording.replayTransitionMs ?? (doc.transition ?? DEFAULT_TRANSITION).durationMs;

function planReplay(doc: StudioDocument, d: SettingsDraft, errors: FieldError[]): CommandArgs<'output.setRecording'> | null {
  const rec = doc.output.recording;
  const seconds = parseNumber(d.replaySeconds, { integer: true, ...REPLAY_SECONDS });
  const mb = parseNumber(d.replayMb, { integer: true, ...REPLAY_MB });
  if (seconds === null) errors.push({ field: 'replaySeconds', message: `Replay length must be a whole number of seconds from ${REPLAY_SECONDS.min} to ${REPLAY_SECONDS.max}.` });
  if (mb === null) errors.push({ field: 'replayMb', message: `Replay memory must be a whole number of MB from ${REPLAY_MB.min} to ${REPLAY_MB.max}.` });
  const patch: CommandArgs<'output.setRecording'> = {};
  if (seconds !== null && seconds !== (rec.replayMaxSeconds ?? DEFAULT_REPLAY_SECONDS)) patch.replayMaxSeconds = seconds;
  if (mb !== null && mb !== (rec.replayMaxMb ?? DEFAULT_REPLAY_MB)) patch.replayMaxMb = mb;
  const ms = parseNumber(d.replayTransitionMs, { integer: true, ...REPLAY_TRANSITION_MS });
  if (ms === null) {
    errors.push({ field: 'replayTransitionMs', message: `Replay transition duration must be a whole number of ms from ${REPLAY_TRANSITION_MS.min} to ${REPLAY_TRANSITION_MS.max}.` });
  }
  if (ms !== null && ms !== replayTransitionMs(doc)) patch.replayTransitionMs = ms;
  if (d.replayTransition !== (rec.replayTransitionKind ?? '')) patch.replayTransitionKind = d.replayTransition;
  if (d.replayReturn !== (rec.replayReturnToScene ?? true)) patch.replayReturnToScene = d.replayReturn;
  return Object.keys(patch).length > 0 ? patch : null;
}

const SERVER = /^(?:rtmps?|srt):\/\/[^\s/?#:]+/i;

/** RTMP needs a key (typed, stored, or already in the URL as rtmp://host/app/key); SRT carries its own. */
function needsKey(server: string): boolean {
  const m = /^rtmps?:\/\/[^/?#]+(\/[^?#]*)?(\?.*)?$/i.exec(server);
  if (!m) return false;
  const segments = (m[1] ?? '').split('/').filter(Boolean);
  return segments.length < 2 && !m[2];
}

/** What a draft rendition asks for: null when every field is empty (share the main encoding). */
function draftRendition(row: DestinationDraft, errors: FieldError[]): Rendition | null | undefined {
  const out: Rendition = {};
  let bad = false;
  const field = (name: 'bitrate' | 'width' | 'height', min: number, max: number, even: boolean, message: string): number | undefined => {
    const text = row[name].trim();
    if (text === '') return undefined;
    const n = parseNumber(text, { integer: true, min, max });
    if (n === null || (even && n % 2 !== 0)) {
      errors.push({ field: destField(row.row, name), message });
      bad = true;
      return undefined;
    }
    return n;
  };
  const bitrate = field('bitrate', 200, 50_000, false, 'Rendition bitrate must be a whole number of kbps from 200 to 50000, or empty.');
  const width = field('width', VIDEO_LIMITS.minWidth, VIDEO_LIMITS.maxWidth, true, `Rendition width must be an even number from ${VIDEO_LIMITS.minWidth} to ${VIDEO_LIMITS.maxWidth}, or empty.`);
  const height = field('height', VIDEO_LIMITS.minHeight, VIDEO_LIMITS.maxHeight, true, `Rendition height must be an even number from ${VIDEO_LIMITS.minHeight} to ${VIDEO_LIMITS.maxHeight}, or empty.`);
  if (bad) return undefined;
  if (bitrate !== undefined) out.bitrateKbps = bitrate;
  if (width !== undefined) out.width = width;
  if (height !== undefined) out.height = height;
  return Object.keys(out).length > 0 ? out : null;
}

function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

const sameRendition = (a: Rendition | null, b: Rendition | null): boolean =>
  (a?.bitrateKbps ?? null) === (b?.bitrateKbps ?? null) && (a?.width ?? null) === (b?.width ?? null) && (a?.height ?? null) === (b?.height ?? null);

/** The upsert a row needs (only changed fields), null when nothing changed; problems go to errors. */
function planDestination(doc: StudioDocument, row: DestinationDraft, errors: FieldError[], taken: Set<string>): DestinationSave | null {
  const server = row.server.trim();
  const key = row.key.trim();
  const name = row.name.trim();
  const saved = row.id ? doc.destinations.find((x) => x.id === row.id) : undefined;
  // Just created, and the document has not caught up yet: the next change updates it.
  if (row.id && !saved) return null;
  // A blank new row is simply not there yet.
  if (!saved && server === '' && key === '' && name === '' && row.preset === 'custom') return null;
  const before = errors.length;
  if (!SERVER.test(server)) errors.push({ field: destField(row.row, 'server'), message: 'Server must be an rtmp://, rtmps:// or srt:// address with a host.' });
  if (saved && name === '') errors.push({ field: destField(row.row, 'name'), message: 'Give the destination a name.' });
  if (key === '' && !saved?.hasKey && needsKey(server)) {
    const called = name || saved?.name || (row.preset === 'custom' ? 'This destination' : presetOf(row.preset).name);
    errors.push({ field: destField(row.row, 'key'), message: `${called} has no stream key: enter the key your platform gave you.` });
  }
  const rendition = draftRendition(row, errors);
  if (errors.length > before || rendition === undefined) return null;
  // Signing and audience are refused on their own: the rest of the row still saves.
  const signing = planSigning(row, saved);
  const audience = planAudience(row, saved);
  for (const e of [...signing.errors, ...audience.errors]) errors.push({ field: destField(row.row, e.field), message: e.message });
  if (!saved) {
    const args: CommandArgs<'destination.upsert'> = {
      name: name || uniqueName(row.preset === 'custom' ? 'Custom RTMP' : presetOf(row.preset).name, taken),
      server,
      enabled: row.enabled,
    };
    taken.add(args.name!);
    if (row.preset !== 'custom') args.preset = row.preset;
    if (row.audioOnly) args.audioOnly = true;
    if (row.audioTrack !== 1) args.audioTrack = row.audioTrack;
    if (rendition) args.rendition = rendition;
    if (key !== '') args.key = key;
    if (signing.value) args.signing = signing.value;
    if (audience.value) args.audience = audience.value;
    return { row: row.row, args };
  }
  const args: CommandArgs<'destination.upsert'> = { id: saved.id };
  if (name !== saved.name) args.name = name;
  if (server !== saved.server) args.server = server;
  if (key !== '') args.key = key;
  if (row.enabled !== saved.enabled) args.enabled = row.enabled;
  if (row.preset !== saved.preset) args.preset = row.preset;
  if (row.audioOnly !== saved.audioOnly) args.audioOnly = row.audioOnly;
  if (row.audioTrack !== (saved.audioTrack ?? 1)) args.audioTrack = row.audioTrack;
  if (!sameRendition(rendition, saved.rendition)) args.rendition = rendition;
  if (signing.value !== undefined) args.signing = signing.value;
  if (audience.value !== undefined) args.audience = audience.value;
  return Object.keys(args).length > 1 ? { row: row.row, args } : null;
}
