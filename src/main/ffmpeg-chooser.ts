/**
 * Choosing the FFmpeg program, the one setting that makes the studio run a program of someone's
 * choice. No page may send output.setFfmpegPath (the engine refuses it from every renderer); here
 * the main process asks the user with the system's own file dialog and sets what they picked.
 * A page may only ask for the dialog to open: it never supplies a path, and nothing happens
 * unless the user picks a file.
 */
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IpcChannel, Status, fail, ok, type Result } from '../shared';
import type { Disposable, Logger, Studio } from '../engine/api';

export interface ChooserOptions {
  studio: Studio;
  logger: Logger;
  /** The window the dialog belongs to (null: none open). */
  window(): BrowserWindow | null;
  trusted(event: IpcMainInvokeEvent): boolean;
}

/** Opens the dialog and sets the chosen path; ok(null) when the user cancels. */
export async function chooseFfmpeg(opts: Omit<ChooserOptions, 'trusted'>): Promise<Result<{ ffmpegPath: string } | null>> {
  const win = opts.window();
  const options: Electron.OpenDialogOptions = {
    title: 'Choose the FFmpeg program',
    buttonLabel: 'Use this FFmpeg',
    properties: ['openFile', 'dontAddToRecent'],
    ...(process.platform === 'win32' && { filters: [{ name: 'Programs', extensions: ['exe'] }] }),
  };
  const picked = win && !win.isDestroyed() ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  const ffmpegPath = picked.filePaths[0];
  if (picked.canceled || !ffmpegPath) return ok(null);
  const set = await opts.studio.execute('output.setFfmpegPath', { ffmpegPath });
  if (!set.ok) return set;
  opts.logger.log('info', 'FFmpeg path chosen in the file dialog', { ffmpegPath });
  return ok({ ffmpegPath });
}

export function bindFfmpegChooser(opts: ChooserOptions): Disposable {
  let open = false;
  ipcMain.handle(IpcChannel.chooseFfmpeg, async (event) => {
    if (!opts.trusted(event)) {
      opts.logger.log('warn', 'refused IPC from an unknown sender', { channel: IpcChannel.chooseFfmpeg, url: event.senderFrame?.url ?? '(gone)' });
      return fail(Status.NotReady, 'This page may not control the studio.');
    }
    // One dialog at a time: a page that asks repeatedly cannot stack dialogs.
    if (open) return fail(Status.NotReady, 'The FFmpeg file dialog is already open.');
    open = true;
    try {
      return await chooseFfmpeg(opts);
    } finally {
      open = false;
    }
  });
  return { dispose: () => ipcMain.removeHandler(IpcChannel.chooseFfmpeg) };
}
