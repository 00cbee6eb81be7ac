/**
 * Live graphics through the real path: server mode with its headless Chromium compositor, driven
 * by obs-websocket-js like any producer's tool. Every check reads a PNG screenshot of program
 * (GetSourceScreenshot), decoded by FFmpeg: the lower third's panel colour appears in the lower part
 * after show and is gone after hide; stepping its queue changes the caption; a scoreboard's score
 * change redraws its bar (and nothing above it moves), a score of 1000 or a new period leaves its
 * bar's end where it was and the longest names keep it in the safe area; a countdown started by a plain
 * SetInputSettings switches program to its end scene at zero. GetSceneItemTransform sizes overlay
 * items as the canvas or their settings. Needs `npx electron-vite build` first.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import { captionGeometry } from '../../src/renderer/compositor/sources/lower-third-layout';
import { decodePngDataUrl, differing, near, type Picture, type Rgba } from '../harness/png';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';

const SCENE = 'Overlays';
const BLACK: Rgba = [0, 0, 0, 255];
/** ABGR, as settings take colours, and the RGBA a picture shows. */
const BLUE = { abgr: 0xffff0000, rgba: [0, 0, 255, 255] as Rgba };
const RED = { abgr: 0xff0000ff, rgba: [255, 0, 0, 255] as Rgba };
const GREEN = { abgr: 0xff00ff00, rgba: [0, 255, 0, 255] as Rgba };

const res = suiteResources();
let server: StudioServer;
let obs: OBSWebSocket;
let W = 0;
let H = 0;

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  const studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  studio.close();
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!, { eventSubscriptions: EventSubscription.All });
  const video = await obs.call('GetVideoSettings');
  W = video.baseWidth;
  H = video.baseHeight;
  // Whatever watermark the profile starts with, these pictures start without one.
  await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'SetWatermark', requestData: { enabled: false } });
  await obs.call('CreateScene', { sceneName: SCENE });
  await obs.call('SetCurrentProgramScene', { sceneName: SCENE });
  await obs.call('CreateInput', { sceneName: SCENE, inputName: 'Black', inputKind: 'color_source_v3', inputSettings: { color: 0xff000000 } });
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  await server?.stop();
});

/** Program (or any source) as the compositor draws it; retried while the headless page is still starting (207). */
async function program(sceneName = SCENE): Promise<Picture> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: sceneName, imageFormat: 'png' });
      return await decodePngDataUrl(imageData);
    } catch (error) {
      if ((error as { code?: number }).code !== 207 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Polls program until `check` holds: a positive signal, never a fixed wait. */
async function until(what: string, check: (p: Picture) => boolean, timeoutMs = 30_000, sceneName = SCENE): Promise<Picture> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await program(sceneName);
    if (check(p)) return p;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('lower_third over obs-websocket', () => {
  it('shows with its panel in the lower part, steps its queue, and hides', async () => {
    await obs.call('CreateInput', {
      sceneName: SCENE,
      inputName: 'LT',
      inputKind: 'lower_third',
      inputSettings: {
        design: 'bar',
        name: 'Ada Lovelace',
        title: 'Engineer',
        background_color: BLUE.abgr,
        accent_color: RED.abgr,
        anim_ms: 200,
        queue: [
          { name: 'Grace Hopper', title: 'Admiral' },
          { name: 'Wm', title: 'X' },
        ],
      },
    });
    const g = captionGeometry(W, H);
    // Inside the panel, left of and above its text; and a point high up that the caption never covers.
    const strip = Math.max(4, Math.round(g.nameSize * 0.25));
    const panel = { x: g.x + strip + Math.floor(g.pad / 2), y: g.bottom - Math.floor(g.pad / 2) };
    const accent = { x: g.x + 1, y: g.bottom - 3 };
    const before = await until('the scene is drawn', (p) => near(p.at(panel.x, panel.y), BLACK));
    expect(near(before.at(accent.x, accent.y), BLACK)).toBe(true);

    await obs.call('SetInputSettings', { inputName: 'LT', inputSettings: { visible: true } });
    const shown = await until('the lower third came in', (p) => near(p.at(panel.x, panel.y), BLUE.rgba));
    expect(near(shown.at(accent.x, accent.y), RED.rgba), `accent ${shown.at(accent.x, accent.y)}`).toBe(true);
    // Only the lower part changed: the top half is exactly as before.
    expect(differing(before, shown, { x: 0, y: 0, w: W, h: Math.floor(H / 2) })).toBe(0);
    const band = { x: g.x, y: Math.floor(H / 2), w: W - g.x, h: g.bottom - Math.floor(H / 2) };
    expect(differing(before, shown, band)).toBeGreaterThan(1000);

    // A producer steps to the first queued entry: new text in the same panel.
    const step = await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'StepLowerThird', requestData: { inputName: 'LT' } });
    expect(step.responseData).toEqual({ queueIndex: 0 });
    const { inputSettings } = await obs.call('GetInputSettings', { inputName: 'LT' });
    expect(inputSettings).toMatchObject({ queue_index: 0, visible: true });
    await until('the queued entry replaced the caption', (p) => near(p.at(panel.x, panel.y), BLUE.rgba) && differing(shown, p, band) > 200);

    await obs.call('SetInputSettings', { inputName: 'LT', inputSettings: { visible: false } });
    const hidden = await until('the lower third went out', (p) => differing(before, p, band) === 0);
    expect(near(hidden.at(panel.x, panel.y), BLACK)).toBe(true);
  });
});

