/**
 * Keeps a camera's (and a microphone's: audio_input) device_id and device_name in step with the devices the compositing
 * renderer reports: a chosen id gets its label written beside it (so the camera can be found again
 * by name), and a name whose old id is gone (a new browser profile, another USB port) gets the id
 * it has now. Pure: the studio applies the fixes with input.update.
 */
import { AUDIO_INPUT, CAMERA_INPUT, DEFAULT_AUDIO_DEVICE, type MediaDevice, type Settings, type StudioDocument } from '../../shared';

/** Which kinds choose a device, from which of the renderer's lists. */
const DEVICE_KINDS: ReadonlyMap<string, MediaDevice['kind']> = new Map([
  [CAMERA_INPUT.id, 'videoinput'],
  [AUDIO_INPUT.id, 'audioinput'],
]);

export interface CameraFix {
  inputUuid: string;
  settings: Settings;
}

export function cameraFixes(doc: StudioDocument, devices: readonly MediaDevice[], inputUuids?: string[]): CameraFix[] {
  const fixes: CameraFix[] = [];
  for (const input of doc.inputs) {
    const deviceKind = DEVICE_KINDS.get(input.kind);
    if (!deviceKind || (inputUuids && !inputUuids.includes(input.uuid))) continue;
    const cams = devices.filter((d) => d.kind === deviceKind && d.label !== '');
    if (cams.length === 0) continue;
    const id = typeof input.settings['device_id'] === 'string' ? input.settings['device_id'] : '';
    // A microphone on "default" follows the system's choice: there is no device to keep in step.
    if (id === DEFAULT_AUDIO_DEVICE) continue;
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
