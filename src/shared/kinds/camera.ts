import type { KindDescriptor } from '../kinds';

/**
 * A camera (video capture device), opened with getUserMedia in the compositing Chromium. OBS's
 * platform ids are aliases. device_id is the browser's device id, which changes with the browser
 * profile (server mode's headless Chromium gets a new one each run); device_name is the label it had,
 * so a re-plugged or re-numbered camera is found again by name.
 *
 * Sound, with dshow_input's settings names: use_custom_audio_device false (OBS's default) takes the
 * camera's own microphone, the audio input of the same device (same groupId), as dshow takes a
 * device's own audio unless told otherwise, so a capture card's HDMI sound or a webcam's built-in
 * microphone comes with its picture and gets a mixer strip (muted there like any input); a camera
 * with no microphone of its own is silent. true takes audio_device_id instead ('' = no sound).
 */
export const CAMERA_INPUT: KindDescriptor = {
  id: 'camera_input',
  aliases: ['v4l2_input', 'dshow_input', 'av_capture_input'],
  category: 'input',
  displayName: 'Camera',
  video: true,
  audio: true,
  defaults: { device_id: '', device_name: '', resolution: '', fps: 0, mirror: false, use_custom_audio_device: false, audio_device_id: '' },
  properties: [
    { type: 'list', name: 'device_id', label: 'Device', options: [{ label: 'Default camera', value: '' }], devices: 'videoinput' },
    {
      type: 'list',
      name: 'resolution',
      label: 'Resolution',
      options: [
        { label: 'Device default', value: '' },
        { label: '3840×2160', value: '3840x2160' },
        { label: '1920×1080', value: '1920x1080' },
        { label: '1280×720', value: '1280x720' },
        { label: '960×540', value: '960x540' },
        { label: '640×480', value: '640x480' },
        { label: '640×360', value: '640x360' },
      ],
    },
    { type: 'int', name: 'fps', label: 'Frame rate (0 = device default)', min: 0, max: 120, suffix: 'fps' },
    { type: 'bool', name: 'mirror', label: 'Mirror' },
    { type: 'bool', name: 'use_custom_audio_device', label: 'Use custom audio device (else the camera’s own microphone)' },
    { type: 'list', name: 'audio_device_id', label: 'Audio device', options: [{ label: 'None', value: '' }], devices: 'audioinput' },
  ],
};
