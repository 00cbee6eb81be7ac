/** The studio window, with Electron's secure defaults spelled out rather than assumed. */
import { BrowserWindow } from 'electron';

export interface WindowPaths {
  preload: string;
  indexFile: string;
}

export function createStudioWindow(paths: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Broadcast Studio',
    backgroundColor: '#111318',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // The compositor must keep its frame clock when the window is hidden or covered.
      backgroundThrottling: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(paths.indexFile, { query: { role: 'primary' } });
  return win;
}
