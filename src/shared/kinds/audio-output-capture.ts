/**
 * OBS's audio output capture ("Desktop Audio"): what the computer plays. device_id is OBS's
 * pulse_output_capture setting: the monitor source of an output (PulseAudio/PipeWire sink, e.g.
 * "alsa_output.pci-0000_00_1f.3.analog-stereo.monitor"), or "default" for the default output's
 * monitor. Its list is the outputs, served by the engine (engine/media/desktop-audio.ts).
 *
 * Chromium hides monitor sources from web pages (measured: Debian's Chromium 156 lists none), so on
 * Linux the engine loads a PulseAudio remap source over the monitor, which Chromium does list, under
 * the label desktopAudioLabel(device_id); the renderer opens that device. Windows, and macOS 13+ in
 * the desktop app, answer with the system loopback (getDisplayMedia); older macOS has neither, and
 * the note says so where people choose it.
 */
import type { KindDescriptor } from '../kinds';

/** The device_id that follows the default output, as OBS's "default". */
export const DEFAULT_OUTPUT_DEVICE = 'default';

/** The prefix of the capture devices the engine makes over monitors (a PulseAudio source description). */
export const DESKTOP_AUDIO_LABEL = 'Desktop audio for Broadcast Studio';

/** The label (PulseAudio description) of the capture device for this device_id. */
export function desktopAudioLabel(deviceId: string): string {
  return `${DESKTOP_AUDIO_LABEL} (${deviceId || DEFAULT_OUTPUT_DEVICE})`;
}

export const AUDIO_OUTPUT_CAPTURE: KindDescriptor = {
  id: 'audio_output_capture',
  aliases: ['wasapi_output_capture', 'pulse_output_capture', 'coreaudio_output_capture'],
  category: 'input',
  displayName: 'Audio output capture (desktop audio)',
  video: false,
  audio: true,
  defaults: { device_id: DEFAULT_OUTPUT_DEVICE },
  properties: [{ type: 'list', name: 'device_id', label: 'Device', options: [{ label: 'Default', value: DEFAULT_OUTPUT_DEVICE }], devices: 'monitor' }],
  note:
    'Desktop audio is captured on Windows (system loopback), on macOS 13 or later in the desktop app ' +
    '(the system sound, which needs Broadcast Studio allowed under Privacy & Security › Screen & System ' +
    'Audio Recording), and on Linux with PulseAudio or PipeWire (the monitor of the chosen output; ' +
    '"Default" follows the default output when the source starts). Older macOS does not let an app ' +
    'record what the computer plays: route the sound through a loopback device (such as BlackHole) ' +
    'and capture that with an Audio input capture. Where the system cannot, the source stays silent ' +
    'and says why.',
};