describe('scoreboard over obs-websocket', () => {
  it('draws the home colour and redraws only its bar when a score changes', async () => {
    await obs.call('CreateInput', {
      sceneName: SCENE,
      inputName: 'Score',
      inputKind: 'scoreboard',
      inputSettings: { home_name: 'HOM', away_name: 'AWY', home_color: GREEN.abgr, show_clock: false, background_color: 0xff202020 },
    });
    const x0 = Math.round(W * 0.05);
    const y0 = Math.round(H * 0.05);
    const rowH = Math.max(12, Math.round(H * 0.06));
    const first = await until('the scoreboard is drawn', (p) => near(p.at(x0 + 2, y0 + 2), GREEN.rgba));
    await obs.call('SetInputSettings', { inputName: 'Score', inputSettings: { home_score: 3 } });
    const bar = { x: x0, y: y0, w: W - x0, h: rowH };
    const scored = await until('the new score shows', (p) => differing(first, p, bar) > 20);
    // The layout stays: the home cell is where it was, and nothing outside the bar changed.
    expect(near(scored.at(x0 + 2, y0 + 2), GREEN.rgba)).toBe(true);
    expect(differing(first, scored, { x: 0, y: y0 + rowH + 2, w: W, h: H - y0 - rowH - 2 })).toBe(0);
    const { inputSettings } = await obs.call('GetInputSettings', { inputName: 'Score' });
    expect(inputSettings).toMatchObject({ home_score: 3, away_score: 0, home_name: 'HOM' });

    // The game clock, shown and started by the vendor request, moves the picture on its own.
    await obs.call('SetInputSettings', { inputName: 'Score', inputSettings: { show_clock: true } });
    const clocked = await until('the clock cell shows', (p) => differing(scored, p, bar) > 20);
    const started = await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'StartOverlayClock', requestData: { inputName: 'Score' } });
    expect(started.responseData).toMatchObject({ clockMs: 0 });
    await until('the running clock ticks', (p) => differing(clocked, p, bar) > 5);
    await obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType: 'StopOverlayClock', requestData: { inputName: 'Score' } });
  });
});

describe('countdown_timer over obs-websocket', () => {
  it('switches program to its end scene at zero after a plain start', async () => {
    await obs.call('CreateScene', { sceneName: 'After' });
    await obs.call('CreateInput', {
      sceneName: SCENE,
      inputName: 'Count',
      inputKind: 'countdown_timer',
      inputSettings: { duration_s: 2, end_action: 'switch_scene', end_scene: 'After' },
    });
    const switched = new Promise<string>((resolve) => obs.on('CurrentProgramSceneChanged', (e) => resolve(e.sceneName)));
    // Only clock_running, as a generic tool would send: the engine pins the start time.
    await obs.call('SetInputSettings', { inputName: 'Count', inputSettings: { clock_running: true } });
    const { inputSettings } = await obs.call('GetInputSettings', { inputName: 'Count' });
    expect(inputSettings['clock_running']).toBe(true);
    expect(await switched).toBe('After');
    const settled = await obs.call('GetInputSettings', { inputName: 'Count' });
    expect(settled.inputSettings['clock_started_at']).toBeGreaterThan(0);
  });
});

