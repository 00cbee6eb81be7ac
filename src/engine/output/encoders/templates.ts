/**
 * Named encoder templates: a saved set of encoder settings ("Twitch 1080p60 6000 kbps") the user
 * applies in one step. The limits are the document's own (encoderSettingsSchema), so a template can
 * never hold a value the output.setEncoder command would refuse. A template may also carry the
 * output size and frame rate it was made for; applying it then offers a video.set as well.
 */
import { Status, fail, type EncoderSettings, type EncoderTemplate, type Result, type VideoSettings } from '../../../shared';
import { parseArgs } from '../../document/issues';
import { ENCODERS, encoderTemplateSchema } from '../../document/schemas';

export { encoderTemplateSchema };
export type { EncoderTemplate };
export const TEMPLATE_ENCODERS = ENCODERS;
export type TemplateEncoder = (typeof TEMPLATE_ENCODERS)[number];

const video = (w: number, h: number, fps: number) => ({ outputWidth: w, outputHeight: h, fpsNumerator: fps, fpsDenominator: 1 });

// Every platform asks for a 2 s keyframe interval and CBR for live ingest.
export const BUILT_IN_TEMPLATES: readonly EncoderTemplate[] = [
  {
    name: 'Twitch 1080p60 6000 kbps', encoder: 'auto', rateControl: 'CBR', bitrateKbps: 6000, keyframeIntervalSec: 2,
    preset: 'veryfast', profile: 'high', bFrames: 2, audioBitrateKbps: 160, video: video(1920, 1080, 60),
  },
  {
    name: 'YouTube 1080p30 4500', encoder: 'auto', rateControl: 'CBR', bitrateKbps: 4500, keyframeIntervalSec: 2,
    preset: 'veryfast', profile: 'high', bFrames: 2, audioBitrateKbps: 128, video: video(1920, 1080, 30),
  },
  {
    name: 'Low bandwidth 720p30 2500', encoder: 'auto', rateControl: 'CBR', bitrateKbps: 2500, keyframeIntervalSec: 2,
    preset: 'veryfast', profile: 'main', bFrames: 2, audioBitrateKbps: 128, video: video(1280, 720, 30),
  },
  {
    // Talk shows and podcasts on a thin uplink: the video gives way so the voice stays clean.
    name: 'Audio-first 480p 1000', encoder: 'auto', rateControl: 'CBR', bitrateKbps: 1000, keyframeIntervalSec: 2,
    preset: 'veryfast', profile: 'main', bFrames: 0, audioBitrateKbps: 192, video: video(854, 480, 30),
  },
];

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * A user template, checked against the document's limits. `taken` lists the names of the user's
 * other templates; built-in names are always taken.
 */
export function validateTemplate(input: unknown, taken: readonly string[] = []): Result<EncoderTemplate> {
  const parsed = parseArgs(encoderTemplateSchema, input);
  if (!parsed.ok) return parsed;
  const name = parsed.value.name;
  if (BUILT_IN_TEMPLATES.some((t) => sameName(t.name, name)) || taken.some((n) => sameName(n, name))) {
    return fail(Status.ResourceAlreadyExists, `A template named "${name}" already exists; choose another name.`, 'name');
  }
  return parsed;
}

/** A template holding the current settings, for "save as template". */
export function templateFromSettings(name: string, s: EncoderSettings, v?: VideoSettings): EncoderTemplate {
  const encoder = (TEMPLATE_ENCODERS as readonly string[]).includes(s.encoder) ? (s.encoder as TemplateEncoder) : 'auto';
  const t: EncoderTemplate = {
    name,
    encoder,
    rateControl: s.rateControl,
    bitrateKbps: s.bitrateKbps,
    keyframeIntervalSec: s.keyframeIntervalSec,
    preset: s.preset as EncoderTemplate['preset'],
    profile: s.profile,
    bFrames: s.bFrames,
    audioBitrateKbps: s.audioBitrateKbps as EncoderTemplate['audioBitrateKbps'],
  };
  if (v) t.video = { outputWidth: v.outputWidth, outputHeight: v.outputHeight, fpsNumerator: v.fpsNumerator, fpsDenominator: v.fpsDenominator };
  return t;
}

/** What applying a template changes: new encoder settings, and the video fields it names, if any. */
export function applyTemplate(t: EncoderTemplate, current: EncoderSettings): { encoder: EncoderSettings; video: Partial<VideoSettings> | null } {
  return {
    encoder: {
      ...current,
      encoder: t.encoder,
      rateControl: t.rateControl,
      bitrateKbps: t.bitrateKbps,
      keyframeIntervalSec: t.keyframeIntervalSec,
      preset: t.preset,
      profile: t.profile,
      bFrames: t.bFrames,
      audioBitrateKbps: t.audioBitrateKbps ?? current.audioBitrateKbps,
    },
    video: t.video ? { ...t.video } : null,
  };
}
