/**
 * Desktop audio (audio_output_capture) in the desktop app: a getDisplayMedia that asks for audio is
 * answered with the system's loopback where Chromium has one. Windows always has it. macOS has it
 * from macOS 13 (Darwin 22) through ScreenCaptureKit (and Core Audio taps from 14.2), behind two
 * Chromium features that must be on before the app is ready; the capture needs the Screen (& System
 * Audio) Recording permission. Older macOS, and Linux's desktop app (which takes desktop audio from
 * the engine's PulseAudio remap source instead, never through getDisplayMedia), get no audio, and
 * the source says so.
 */
import { release as osRelease } from 'node:os';

/**
 * Chromium's switches for macOS system-audio loopback in screen capture: the loopback itself, and
 * ScreenCaptureKit's path on every version (Chromium turns it off by default on macOS 15 and later).
 */
export const MAC_LOOPBACK_FEATURES = ['MacLoopbackAudioForScreenShare', 'MacSckSystemAudioLoopbackOverride'] as const;

/** The first Darwin release of macOS 13, where ScreenCaptureKit can capture the system's sound. */
const FIRST_DARWIN = 22;

/** Whether this macOS (os.release(), a Darwin version such as "22.6.0") can give system audio. */
export function macLoopbackSupported(release: string): boolean {
  const major = Number.parseInt(release, 10);
  return Number.isFinite(major) && major >= FIRST_DARWIN;
}

export function loopbackAudio(platform: NodeJS.Platform, audioRequested: boolean, release: string = osRelease()): { audio?: 'loopback' } {
  if (!audioRequested) return {};
  if (platform === 'win32' || (platform === 'darwin' && macLoopbackSupported(release))) return { audio: 'loopback' };
  return {};
}

/** An --enable-features value with `add` joined to what was there, each feature once, order kept. */
export function mergeFeatures(existing: string, add: readonly string[]): string {
  const features = existing.split(',').map((f) => f.trim()).filter((f) => f !== '');
  for (const f of add) if (!features.includes(f)) features.push(f);
  return features.join(',');
}

/** The part of Electron's app.commandLine this needs. */
export interface FeatureSwitches {
  hasSwitch(name: string): boolean;
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/**
 * Turns macOS's loopback features on (darwin only; call before the app is ready). Features the
 * user or Electron already enabled are kept: Chromium reads only the last --enable-features, so a
 * bare append would drop them.
 */
export function enableSystemAudioLoopback(commandLine: FeatureSwitches, platform: NodeJS.Platform): void {
  if (platform !== 'darwin') return;
  const existing = commandLine.hasSwitch('enable-features') ? commandLine.getSwitchValue('enable-features') : '';
  commandLine.appendSwitch('enable-features', mergeFeatures(existing, MAC_LOOPBACK_FEATURES));
}
