/**
 * Opening one of the studio's folders: the desktop app opens it in the file manager (the main
 * process asks the engine for the path; the page names only the kind). A browser cannot open
 * folders on the studio's machine, so there the path is copied instead, and the UI says why.
 */
import type { FolderKind, StudioBridge } from '../../../shared';
import type { Actions } from '../../stores/actions';
import { copyText } from '../layout/clipboard';

export const BROWSER_FOLDER_HINT = "A browser cannot open folders on the studio's machine: the path is copied for you to open there.";

export const canOpenFolders = (bridge: Pick<StudioBridge, 'openFolder'>): boolean => typeof bridge.openFolder === 'function';

export async function showFolder(bridge: Pick<StudioBridge, 'openFolder'>, actions: Pick<Actions, 'notify'>, kind: FolderKind, path: string | undefined): Promise<void> {
  if (bridge.openFolder) {
    const r = await bridge.openFolder(kind);
    if (!r.ok) actions.notify('error', r.error.message);
    return;
  }
  if (!path) return actions.notify('warning', `The ${kind} folder is not known yet; the studio engine has not answered.`);
  if (await copyText(path)) actions.notify('info', `Copied the ${kind} folder's path: ${path}`);
  else actions.notify('warning', `The ${kind} folder is ${path} (it could not be copied: select it and copy it yourself).`);
}
