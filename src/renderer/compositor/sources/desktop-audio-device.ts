/**
 * How the compositing Chromium reaches desktop audio (audio_output_capture), decided from pure data
 * so it can be tested: on Linux the engine's remap source over the chosen output's monitor (listed
 * as an audio input labelled desktopAudioLabel(device_id), engine/media/desktop-audio.ts); on
 * Windows the system loopback through getDisplayMedia; on macOS nothing.
 */
import { DEFAULT_OUTPUT_DEVICE, desktopAudioLabel, type Settings } from '../../../shared';

export type DesktopAudioRoute = 'monitor' | 'loopback' | 'none';

/** The route for this browser's platform (navigator.userAgent). */
export function desktopAudioRoute(userAgent: string): DesktopAudioRoute {
  if (/Windows/.test(userAgent)) return 'loopback';
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

/** Desktop audio as broadcast sound: the browser's call-style processing off, stereo at 48 kHz. */
export function monitorConstraints(browserId: string): MediaTrackConstraints {
  return { deviceId: { exact: browserId }, echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: { ideal: 2 }, sampleRate: { ideal: 48000 } };
}
