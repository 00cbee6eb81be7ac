/**
 * How the compositing Chromium reaches desktop audio (audio_output_capture), decided from pure data
 * so it can be tested: on Linux the engine's remap source over the chosen output's monitor (listed
 * as an audio input labelled desktopAudioLabel(device_id), engine/media/desktop-audio.ts); on
 * Windows and macOS the system loopback through getDisplayMedia (the desktop app answers it with
 * the system's sound on Windows and on macOS 13+, main/loopback.ts; Chromium freezes the macOS
 * version in the user agent at 10_15_7, so the page cannot tell and the answer decides).
 */
import { DEFAULT_OUTPUT_DEVICE, desktopAudioLabel, type Settings } from '../../../shared';

export type DesktopAudioRoute = 'monitor' | 'loopback' | 'none';

/** The route for this browser's platform (navigator.userAgent). */
export function desktopAudioRoute(userAgent: string): DesktopAudioRoute {
  if (/Windows|Macintosh|Mac OS X/.test(userAgent)) return 'loopback';
  if (/Linux|CrOS|X11/.test(userAgent) && !/Android/.test(userAgent)) return 'monitor';
  return 'none';
}

/** The settings' device_id ("default" when unset). */
export function outputDeviceId(settings: Settings): string {
  const id = settings['device_id'];
  return typeof id === 'string' && id !== '' ? id : DEFAULT_OUTPUT_DEVICE;
}

/** The browser's id of the capture device made over this device_id's monitor, or null while there is none. */
export function findMonitorDevice(devices: readonly { kind: string; deviceId: string; label: string }[], deviceId: string): string | null {
  const label = desktopAudioLabel(deviceId);
  return devices.find((d) => d.kind === 'audioinput' && d.label === label && d.deviceId !== '')?.deviceId ?? null;
}

/** Why there is no desktop audio, in words a person can act on. */
export function noDesktopAudio(route: DesktopAudioRoute, deviceId: string): string {
  if (route === 'none') return 'this system does not let an app capture desktop audio; route it through a loopback device (such as BlackHole) and use an Audio input capture';
  return deviceId === DEFAULT_OUTPUT_DEVICE
    ? 'no PulseAudio/PipeWire monitor of the default output was found (is PulseAudio or PipeWire running, with pactl installed?)'
    : `no PulseAudio/PipeWire monitor "${deviceId}" was found (is that output connected?)`;
}

/**
 * Why a loopback capture brought no sound. On macOS: an older system (before 13) or a browser that
 * offers none, or the system's privacy switch (a refused Core Audio tap gives an ended track).
 */
export function noLoopbackAudio(userAgent: string, ended: boolean): string {
  if (!/Macintosh|Mac OS X/.test(userAgent)) return 'the system gave no sound to capture';
  if (ended) return 'macOS refused the sound: allow Broadcast Studio in System Settings › Privacy & Security › Screen & System Audio Recording, then quit and reopen it';
  return 'macOS gives an app the sound the computer plays only from macOS 13, in the desktop app; otherwise route it through a loopback device (such as BlackHole) and use an Audio input capture';
}

/** Desktop audio as broadcast sound: the browser's call-style processing off, stereo at 48 kHz. */
export function monitorConstraints(browserId: string): MediaTrackConstraints {
  return { deviceId: { exact: browserId }, echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: { ideal: 2 }, sampleRate: { ideal: 48000 } };
}
