/**
 * display_capture of a real X display: a private Xvfb screen whose root window the test paints with
 * xsetroot, and the studio's compositor — server mode's page as the primary renderer — in a Chromium
 * with a window on that display, so getDisplayMedia captures the X screen itself (a headless
 * Chromium has no X screen: it would only offer its synthetic one, see screen-capture.test.ts).
 * Server mode runs without --headless and the test starts that headful Chromium itself, with the
 * production compositor flags (chromiumArgs) less --headless=new, plus
 * --auto-select-desktop-capture-source so the screen picker answers itself. The input is created
 * with OBS's xshm_input id, and GetSourceScreenshot shows the display's size and colours, and
 * follows the display when its colour changes. Needs `npx electron-vite build` first (npm test runs
 * it), and Debian's xvfb and x11-xserver-utils.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { chromiumArgs, findChromium } from '../../src/server/headless';
import { decodePngDataUrl, near, type Picture, type Rgba } from '../harness/png';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startXvfb, type Xvfb } from '../harness/xvfb';

// An unusual size, so a picture of this size can only be this display.
const W = 800;
const H = 600;
// The compositor's own window covers the top-left corner; these points show the root window.
const WINDOW = { w: 320, h: 240 };
const POINTS: Array<[number, number]> = [
  [700, 100],
  [100, 500],
  [600, 450],
  [W - 4, H - 4],
];
const RED: Rgba = [208, 32, 16, 255];
const BLUE: Rgba = [16, 64, 224, 255];

let xvfb: Xvfb;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;
let browser: ChildProcess | undefined;
let browserLog = '';
let profile = '';

/** The compositor, headful on the Xvfb display: what server mode's --headless starts, with a window. */
function launchCompositor(url: string): ChildProcess {
  const found = findChromium();
  if (!found.ok) throw new Error(found.error.message);
  profile = mkdtempSync(path.join(tmpdir(), 'studio-xvfb-chromium-'));
  const asRoot = process.getuid?.() === 0;
  const args = chromiumArgs(url, profile, asRoot, [
    '--window-position=0,0',
    `--window-size=${WINDOW.w},${WINDOW.h}`,
    // Chromium's picker lists the whole X screen as "Entire screen"; this answers it with no click.
    '--auto-select-desktop-capture-source=Entire screen',
    // X11 even where the caller's environment names a Wayland session too.
    '--ozone-platform=x11',
  ]).filter((a) => a !== '--headless=new' && a !== '--window-size=1280,800');
  const child = spawn(found.value, args, { env: xvfb.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr!.on('data', (d: Buffer) => {
    browserLog = (browserLog + d.toString()).slice(-200_000);
  });
  return child;
}

beforeAll(async () => {
  xvfb = await startXvfb({ width: W, height: H });
  await xvfb.fill('#d02010');
  server = await startStudioServer();
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
  // The run's secret in a command line is fine for a test's private server (production uses a ticket).
  browser = launchCompositor(`${server.url}?role=primary&token=${server.token}`);
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  if (browser?.pid !== undefined && browser.exitCode === null && browser.signalCode === null) {
    const gone = new Promise((r) => browser!.once('exit', r));
    // Its own process group: the GPU, renderer and zygote processes go with it.
    try {
      process.kill(-browser.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await gone;
  }
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  await server?.stop();
  await xvfb?.stop();
});

async function shot(sourceName: string): Promise<Picture> {
  const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
  return decodePngDataUrl(imageData);
}

/** Why a capture is not showing yet: the studio's notices and the browser's last lines, for the failure message. */
function diagnosis(last: string): string {
  const notices = studio.events.filter((e) => /notice|warn/i.test(e.type)).map((e) => JSON.stringify(e).slice(0, 300));
  // The compositor's warnings ("Capture …: screen capture failed to start") reach stderr as CONSOLE lines.
  const lines = browserLog.split('\n').filter((l) => /CONSOLE|capture|screen|x11|display|ERROR|FATAL/i.test(l) && !/sync_reader/.test(l));
  return `${last}\nstudio notices:\n${notices.join('\n') || '(none)'}\nchromium (exit ${browser?.exitCode ?? 'running'}):\n${lines.slice(-15).join('\n')}`;
}

/** Polls the source until the display's size and the colour at every root-window point. */
async function waitForColour(sourceName: string, want: Rgba, label: string, timeout: number): Promise<Picture> {
  let last = 'no screenshot yet';
  let pic: Picture | null = null;
  await expect
    .poll(
      async () => {
        try {
          const p = await shot(sourceName);
          const seen = POINTS.map(([x, y]) => p.at(x, y));
          last = `${p.width}×${p.height}, at ${POINTS.map((pt, i) => `${pt.join(',')}=${seen[i]!.join(',')}`).join(' ')}`;
          if (p.width !== W || p.height !== H || !seen.every((c) => near(c, want, 12))) return false;
          pic = p;
          return true;
        } catch (error) {
          last = `screenshot failed: ${String(error)}`;
          return false;
        }
      },
      { timeout, interval: 500, message: `the capture shows the X display ${label}` },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${diagnosis(last)}`);
    });
  return pic!;
}

describe('display_capture of a real X display (Xvfb)', () => {
  it('shows the display and follows it as it changes', async () => {
    const sceneName = 'X screen';
    const inputName = 'Xvfb screen';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName, inputKind: 'xshm_input', inputSettings: {} });
    expect((await obs.call('GetInputList')).inputs.find((i) => i.inputName === inputName)?.inputKind).toBe('display_capture');

    // The first wait includes the compositor's start (a full Chromium with the studio UI): generous on a loaded machine.
    const red = await waitForColour(inputName, RED, 'painted red', 150_000);
    // The compositor's own window is on that display too, in its top-left corner: not the root colour.
    expect(near(red.at(WINDOW.w / 2, WINDOW.h / 2), RED, 12), 'the studio window is part of the captured screen').toBe(false);

    await xvfb.fill('#1040e0');
    const blue = await waitForColour(inputName, BLUE, 'repainted blue', 60_000);
    expect(blue.width).toBe(W);
    expect(blue.height).toBe(H);
  }, 300_000);
});
