/**
 * OBS's audio output capture ("Desktop Audio"): what the computer plays. Only some systems let an
 * app record it, and the kind says so where people choose it (note).
 */
import type { KindDescriptor } from '../kinds';

export const AUDIO_OUTPUT_CAPTURE: KindDescriptor = {
  id: 'audio_output_capture',
  aliases: ['wasapi_output_capture', 'pulse_output_capture', 'coreaudio_output_capture'],
  category: 'input',
  displayName: 'Audio output capture (desktop audio)',
  video: false,
  audio: true,
  defaults: {},
  properties: [],
  note:
    'Desktop audio is captured on Windows (system loopback). macOS and Linux do not let an app record ' +
    'what the computer plays this way: on Linux, add an Audio input capture and choose the ' +
    '"Monitor of …" device (PulseAudio/PipeWire); on macOS, route the sound through a loopback ' +
    'device (such as BlackHole) and capture that. Here the source stays silent and says why.',
};