describe('countdown_timer picture', () => {
  it('draws its time while it runs and nothing after zero with end action "hide"', async () => {
    await obs.call('CreateInput', {
      sceneName: SCENE,
      inputName: 'Gone',
      inputKind: 'countdown_timer',
      // An opaque box behind the time: at zero the box goes too, not only the text.
      inputSettings: { duration_s: 1, end_action: 'hide', font_size: 48, text_color: 0xffffffff, background_color: RED.abgr },
    });
    const shot = (): Promise<Picture> => program('Gone');
    const lit = (p: Picture): number => {
      let n = 0;
      for (let i = 3; i < p.rgba.length; i += 4) if (p.rgba[i]! > 128) n++;
      return n;
    };
    // Stopped at the full duration: "0:01" in white on its red box, which covers it all.
    const before = await shot();
    expect(lit(before)).toBe(before.width * before.height);
    await obs.call('SetInputSettings', { inputName: 'Gone', inputSettings: { clock_running: true } });
    const deadline = Date.now() + 30_000;
    let after = await shot();
    while (lit(after) > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      after = await shot();
    }
    expect(lit(after), 'nothing drawn after zero').toBe(0);
    // Its size stays, so the layout around it does not move.
    expect([after.width, after.height]).toEqual([before.width, before.height]);
  });
});

describe('program watermark over the vendor request', () => {
  it('draws an image in its corner of every program scene, with its opacity, and goes when disabled', async () => {
    const logo = path.join(res.temp('watermark-'), 'logo.png');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=0xff00ff:s=100x50', '-frames:v', '1', logo]);
    const vendor = (requestType: string, requestData: Record<string, string | number | boolean>) =>
      obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType, requestData });
    // An empty scene on program (black): the watermark is a program layer, not any scene's item.
    await obs.call('CreateScene', { sceneName: 'Plain' });
    await obs.call('SetCurrentProgramScene', { sceneName: 'Plain' });
    const set = await vendor('SetWatermark', { enabled: true, type: 'image', file: logo, scale: 100, anchor: 'bottom_right', margin: 0, opacity: 100, safeArea: true });
    expect(set.responseData).toMatchObject({ watermark: { enabled: true, file: logo, anchor: 'bottom_right', scale: 100 } });
    // Bottom-right corner of the title-safe area: 5 % in from the right and bottom edges.
    const right = W - Math.round(W * 0.05);
    const bottom = H - Math.round(H * 0.05);
    const inside = { x: right - 50, y: bottom - 25 };
    const MAGENTA: Rgba = [255, 0, 255, 255];
    const shown = await until('the watermark is on program', (p) => near(p.at(inside.x, inside.y), MAGENTA), 30_000, 'Plain');
    expect(near(shown.at(right - 100, bottom - 50), MAGENTA)).toBe(true);
    expect(near(shown.at(right + 2, bottom + 2), BLACK), 'outside the safe area').toBe(true);
    expect(near(shown.at(right - 102, bottom - 25), BLACK), 'left of the mark').toBe(true);

    // Half opacity over black; and on another scene put on program, the same mark.
    await vendor('SetWatermark', { opacity: 50 });
    await until('the watermark is half transparent', (p) => near(p.at(inside.x, inside.y), [128, 0, 128, 255], 12), 30_000, 'Plain');
    await obs.call('SetCurrentProgramScene', { sceneName: SCENE });
    await until('the watermark follows program', (p) => near(p.at(inside.x, inside.y), [128, 0, 128, 255], 12));

    // A bad value is refused with a reason, and changes nothing.
    await expect(vendor('SetWatermark', { opacity: 150 })).rejects.toMatchObject({ message: expect.stringMatching(/opacity/i) });
    const got = await vendor('GetWatermark', {});
    expect(got.responseData).toMatchObject({ watermark: { opacity: 50, enabled: true } });

    await vendor('SetWatermark', { enabled: false });
    await until('the watermark is gone', (p) => near(p.at(inside.x, inside.y), BLACK));
  });
});

