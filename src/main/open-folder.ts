/**
 * "Open folder" beside the recording, replay and screenshot settings: the page names only which
 * folder (a FolderKind); the path is the engine's (studio.about), so no page can make the app open
 * a path of its choosing.
 */
import { mkdir } from 'node:fs/promises';
import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { FOLDER_KINDS, IpcChannel, Status, fail, isFolderKind, ok, type Result } from '../shared';
import type { Disposable, Logger, Studio } from '../engine/api';

export interface OpenFolderOptions {
  studio: Pick<Studio, 'execute'>;
  logger: Logger;
  trusted(event: IpcMainInvokeEvent): boolean;
}

/** Opens the engine's folder of that kind in the file manager, creating it first (none recorded yet). */
export async function openFolder(opts: Omit<OpenFolderOptions, 'trusted'>, kind: unknown): Promise<Result<{ path: string }>> {
  if (!isFolderKind(kind)) return fail(Status.InvalidRequestField, `kind must be one of ${FOLDER_KINDS.join(', ')}.`, 'kind');
  const about = await opts.studio.execute('studio.about', {});
  if (!about.ok) return about;
  const dir = about.value.folders[kind];
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    return fail(Status.RequestProcessingFailed, `The ${kind} folder ${dir} could not be created: ${(error as Error).message}`);
  }
  // openPath answers '' when the file manager took it, else the reason it did not.
  const problem = await shell.openPath(dir);
  if (problem) return fail(Status.RequestProcessingFailed, `The ${kind} folder ${dir} could not be opened: ${problem}`);
  return ok({ path: dir });
}

export function bindOpenFolder(opts: OpenFolderOptions): Disposable {
  ipcMain.handle(IpcChannel.openFolder, async (event, kind: unknown) => {
    if (!opts.trusted(event)) {
      opts.logger.log('warn', 'refused IPC from an unknown sender', { channel: IpcChannel.openFolder, url: event.senderFrame?.url ?? '(gone)' });
      return fail(Status.NotReady, 'This page may not control the studio.');
    }
    return openFolder(opts, kind);
  });
  return { dispose: () => ipcMain.removeHandler(IpcChannel.openFolder) };
}
