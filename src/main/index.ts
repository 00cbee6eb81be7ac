/**
 * Electron main: a thin shell around the engine. It owns the window, the IPC binding, the media
 * scheme and the safeStorage secrets; every studio decision lives in src/engine.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, safeStorage, session, systemPreferences, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import type { Disposable, Studio } from '../engine/api';
import { createStudio } from '../engine/studio';
import { growHeapForFrames } from '../engine/frame-heap';
import { createLogger, type DisposableLogger } from '../engine/log/logger';
import { createOffscreenBrowserHost } from './browser-source';
import { bindFfmpegChooser, chooseFfmpeg } from './ffmpeg-chooser';
import { PageAudioRoute, bindBrowserSourceAudio, installDisplayMediaHandler } from './display-media';
import { enableSystemAudioLoopback } from './loopback';
import { bindGlobalHotkeys } from './global-hotkeys';
import { installGuards } from './guards';
import { privacyNotices, requestedKinds } from './os-privacy';
import { bindStudioIpc } from './ipc';
import { handleMediaScheme, registerMediaScheme } from './media-protocol';
import { bindMenu } from './menu';
import { bindOpenFolder } from './open-folder';
import { SafeStorageSecretStore } from './secrets-safe-storage';
import { isTrustedSender } from './trust';
import { isPageUrl } from './page';
import { createStudioWindow } from './window';

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const indexFile = path.join(outDir, 'renderer', 'index.html');
const preload = path.join(outDir, 'preload', 'index.cjs');

interface Running {
  studio: Studio;
  logger: DisposableLogger;
  disposables: Disposable[];
}

let running: Running | null = null;
let win: BrowserWindow | null = null;
let stopped = false;
let stopping: Promise<void> | null = null;

// Like server mode's --data-dir: a separate data folder (and so a separate single-instance lock),
// for a second profile or the Electron smoke suite. Must be set before 'ready'.
const dataDirOverride = process.env['BROADCAST_STUDIO_DATA_DIR'];
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

// Frames from the renderer arrive as new buffers many times a second (frame-heap.ts).
growHeapForFrames();

// macOS's system sound for desktop audio (audio_output_capture): Chromium's features are read at
// start-up, so they are switched on before 'ready' (loopback.ts).
enableSystemAudioLoopback(app.commandLine, process.platform);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerMediaScheme();
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // No FFmpeg may outlive the app: hold the quit until the engine has stopped everything.
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void stop().then(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => die(error));
}

async function start(): Promise<void> {
  try {
    const dataDir = app.getPath('userData');
    const logFile = path.join(dataDir, 'logs', 'studio.log');
    const logger = createLogger({ file: logFile, level: 'info' });
    const resourcesDir = app.isPackaged
      ? path.join(process.resourcesPath, 'resources')
      : path.join(app.getAppPath(), 'resources');
    // Browser sources' pages, each offscreen in its own partition; never allowed to reach obs-websocket.
    const studioOrigins: string[] = [];
    const browserSources = createOffscreenBrowserHost({ logger, blockedOrigins: () => studioOrigins });
    const studio = await createStudio({
      dataDir,
      resourcesDir,
      logger,
      logFile,
      secrets: new SafeStorageSecretStore(dataDir, safeStorage),
      probeEncoders: true,
      browserSources,
      // obs-websocket on 127.0.0.1:4455 with the stored (or first-run) password; the web remote for
      // tablets is served on the same port at /remote/.
      remote: { pageDir: path.join(outDir, 'renderer'), password: process.env['STUDIO_WS_PASSWORD'] ?? null },
    });
    running = { studio, logger, disposables: [] };
    const remote = await studio.execute('remote.info', {});
    if (remote.ok && remote.value.url) studioOrigins.push(remote.value.url);
    // The system's own privacy settings can refuse the camera, microphone or screen whatever we grant.
    const privacy = privacyNotices({ access: systemPreferences, platform: process.platform, notify: (message) => studio.notify?.('error', message) });
    installGuards(
      session.defaultSession,
      indexFile,
      logger,
      (contents) => browserSources.owns(contents),
      (mediaTypes) => privacy.refused(requestedKinds(mediaTypes)),
    );
    // Browser sources' sound: the studio's page captures a source's page through getDisplayMedia.
    const pageAudio = new PageAudioRoute(browserSources);
    installDisplayMediaHandler(session.defaultSession, {
      dataDir,
      ours: (url) => isPageUrl(url, indexFile),
      logger,
      screenRefused: () => privacy.refused(['screen']),
      pageAudio,
    });
    const unhandle = handleMediaScheme(studio);
    running.disposables.push({ dispose: unhandle });
    running.disposables.push(bindStudioIpc({ studio, logger, trusted }));
    running.disposables.push(bindFfmpegChooser({ studio, logger, trusted, window: () => win }));
    running.disposables.push(bindGlobalHotkeys({ studio, logger }));
    running.disposables.push(bindOpenFolder({ studio, logger, trusted }));
    running.disposables.push(bindBrowserSourceAudio({ route: pageAudio, logger, trusted }));
    running.disposables.push(
      bindMenu({
        logger,
        trusted,
        window: () => win,
        chooseFfmpeg: () =>
          void chooseFfmpeg({ studio, logger, window: () => win }).then((r) => {
            if (!r.ok) dialog.showErrorBox('FFmpeg was not changed', r.error.message);
          }),
      }),
    );
    logger.log('info', 'desktop app started', { dataDir, version: app.getVersion() });
    win = createStudioWindow({ preload, indexFile });
    win.on('closed', () => {
      win = null;
    });
  } catch (error) {
    die(error);
  }
}

/** Only our page, in the main frame of our window, may talk to the engine (see trust.ts). */
function trusted(event: IpcMainEvent | IpcMainInvokeEvent): boolean {
  return isTrustedSender(event, win, indexFile);
}

function stop(): Promise<void> {
  stopping ??= (async () => {
    const current = running;
    running = null;
    if (current) {
      for (const d of current.disposables.reverse()) {
        try {
          d.dispose();
        } catch (error) {
          current.logger.log('error', 'shutdown step failed', { error: String(error) });
        }
      }
      try {
        await current.studio.dispose();
      } catch (error) {
        current.logger.log('error', 'the studio did not stop cleanly', { error: String(error) });
      }
      await current.logger.dispose();
    }
    stopped = true;
  })();
  return stopping;
}

function die(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Broadcast Studio could not start', message);
  void stop().finally(() => app.exit(1));
}
