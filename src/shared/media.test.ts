import { describe, expect, it } from 'vitest';
import { desktopAudioLabel } from './kinds/audio-output-capture';
import { choosableDevices, type MediaDevice } from './media';

describe('choosableDevices', () => {
  const devices: MediaDevice[] = [
    { kind: 'audioinput', deviceId: 'mic', label: 'USB microphone' },
    { kind: 'audioinput', deviceId: 'remap', label: desktopAudioLabel('default') },
    { kind: 'videoinput', deviceId: 'cam', label: 'Webcam' },
    { kind: 'audioinput', deviceId: 'unlabelled', label: '' },
  ];

  it("leaves out the studio's own desktop-audio capture devices and other kinds", () => {
    expect(choosableDevices(devices, 'audioinput').map((d) => d.deviceId)).toEqual(['mic', 'unlabelled']);
    expect(choosableDevices(devices, 'videoinput').map((d) => d.deviceId)).toEqual(['cam']);
  });
});
