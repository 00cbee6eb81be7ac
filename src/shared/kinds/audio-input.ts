/**
 * OBS's audio input capture (a microphone or line in), under one id for every platform; OBS's
 * platform ids are aliases. Broadcast audio, not a call: the browser's echo cancellation, noise
 * suppression and automatic gain are off unless asked for, each on its own. device_id is the
 * browser's id for the device and device_name its label, which the engine keeps beside it so the
 * device is found again when the id changes (engine/media/cameras.ts).
 */
import type { KindDescriptor } from '../kinds';

/** The device_id that follows the system's default input, as OBS's "default". */
export const DEFAULT_AUDIO_DEVICE = 'default';

export const AUDIO_INPUT: KindDescriptor = {
  id: 'audio_input',
  aliases: ['wasapi_input_capture', 'pulse_input_capture', 'coreaudio_input_capture'],
  category: 'input',
  displayName: 'Audio input capture',
  video: false,
  audio: true,
  defaults: { device_id: DEFAULT_AUDIO_DEVICE, device_name: '', echo_cancellation: false, noise_suppression: false, auto_gain: false },
  properties: [
    { type: 'list', name: 'device_id', label: 'Device', options: [{ label: 'Default', value: DEFAULT_AUDIO_DEVICE }], devices: 'audioinput' },
    { type: 'bool', name: 'echo_cancellation', label: 'Echo cancellation' },
    { type: 'bool', name: 'noise_suppression', label: 'Noise suppression (the browser’s)' },
    { type: 'bool', name: 'auto_gain', label: 'Automatic gain' },
  ],
};
