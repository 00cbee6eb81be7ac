/**
 * Keeps a camera input's device_id and device_name in step with the devices the compositing
 * renderer reports: a chosen id gets its label written beside it (so the camera can be found again
 * by name), and a name whose old id is gone (a new browser profile, another USB port) gets the id
 * it has now. Pure: the studio applies the fixes with input.update.
 */
import { CAMERA_INPUT, type MediaDevice, type Settings, type StudioDocument } from '../../shared';

export interface CameraFix {
  inputUuid: string;
  settings: Settings;
}

export function cameraFixes(doc: StudioDocument, devices: readonly MediaDevice[], inputUuids?: string[]): CameraFix[] {
  const cams = devices.filter((d) => d.kind === 'videoinput' && d.label !== '');
  if (cams.length === 0) return [];
  const fixes: CameraFix[] = [];
  for (const input of doc.inputs) {
    if (input.kind !== CAMERA_INPUT.id || (inputUuids && !inputUuids.includes(input.uuid))) continue;
    const id = typeof input.settings['device_id'] === 'string' ? input.settings['device_id'] : '';
    const name = typeof input.settings['device_name'] === 'string' ? input.settings['device_name'] : '';
    const byId = id ? cams.find((d) => d.deviceId === id) : undefined;
    if (byId) {
      if (byId.label !== name) fixes.push({ inputUuid: input.uuid, settings: { device_name: byId.label } });
      continue;
    }
    const byName = name ? cams.find((d) => d.label === name) : undefined;
    if (byName && byName.deviceId !== id) fixes.push({ inputUuid: input.uuid, settings: { device_id: byName.deviceId } });
  }
  return fixes;
}
