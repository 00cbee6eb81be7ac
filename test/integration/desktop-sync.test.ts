/**
 * A game's picture and its sound, both captured from the desktop, leave the studio in sync,
 * measured end to end with real parts. The "game" is ffplay playing the flash + beep clip
 * (test/harness/av-sync.ts: a white flash and a 1 kHz beep at the start of every second) on a loop,
 * its picture full-screen on a private Xvfb display and its sound into a private PulseAudio daemon's
 * default output (test/harness/pulse.ts). ffplay is the ground truth: with -sync audio it shows
 * each picture by its audio clock, so what it shows and what it plays are within a few ms of each
 * other, its own estimate of its output latency aside. (Captured without the studio, by FFmpeg's
 * x11grab and pulse inputs stamped on one wall clock, its beeps came 0 to 45 ms before their
 * flashes, in groups that change as its 4 s loop restarts; the same capture put a beep (pacat) and
 * a flash (xsetroot) started together 45 to 60 ms apart the same way, so most of that is the capture's.)
 *
 * The studio runs in server mode without --headless; its compositor, server mode's page as the
 * primary renderer, is a Chromium the test starts itself with a window on the Xvfb display, as
 * screen-capture-xvfb.test.ts does (the production flags less --headless=new, plus
 * --auto-select-desktop-capture-source), and reaching the PulseAudio daemon through PULSE_SERVER, as
 * desktop-audio.test.ts's does; its profile grants the studio's page the microphone. Its window is
 * small, in a corner, and under ffplay's, which starts after it. The scene holds a display capture
 * (OBS's Linux id xshm_input) and a desktop audio capture (pulse_output_capture, the default
 * output's monitor); both are placed by their capture stamps, the page's CaptureDelay after
 * capture. The program goes to a loopback nginx-rtmp, whose stream is decoded and every beep's
 * onset measured against its flash's (measureSync). The median must be within one frame at 30 fps
 * (±33 ms), as for the other sync tests: windows with fewer than five pairs are not judged, the
 * first judged window in step ends it, the tenth out of step fails it.
 *
 * Needs `npx electron-vite build` first (npm test runs it), and Debian's xvfb, x11-xserver-utils,
 * pulseaudio, pulseaudio-utils, ffmpeg (with ffplay), nginx and libnginx-mod-rtmp.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { chromiumArgs, findChromium } from '../../src/server/headless';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { FRAME_30_MS, firstWindowInStep, makeFlashBeepClip } from '../harness/av-sync';
import { decodePngDataUrl, type Picture, type Rgba } from '../harness/png';
import { startPulse, type Pulse } from '../harness/pulse';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import { startXvfb, type Xvfb } from '../harness/xvfb';
import type { StudioEvent } from '../../src/shared';

const res = suiteResources();
/**
 * The screen, the clip and the canvas: the captured screen fills the program. Small, so the test
 * (a headful Chromium capturing the screen and drawing in software, ffplay, the encoder) adds little
 * load beside the files running with it.
 */
const W = 320;
const H = 180;
/**
 * The compositor's own window: in the bottom-right corner, under ffplay's once that starts.
 * Chromium makes it at least 500 wide, so most of it lies off the screen.
 */
const WINDOW = { x: 200, y: 100, w: 120, h: 80 };
/**
 * Points of the captured screen that a flash must turn white, the compositor window's centre among
 * them (not the screen's centre: the X cursor sits there).
 */
const POINTS: Array<[number, number]> = [
  [30, 30],
  [W - 30, 20],
  [W / 2, 60],
  // Where Chromium's "sharing your screen" bar appears, at the bottom of the screen, once the capture starts.
  [40, H - 10],
  [WINDOW.x + WINDOW.w / 2, WINDOW.y + WINDOW.h / 2],
];
const KEY = 'game';

let xvfb: Xvfb;
let pulse: Pulse;
let nginx: NginxRtmp;
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;
let browser: ChildProcess | undefined;
let browserLog = '';
let profile = '';
let game: ChildProcess | undefined;
let gameLog = '';

/** The environment of the X and sound clients: the Xvfb display and the private PulseAudio daemon. */
const desktopEnv = (): NodeJS.ProcessEnv => ({ ...xvfb.env, ...pulse.env });

