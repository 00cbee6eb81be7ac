import { describe, expect, it } from 'vitest';
import { cameraProblem, cameraSettings, pickCamera } from './camera';

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

  it('reads resolution and explains refusals in words', () => {
    expect(cameraSettings({ resolution: '1280x720', fps: 30, mirror: true })).toMatchObject({ width: 1280, height: 720, fps: 30, mirror: true });
    expect(cameraSettings({ resolution: 'huge' })).toMatchObject({ width: 0, height: 0 });
    expect(cameraProblem(new DOMException('no', 'NotAllowedError'))).toMatch(/permission was refused/);
    expect(cameraProblem(new DOMException('busy', 'NotReadableError'))).toMatch(/in use/);
  });
});
