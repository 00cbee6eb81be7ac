/**
 * Who may talk to the engine over IPC: only our page, in the main frame of our own window. Kept
 * apart from index.ts so the rule can be tested without a running Electron.
 */
import type { BrowserWindow, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isPageUrl } from './page';

export function isTrustedSender(
  event: IpcMainEvent | IpcMainInvokeEvent,
  win: BrowserWindow | null,
  indexFile: string,
): boolean {
  const frame = event.senderFrame;
  return (
    win !== null &&
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    frame !== null &&
    // Compared by id: a WebFrameMain wrapper is not guaranteed to be the same object each time.
    frame.processId === event.sender.mainFrame.processId &&
    frame.routingId === event.sender.mainFrame.routingId &&
    isPageUrl(frame.url, indexFile)
  );
}