describe('scoreboard layout as values change', () => {
  it('keeps its bar still when a score reaches 1000 or the period changes, and inside the safe area with long names', async () => {
    await obs.call('CreateScene', { sceneName: 'Bar' });
    await obs.call('CreateInput', {
      sceneName: 'Bar',
      inputName: 'Board',
      inputKind: 'scoreboard',
      inputSettings: { home_score: 999, period: '2', home_color: GREEN.abgr, away_color: BLUE.abgr, background_color: RED.abgr },
    });
    const x0 = Math.round(W * 0.05);
    const y0 = Math.round(H * 0.05);
    const rowH = Math.max(12, Math.round(H * 0.06));
    const bar = { x: 0, y: y0, w: W, h: rowH };
    // The bar's right end: the last pixel of its top row (above the text) that is not the black behind it.
    const end = (p: Picture): number => {
      for (let x = W - 1; x >= 0; x--) if (!near(p.at(x, y0 + 1), BLACK, 40)) return x;
      return -1;
    };
    const first = await until('the scoreboard is drawn', (p) => near(p.at(x0 + 2, y0 + 1), GREEN.rgba), 30_000, 'Bar');
    const right = end(first);
    expect(near(first.at(right - 2, y0 + 1), RED.rgba), 'the bar ends in its background').toBe(true);
    let last = first;
    const changes: Record<string, number | string>[] = [{ home_score: 1000 }, { away_score: 9999 }, { period: 'OT' }];
    for (const change of changes) {
      await obs.call('SetInputSettings', { inputName: 'Board', inputSettings: change });
      last = await until(`the board shows ${JSON.stringify(change)}`, (p) => differing(last, p, bar) > 10, 30_000, 'Bar');
      expect(end(last), `right end after ${JSON.stringify(change)}`).toBe(right);
    }

    // The longest names the kind takes: the bar still ends inside the safe area, clock included.
    const long = 'W'.repeat(40);
    await obs.call('SetInputSettings', { inputName: 'Board', inputSettings: { home_name: long, away_name: long } });
    const named = await until('the long names show', (p) => differing(last, p, bar) > 10, 30_000, 'Bar');
    expect(end(named)).toBeLessThan(W - x0);
    expect(end(named)).toBeGreaterThan(W / 2);
    expect(near(named.at(x0 + 2, y0 + 1), GREEN.rgba)).toBe(true);
  });
});

describe('overlay items over GetSceneItemTransform', () => {
  it('reports a lower third and a scoreboard as large as the canvas (0 = canvas) or their set size; a countdown 0', async () => {
    await obs.call('CreateScene', { sceneName: 'Sizes' });
    const add = async (inputName: string, inputKind: string, inputSettings: Record<string, number> = {}) =>
      (await obs.call('CreateInput', { sceneName: 'Sizes', inputName, inputKind, inputSettings })).sceneItemId;
    const caption = await add('Sized caption', 'lower_third');
    const board = await add('Sized board', 'scoreboard', { width: 800 });
    const count = await add('Sized count', 'countdown_timer');
    await obs.call('SetSceneItemTransform', { sceneName: 'Sizes', sceneItemId: caption, sceneItemTransform: { scaleX: 0.5, scaleY: 0.25 } });
    const t = async (sceneItemId: number) => (await obs.call('GetSceneItemTransform', { sceneName: 'Sizes', sceneItemId })).sceneItemTransform;
    expect(await t(caption)).toMatchObject({ sourceWidth: W, sourceHeight: H, width: W / 2, height: H / 4 });
    expect(await t(board)).toMatchObject({ sourceWidth: 800, sourceHeight: H, width: 800, height: H });
    // A countdown is sized to its text by the compositor, which the engine does not know.
    expect(await t(count)).toMatchObject({ sourceWidth: 0, sourceHeight: 0 });
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Sizes' });
    const listed = sceneItems.find((i) => i['sceneItemId'] === caption)!['sceneItemTransform'];
    expect(listed).toMatchObject({ sourceWidth: W, sourceHeight: H, width: W / 2, height: H / 4 });
  });
});
