/**
 * Which encoding a destination takes. Destinations without a rendition of their own (and audio-only
 * ones, whose audio is the same in every rendition) share the main encoding; a rendition that works
 * out the same as the main one shares it too. Equal renditions share one encoder: the plan's key
 * says which.
 */
import type { EncoderSettings, Rendition, VideoSettings } from '../../shared';

export const MAIN_RENDITION = 'main';

export interface RenditionPlan {
  /** MAIN_RENDITION, or "<w>x<h>@<kbps>k". */
  key: string;
  video: VideoSettings;
  encoder: EncoderSettings;
}

const even = (n: number): number => Math.max(2, 2 * Math.round(n / 2));

export function planRendition(
  video: VideoSettings,
  encoder: EncoderSettings,
  rendition: Rendition | null | undefined,
  audioOnly = false,
): RenditionPlan {
  const main: RenditionPlan = { key: MAIN_RENDITION, video, encoder };
  if (!rendition || audioOnly) return main;
  const { outputWidth: w0, outputHeight: h0 } = video;
  let width = rendition.width;
  let height = rendition.height;
  // Only one side given: the other follows the main output's aspect ratio.
  if (width && !height) height = (width * h0) / w0;
  if (height && !width) width = (height * w0) / h0;
  const w = width ? even(width) : w0;
  const h = height ? even(height) : h0;
  const kbps = rendition.bitrateKbps ? Math.round(rendition.bitrateKbps) : encoder.bitrateKbps;
  if (w === w0 && h === h0 && kbps === encoder.bitrateKbps) return main;
  return {
    key: `${w}x${h}@${kbps}k`,
    video: { ...video, outputWidth: w, outputHeight: h },
    encoder: { ...encoder, bitrateKbps: kbps },
  };
}

/** Bytes a destination may fall behind by: `seconds` of its rendition's video and audio. */
export function bufferBytes(encoder: EncoderSettings, seconds: number): number {
  const bytesPerSecond = ((encoder.bitrateKbps + encoder.audioBitrateKbps) * 1000) / 8;
  // CBR padding, keyframes and muxing overhead run above the nominal rate; keep a floor for small rates.
  return Math.max(512 * 1024, Math.round(bytesPerSecond * 1.25 * seconds));
}
