/**
 * The settings dialog's draft (strings, as typed) and the commands that save it. Only what changed
 * is sent, so a refused part (video while live) does not stop the others.
 */
import { VIDEO_LIMITS, type CommandArgs, type EncoderSettings, type StudioDocument } from '../../../shared';
import { parseNumber } from '../../forms/numbers';

export const RESOLUTIONS = ['1280x720', '1920x1080', '848x480'] as const;
export const FPS_CHOICES = [24, 25, 30, 50, 60] as const;
export const X264_PRESETS = ['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium'] as const;
export const PROFILES: readonly EncoderSettings['profile'][] = ['baseline', 'main', 'high'];
export const CUSTOM = 'custom';

export interface SettingsDraft {
  server: string;
  /** Typed stream key; '' keeps the stored one. */
  key: string;
  resolution: string;
  width: string;
  height: string;
  fps: string;
  bitrate: string;
  keyframe: string;
  preset: string;
  profile: string;
  ffmpegPath: string;
}

export const fpsText = (num: number, den: number): string => String(Math.round((num / den) * 1000) / 1000);

export function draftFrom(doc: StudioDocument): SettingsDraft {
  const v = doc.video;
  const size = `${v.baseWidth}x${v.baseHeight}`;
  const e = doc.output.encoder;
  return {
    server: doc.destinations[0]?.server ?? '',
    key: '',
    resolution: (RESOLUTIONS as readonly string[]).includes(size) ? size : CUSTOM,
    width: String(v.baseWidth),
    height: String(v.baseHeight),
    fps: fpsText(v.fpsNumerator, v.fpsDenominator),
    bitrate: String(e.bitrateKbps),
    keyframe: String(e.keyframeIntervalSec),
    preset: e.preset,
    profile: e.profile,
    ffmpegPath: doc.output.ffmpegPath,
  };
}

/** The size a draft asks for: a preset, or the custom fields. */
export function draftSize(d: SettingsDraft): { width: string; height: string } {
  if (d.resolution === CUSTOM) return { width: d.width, height: d.height };
  const [width = '', height = ''] = d.resolution.split('x');
  return { width, height };
}

export interface SavePlan {
  destination?: CommandArgs<'destination.upsert'>;
  video?: CommandArgs<'video.set'>;
  encoder?: CommandArgs<'output.setEncoder'>;
  ffmpegPath?: CommandArgs<'output.setFfmpegPath'>;
}

export interface FieldError {
  field: keyof SettingsDraft;
  message: string;
}

export type PlanResult = { ok: true; plan: SavePlan } | { ok: false; errors: FieldError[] };

export function planSave(doc: StudioDocument, d: SettingsDraft): PlanResult {
  const errors: FieldError[] = [];
  const plan: SavePlan = {};

  const dest = doc.destinations[0];
  const server = d.server.trim();
  const key = d.key.trim();
  if (dest) {
    const args: CommandArgs<'destination.upsert'> = { id: dest.id };
    if (server !== dest.server) args.server = server;
    if (key !== '') args.key = key;
    if (Object.keys(args).length > 1) plan.destination = args;
  } else if (server !== '' || key !== '') {
    plan.destination = { name: 'Custom RTMP', server, enabled: true, ...(key !== '' ? { key } : {}) };
  }

  const size = draftSize(d);
  const width = parseNumber(size.width, { integer: true, min: VIDEO_LIMITS.minWidth, max: VIDEO_LIMITS.maxWidth });
  const height = parseNumber(size.height, { integer: true, min: VIDEO_LIMITS.minHeight, max: VIDEO_LIMITS.maxHeight });
  const v = doc.video;
  // A fractional rate set elsewhere (59.94 = 60000/1001) stays as it is unless the user picks another.
  const keepFps = d.fps === fpsText(v.fpsNumerator, v.fpsDenominator);
  const fps = keepFps ? v.fpsNumerator / v.fpsDenominator : parseNumber(d.fps, { integer: true, min: 1, max: VIDEO_LIMITS.maxFps });
  if (width === null) errors.push({ field: 'width', message: `Width must be a whole number from ${VIDEO_LIMITS.minWidth} to ${VIDEO_LIMITS.maxWidth}.` });
  if (height === null) errors.push({ field: 'height', message: `Height must be a whole number from ${VIDEO_LIMITS.minHeight} to ${VIDEO_LIMITS.maxHeight}.` });
  if (fps === null) errors.push({ field: 'fps', message: `Frame rate must be a whole number from 1 to ${VIDEO_LIMITS.maxFps}.` });
  if (width !== null && height !== null && fps !== null) {
    if (v.baseWidth !== width || v.baseHeight !== height || !keepFps) {
      const rate = keepFps ? { fpsNumerator: v.fpsNumerator, fpsDenominator: v.fpsDenominator } : { fpsNumerator: fps, fpsDenominator: 1 };
      plan.video = { baseWidth: width, baseHeight: height, outputWidth: width, outputHeight: height, ...rate };
    }
  }

  const bitrate = parseNumber(d.bitrate, { integer: true, min: 100, max: 100_000 });
  const keyframe = parseNumber(d.keyframe, { min: 0.5, max: 20 });
  if (bitrate === null) errors.push({ field: 'bitrate', message: 'Bitrate must be a whole number of kbps from 100 to 100000.' });
  if (keyframe === null) errors.push({ field: 'keyframe', message: 'Keyframe interval must be from 0.5 to 20 seconds.' });
  const e = doc.output.encoder;
  const encoder: Partial<EncoderSettings> = {};
  if (bitrate !== null && bitrate !== e.bitrateKbps) encoder.bitrateKbps = bitrate;
  if (keyframe !== null && keyframe !== e.keyframeIntervalSec) encoder.keyframeIntervalSec = keyframe;
  if (d.preset !== e.preset) encoder.preset = d.preset;
  const profile = PROFILES.find((p) => p === d.profile);
  if (profile && profile !== e.profile) encoder.profile = profile;
  if (Object.keys(encoder).length > 0) plan.encoder = encoder;

  if (d.ffmpegPath.trim() !== doc.output.ffmpegPath) plan.ffmpegPath = { ffmpegPath: d.ffmpegPath.trim() };

  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}
