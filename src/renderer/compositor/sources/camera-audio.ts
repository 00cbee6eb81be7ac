/**
 * Which microphone a camera_input takes (dshow_input's settings): its own, the audio input of the
 * same physical device (browsers give a device's camera and microphone one groupId), or the custom
 * audio_device_id, or none.
 */
import type { Settings } from '../../../shared';
import { bool, str } from './settings';

interface Device {
  kind: string;
  deviceId: string;
  groupId: string;
}

/** Browser pseudo-devices that stand for another input (they share its groupId). */
const ALIASES = new Set(['default', 'communications']);

/**
 * The audio input's deviceId, null for no sound, or undefined when the camera's own microphone
 * cannot be known yet (the camera's groupId is unknown until it has been opened).
 */
export function cameraMic(settings: Settings, cameraGroupId: string | undefined, devices: readonly Device[]): string | null | undefined {
  if (bool(settings, 'use_custom_audio_device', false)) return str(settings, 'audio_device_id', '') || null;
  if (!cameraGroupId) return undefined;
  const mics = devices.filter((d) => d.kind === 'audioinput' && d.deviceId !== '' && d.groupId === cameraGroupId);
  // The device itself rather than "default" when the camera's microphone is also the system's choice.
  return (mics.find((d) => !ALIASES.has(d.deviceId)) ?? mics[0])?.deviceId ?? null;
}
