/** The studio window's web preferences: Electron's secure defaults, spelled out and kept. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createStudioWindow } from './window';
import { FakeBrowserWindow, fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron);

beforeEach(() => fakeElectron.reset());

describe('createStudioWindow', () => {
  it('isolates and sandboxes the page, with no Node, no webviews and web security on', () => {
    createStudioWindow({ preload: '/app/out/preload/index.cjs', indexFile: '/app/out/renderer/index.html' });
    const [win] = FakeBrowserWindow.created;
    expect(win!.options['webPreferences']).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(win!.loaded).toEqual({ file: '/app/out/renderer/index.html', options: { query: { role: 'primary' } } });
  });
});
