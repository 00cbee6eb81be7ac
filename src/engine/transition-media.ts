/**
 * Files scene transitions draw with, served to renderers like an input's files: the luma images
 * shipped in resources/luma_wipes (asked for as `luma_wipes/<name>`, only the names the kind lists)
 * and a stinger's video (`path`, only while the current transition, a scene's override or the last
 * switch's own transition, such as a replay's, names it).
 */
import path from 'node:path';
import { LUMA_WIPES_PREFIX, LUMA_WIPE_IMAGES, STINGER_TRANSITION, settingsInUse, type StudioDocument } from '../shared';

export function transitionMediaPath(doc: StudioDocument, requested: string, resourcesDir: string): string | null {
  if (requested.startsWith(LUMA_WIPES_PREFIX)) {
    const name = requested.slice(LUMA_WIPES_PREFIX.length);
    return LUMA_WIPE_IMAGES.some((i) => i.file === name) ? path.join(resourcesDir, 'luma_wipes', name) : null;
  }
  const once = doc.switchTransition;
  // The current transition's or an override's stinger, and a one-switch one's (a replay's).
  const files = [settingsInUse(doc, STINGER_TRANSITION.id)?.['path'], once?.kind === STINGER_TRANSITION.id ? once.settings['path'] : undefined];
  for (const file of files) {
    if (typeof file === 'string' && file && path.isAbsolute(requested) && path.resolve(file) === path.resolve(requested)) return path.resolve(file);
  }
  return null;
}