/** The compositor, headful on the Xvfb display and a client of the PulseAudio daemon. */
function launchCompositor(url: string): ChildProcess {
  const found = findChromium();
  if (!found.ok) throw new Error(found.error.message);
  profile = mkdtempSync(path.join(tmpdir(), 'studio-desktop-sync-chromium-'));
  // The desktop audio capture finds its device by label, which a page sees only with the
  // microphone permission granted: the profile grants it to the studio's origin, as an operator's
  // "Allow" would. Not --use-fake-ui-for-media-stream (desktop-audio.test.ts's headless Chromium):
  // that answers getDisplayMedia too, with a screen the X capturer cannot open ("screen capture
  // failed to start"); --auto-accept-camera-and-microphone-capture grants a capture but not the labels.
  const origin = new URL(url).origin;
  mkdirSync(path.join(profile, 'Default'));
  writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { content_settings: { exceptions: { media_stream_mic: { [`${origin},*`]: { setting: 1 } } } } } }));
  const asRoot = process.getuid?.() === 0;
  const args = chromiumArgs(url, profile, asRoot, [
    `--window-position=${WINDOW.x},${WINDOW.y}`,
    `--window-size=${WINDOW.w},${WINDOW.h}`,
    // Chromium's picker lists the whole X screen as "Entire screen"; this answers it with no click.
    '--auto-select-desktop-capture-source=Entire screen',
    // X11 even where the caller's environment names a Wayland session too.
    '--ozone-platform=x11',
  ]).filter((a) => a !== '--headless=new' && a !== '--window-size=1280,800');
  const child = spawn(found.value, args, { env: desktopEnv(), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  child.stderr!.on('data', (d: Buffer) => {
    browserLog = (browserLog + d.toString()).slice(-200_000);
  });
  return child;
}

/** The game: ffplay, full-screen on the display, its sound to the daemon's default output, on a loop. */
function launchGame(clip: string): ChildProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-loop', '0', '-fs', '-noborder', '-left', '0', '-top', '0', '-x', String(W), '-y', String(H), '-sync', 'audio', clip];
  const child = spawn('ffplay', args, { env: { ...desktopEnv(), SDL_AUDIODRIVER: 'pulseaudio' }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => {
    gameLog = (gameLog + d.toString()).slice(-20_000);
  });
  child.once('error', (e) => (gameLog += `\nffplay could not start: ${e.message}`));
  return child;
}

async function killTree(child: ChildProcess | undefined, group: boolean): Promise<void> {
  if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  try {
    // The compositor's own process group: the GPU, renderer and zygote processes go with it.
    process.kill(group ? -child.pid : child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  await gone;
}

beforeAll(async () => {
  // A daemon that cannot start fails here with its reason: never a silent skip.
  pulse = await startPulse();
  xvfb = await startXvfb({ width: W, height: H });
  await xvfb.fill('#d02010');
  nginx = await startNginxRtmp();
  // The engine makes the desktop audio's capture device on the daemon (pactl): it needs PULSE_SERVER too.
  server = await startStudioServer({ env: pulse.env });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await studio.must('video.set', { baseWidth: W, baseHeight: H, outputWidth: W, outputHeight: H, fpsNumerator: 30, fpsDenominator: 1 });
  await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY, enabled: true });
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
  // The run's secret in a command line is fine for a test's private server (production uses a ticket).
  browser = launchCompositor(`${server.url}?role=primary&token=${server.token}`);
}, 120_000);

afterAll(async () => {
  await killTree(game, false);
  await obs?.disconnect();
  studio?.close();
  await killTree(browser, true);
  if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  await server?.stop();
  await nginx?.stop();
  await pulse?.stop();
  await xvfb?.stop();
});

async function shot(sourceName: string): Promise<Picture> {
  const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
  return decodePngDataUrl(imageData);
}

const isRed = (c: Rgba): boolean => c[0] > 160 && c[1] < 80 && c[2] < 80;
const isWhite = (c: Rgba): boolean => c[0] > 200 && c[1] > 200 && c[2] > 200;

/** What the studio, the compositor and the game said, for failure messages. */
function diagnosis(last: string): string {
  const notices = studio.events.filter((e) => /notice|warn/i.test(e.type)).map((e) => JSON.stringify(e).slice(0, 300));
  const lines = browserLog.split('\n').filter((l) => /CONSOLE|capture|screen|audio|pulse|x11|display|ERROR|FATAL/i.test(l) && !/sync_reader/.test(l));
  return (
    `${last}\nstudio notices:\n${notices.join('\n') || '(none)'}\n` +
    `chromium (exit ${browser?.exitCode ?? 'running'}):\n${lines.slice(-15).join('\n')}\n` +
    `ffplay (exit ${game?.exitCode ?? game?.signalCode ?? (game ? 'running' : 'not started')}): ${gameLog.slice(-1500) || '(nothing)'}\n` +
    `server:\n${server.output().slice(-1500)}`
  );
}

/** Polls the capture's screenshots until one is the display's size with every point passing `test`. */
async function untilShown(sourceName: string, points: Array<[number, number]>, test: (c: Rgba) => boolean, what: string, timeout: number): Promise<void> {
  let last = 'no screenshot yet';
  await expect
    .poll(
      async () => {
        try {
          const p = await shot(sourceName);
          const seen = points.map(([x, y]) => p.at(x, y));
          last = `${p.width}×${p.height}, at ${points.map((pt, i) => `${pt.join(',')}=${seen[i]!.join(',')}`).join(' ')}`;
          return p.width === W && p.height === H && seen.every(test);
        } catch (error) {
          last = `screenshot failed: ${String(error)}`;
          return false;
        }
      },
      { timeout, interval: 0, message: what },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${diagnosis(last)}`);
    });
}

/** ffplay's stream on the daemon: its sound reaches the output the desktop capture listens to. */
async function gamePlays(): Promise<boolean> {
  const inputs = JSON.parse(await pulse.pactl('-f', 'json', 'list', 'sink-inputs')) as Array<{ properties?: Record<string, string> }>;
  return inputs.some((i) => i.properties?.['application.name'] === 'ffplay');
}

describe('A/V sync of a game captured from the desktop (Xvfb screen + PulseAudio output)', () => {
  it('delivers each beep the game plays within a frame of its flash', async () => {
    const clip = path.join(res.temp('desktop-sync-'), 'flash-beep.mp4');
    await makeFlashBeepClip(clip, { width: W, height: H, fps: 30, seconds: 4 });

    const sceneName = 'Game';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Game screen', inputKind: 'xshm_input', inputSettings: {} });
    await obs.call('CreateInput', { sceneName, inputName: 'Game sound', inputKind: 'pulse_output_capture', inputSettings: {} });
    res.onCleanup(async () => {
      await obs.call('RemoveInput', { inputName: 'Game sound' });
      await obs.call('RemoveInput', { inputName: 'Game screen' });
    });

    // The capture shows the X screen's red root window around the compositor's: the compositor is
    // up, its window mapped. The first wait includes its start (a full Chromium with the studio UI).
    const outside = POINTS.filter(([, y]) => y < WINDOW.y);
    await untilShown('Game screen', outside, isRed, 'the capture shows the X display', 150_000);

    // Started after the compositor's window is mapped, ffplay's full-screen window lies over it: a
    // flash whitens the whole captured screen, the compositor's corner included.
    game = launchGame(clip);
    await expect
      .poll(gamePlays, { timeout: 30_000, message: 'ffplay plays into the daemon' })
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\n${diagnosis('')}`);
      });
    await untilShown('Game screen', POINTS, isWhite, 'a flash of the game covers the whole captured screen', 60_000);

    await studio.must('stream.start', {});
    res.onCleanup(async () => {
      if ((await studio.call('stream.stop', {})).ok) await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    });
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);

    // Windows without flashes and beeps paired (the stream's first seconds, the desktop audio's
    // device still opening) are not judged; the first judged window in step ends it, the tenth out
    // of step fails it (more than the other sync tests allow: under heavy load ffplay itself, the
    // ground truth, was recorded showing its pictures 30–60 ms late at times, and a fresh-clone run
    // of the whole suite measured -37 to -95 ms for five windows in a row beside other test files,
    // where this file alone under stress-ng measured windows from -47 to +5 ms; 2026-12-07).
    const { last, seen } = await firstWindowInStep(nginx.url(KEY), 'desktop-sync', { maxWindows: 16, maxOut: 10 });
    expect(last === null ? NaN : Math.abs(last.medianMs), `measured:\n${seen.join('\n')}\n${diagnosis('')}`).toBeLessThanOrEqual(FRAME_30_MS);
  }, 420_000);
});
