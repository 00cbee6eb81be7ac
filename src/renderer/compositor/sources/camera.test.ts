import { describe, expect, it } from 'vitest';
import { cameraProblem, cameraSettings, opensAgain, pickCamera } from './camera';

const devices = [
  { kind: 'audioinput', deviceId: 'mic', label: 'USB Cam' },
  { kind: 'videoinput', deviceId: 'id-2', label: 'USB Cam' },
];

describe('camera', () => {
  it('opens by id, then by the remembered name, else the default; a missing one says which', () => {
    expect(pickCamera({ deviceId: 'id-2', deviceName: '' }, devices)).toBe('id-2');
    expect(pickCamera({ deviceId: 'id-old', deviceName: 'USB Cam' }, devices)).toBe('id-2');
    expect(pickCamera({ deviceId: '', deviceName: '' }, devices)).toBeNull();
    expect(pickCamera({ deviceId: 'gone', deviceName: 'Desk Cam' }, devices)).toEqual({ missing: 'Desk Cam' });
    // Before any permission, labels are hidden: the stored id is tried as it is.
    expect(pickCamera({ deviceId: 'x', deviceName: 'Desk Cam' }, [{ kind: 'videoinput', deviceId: 'y', label: '' }])).toBe('x');
  });

  it('keeps the open camera when the engine writes down its name or its id', () => {
    const s = (deviceId: string, deviceName: string, resolution = '') => cameraSettings({ device_id: deviceId, device_name: deviceName, resolution });
    expect(opensAgain(s('id-2', ''), s('id-2', 'USB Cam'), 'id-2')).toBe(false);
    expect(opensAgain(s('id-old', 'USB Cam'), s('id-2', 'USB Cam'), 'id-2')).toBe(false);
    expect(opensAgain(s('', ''), s('id-2', 'USB Cam'), 'id-2')).toBe(false);
    // Another camera, a stale id (found again by name when opened), the default, or a new format: opened again.
    expect(opensAgain(s('id-2', 'USB Cam'), s('id-3', 'Desk Cam'), 'id-2')).toBe(true);
    expect(opensAgain(s('id-2', 'USB Cam'), s('id-old', 'USB Cam'), 'id-2')).toBe(true);
    expect(opensAgain(s('id-2', 'USB Cam'), s('', ''), 'id-2')).toBe(true);
    expect(opensAgain(s('id-2', 'USB Cam'), s('id-2', 'USB Cam', '1280x720'), 'id-2')).toBe(true);
    // Nothing open (it failed): a new id or name is a new try.
    expect(opensAgain(s('id-2', 'USB Cam'), s('id-2', 'USB Camera'), null)).toBe(true);
  });

  it('reads resolution and explains refusals in words', () => {
    expect(cameraSettings({ resolution: '1280x720', fps: 30, mirror: true })).toMatchObject({ width: 1280, height: 720, fps: 30, mirror: true });
    expect(cameraSettings({ resolution: 'huge' })).toMatchObject({ width: 0, height: 0 });
    expect(cameraProblem(new DOMException('no', 'NotAllowedError'))).toMatch(/permission was refused/);
    expect(cameraProblem(new DOMException('busy', 'NotReadableError'))).toMatch(/in use/);
  });
});
