/**
 * The canvas's real frame rate beside the rate it is set to, OBS's "58.9 / 60 fps": the first
 * number is the compositor's own count of frames drawn with new content in the last second
 * (CompositorStats.fps), never the setting. Pure.
 */
import type { VideoSettings } from '../../../shared';
import { formatFps } from './format';

/** The configured canvas rate (30000/1001 → 29.97). */
export function configuredFps(video: Pick<VideoSettings, 'fpsNumerator' | 'fpsDenominator'>): number {
  return video.fpsDenominator > 0 ? video.fpsNumerator / video.fpsDenominator : 0;
}

/** "58.9 / 60 fps": measured, then configured (at most two decimals, none when whole). */
export function canvasRateText(measured: number, configured: number): string {
  const set = Math.round(configured * 100) / 100;
  return `${formatFps(measured)} / ${set} fps`;
}

export const CANVAS_RATE_HINT =
  'New frames the compositor drew in the last second, of the canvas rate set in Settings → Video. ' +
  'Fewer than set means frames were missed; a still picture needs no new frames (the last one is sent again, on time).';
