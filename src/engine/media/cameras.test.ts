import { describe, expect, it } from 'vitest';
import type { StudioDocument } from '../../shared';
import { cameraFixes } from './cameras';

const cam = (uuid: string, settings: Record<string, unknown>) => ({ uuid, name: uuid, kind: 'camera_input', settings, muted: false, volumeMul: 1 });
const doc = (...inputs: ReturnType<typeof cam>[]) => ({ inputs }) as unknown as StudioDocument;
const devices = [
  { kind: 'videoinput' as const, deviceId: 'id-new', label: 'USB Cam' },
  { kind: 'audioinput' as const, deviceId: 'mic', label: 'USB Cam' },
];

describe('cameraFixes', () => {
  it('writes the label beside a chosen id, and the new id beside a known name', () => {
    expect(cameraFixes(doc(cam('a', { device_id: 'id-new', device_name: '' })), devices)).toEqual([{ inputUuid: 'a', settings: { device_name: 'USB Cam' } }]);
    expect(cameraFixes(doc(cam('b', { device_id: 'id-old', device_name: 'USB Cam' })), devices)).toEqual([{ inputUuid: 'b', settings: { device_id: 'id-new' } }]);
  });

  it('leaves alone what already agrees, the default camera, unknown cameras and unlabelled lists', () => {
    expect(cameraFixes(doc(cam('a', { device_id: 'id-new', device_name: 'USB Cam' })), devices)).toEqual([]);
    expect(cameraFixes(doc(cam('a', { device_id: '', device_name: '' })), devices)).toEqual([]);
    expect(cameraFixes(doc(cam('a', { device_id: 'gone', device_name: 'Other' })), devices)).toEqual([]);
    expect(cameraFixes(doc(cam('a', { device_id: 'x', device_name: '' })), [{ kind: 'videoinput', deviceId: 'x', label: '' }])).toEqual([]);
  });

  it('keeps a microphone (audio_input) in step from the audio devices, and leaves "default" alone', () => {
    const mic = (uuid: string, settings: Record<string, unknown>) => ({ ...cam(uuid, settings), kind: 'audio_input' });
    expect(cameraFixes(doc(mic('m', { device_id: 'mic', device_name: '' })), devices)).toEqual([{ inputUuid: 'm', settings: { device_name: 'USB Cam' } }]);
    expect(cameraFixes(doc(mic('m', { device_id: 'old-mic', device_name: 'USB Cam' })), devices)).toEqual([{ inputUuid: 'm', settings: { device_id: 'mic' } }]);
    expect(cameraFixes(doc(mic('m', { device_id: 'default', device_name: '' })), devices)).toEqual([]);
  });
});
