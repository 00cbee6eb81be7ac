import { describe, expect, it } from 'vitest';
import { cameraMic } from './camera-audio';

const devices = [
  { kind: 'audioinput', deviceId: 'default', groupId: 'usb-cam' },
  { kind: 'audioinput', deviceId: 'desk-mic', groupId: 'desk' },
  { kind: 'audioinput', deviceId: 'cam-mic', groupId: 'usb-cam' },
  { kind: 'videoinput', deviceId: 'cam', groupId: 'usb-cam' },
  { kind: 'videoinput', deviceId: 'capture', groupId: 'card' },
];

describe('cameraMic', () => {
  it("takes the camera's own microphone by groupId, the device rather than 'default'", () => {
    expect(cameraMic({}, 'usb-cam', devices)).toBe('cam-mic');
    expect(cameraMic({ use_custom_audio_device: false, audio_device_id: 'desk-mic' }, 'usb-cam', devices)).toBe('cam-mic');
    // Only the alias shares the group: it is the one there is.
    expect(cameraMic({}, 'usb-cam', devices.filter((d) => d.deviceId !== 'cam-mic'))).toBe('default');
  });

  it('is silent for a camera without a microphone, and undecided before the camera is known', () => {
    expect(cameraMic({}, 'card', devices)).toBeNull();
    // Before a capture permission, ids and groupIds are empty strings.
    expect(cameraMic({}, 'card', [{ kind: 'audioinput', deviceId: '', groupId: 'card' }])).toBeNull();
    expect(cameraMic({}, undefined, devices)).toBeUndefined();
    expect(cameraMic({}, '', devices)).toBeUndefined();
  });

  it('takes the custom device when asked, or none', () => {
    expect(cameraMic({ use_custom_audio_device: true, audio_device_id: 'desk-mic' }, 'usb-cam', devices)).toBe('desk-mic');
    expect(cameraMic({ use_custom_audio_device: true, audio_device_id: '' }, 'usb-cam', devices)).toBeNull();
    expect(cameraMic({ use_custom_audio_device: true }, undefined, devices)).toBeNull();
  });
});
