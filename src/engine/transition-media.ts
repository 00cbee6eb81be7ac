/**
 * Files scene transitions draw with, served to renderers like an input's files: the luma images
 * shipped in resources/luma_wipes (asked for as `luma_wipes/<name>`, only the names the kind lists)
 * and a stinger's video (`path`, only while the current transition or a scene's override names it).
 */
import path from 'node:path';
import { LUMA_WIPES_PREFIX, LUMA_WIPE_IMAGES, STINGER_TRANSITION, settingsInUse, type StudioDocument } from '../shared';

export function transitionMediaPath(doc: StudioDocument, requested: string, resourcesDir: string): string | null {
  if (requested.startsWith(LUMA_WIPES_PREFIX)) {
    const name = requested.slice(LUMA_WIPES_PREFIX.length);
    return LUMA_WIPE_IMAGES.some((i) => i.file === name) ? path.join(resourcesDir, 'luma_wipes', name) : null;
  }
  const file = settingsInUse(doc, STINGER_TRANSITION.id)?.['path'];
  if (typeof file === 'string' && file && path.isAbsolute(requested) && path.resolve(file) === path.resolve(requested)) return path.resolve(file);
  return null;
}
