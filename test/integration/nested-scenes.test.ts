/**
 * Nested scenes and groups through the real path: server mode with its headless Chromium compositor,
 * obs-websocket-js for every request and event (CreateSceneItem with a scene's name, GetGroupList,
 * GetGroupSceneItemList, GetSceneItemList's isGroup, GetSceneItemSource), and program's picture taken
 * with GetSourceScreenshot of the program scene and decoded by FFmpeg: a colour inside a nested
 * scene lands where the nested item's transform and crop put it, hides with the item, and a group's
 * items move with the group. Needs `npx electron-vite build` first (npm test runs it).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { decodePngDataUrl, near, type Picture, type Rgba } from '../harness/png';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let server: StudioServer;
let studio: StudioClient;
const obs = new OBSWebSocket();

/** ABGR, as color_source_v3 takes it. */
const abgr = (r: number, g: number, b: number, a = 255): number => ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
const RED: Rgba = [255, 0, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await obs.connect(info.url!, info.password!);
});

afterAll(async () => {
  studio?.close();
  await obs.disconnect();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** Retries while the studio answers 207 NotReady (the headless compositor is still connecting). */
async function shot(sourceName: string): Promise<Picture> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const { imageData } = await obs.call('GetSourceScreenshot', { sourceName, imageFormat: 'png' });
      return await decodePngDataUrl(imageData);
    } catch (error) {
      if ((error as { code?: number }).code !== 207 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const expectNear = (got: Rgba, want: Rgba, what: string): void => {
  expect(near(got, want, 3), `${what}: ${got.join(',')} ≉ ${want.join(',')}`).toBe(true);
};

async function color(sceneName: string, inputName: string, rgba: number, w: number, h: number, x: number, y: number): Promise<number> {
  const { sceneItemId } = await obs.call('CreateInput', { sceneName, inputName, inputKind: 'color_source_v3', inputSettings: { color: rgba, width: w, height: h } });
  await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { positionX: x, positionY: y } });
  return sceneItemId;
}

/** Resolves with the first event of this type whose data passes `match`. */
function nextEvent<T extends 'SceneItemCreated' | 'SceneItemRemoved' | 'SceneRemoved'>(type: T, match: (d: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (d: unknown): void => {
      if (!match(d as Record<string, unknown>)) return;
      obs.off(type, on as never);
      resolve(d as Record<string, unknown>);
    };
    obs.on(type, on as never);
  });
}

describe('nested scenes', () => {
  it('a scene shown in the program scene draws its colour where the item puts it, cropped and hidden with the item', async () => {
    await obs.call('CreateScene', { sceneName: 'Inner' });
    // 40×30 red at (10, 10) inside Inner.
    await color('Inner', 'Inner red', abgr(255, 0, 0), 40, 30, 10, 10);
    await obs.call('CreateScene', { sceneName: 'Outer' });
    await obs.call('SetCurrentProgramScene', { sceneName: 'Outer' });

    const created = nextEvent('SceneItemCreated', (d) => d['sceneName'] === 'Outer' && d['sourceName'] === 'Inner');
    const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName: 'Outer', sourceName: 'Inner' });
    expect(await created).toMatchObject({ sceneName: 'Outer', sourceName: 'Inner', sceneItemId, sceneItemIndex: 0 });
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Outer' });
    expect(sceneItems).toEqual([expect.objectContaining({ sceneItemId, sourceName: 'Inner', sourceType: 'OBS_SOURCE_TYPE_SCENE', isGroup: false, inputKind: null })]);
    expect(await obs.call('GetSceneItemSource', { sceneName: 'Outer', sceneItemId })).toMatchObject({ sourceName: 'Inner' });
    expect(await obs.call('GetSceneItemId', { sceneName: 'Outer', sourceName: 'Inner' })).toEqual({ sceneItemId });

    // The nested item at (100, 50): Inner's red lands at (110..150, 60..90) on program.
    await obs.call('SetSceneItemTransform', { sceneName: 'Outer', sceneItemId, sceneItemTransform: { positionX: 100, positionY: 50 } });
    const placed = await shot('Outer');
    expectNear(placed.at(112, 62), RED, 'top-left of the nested red');
    expectNear(placed.at(148, 88), RED, 'bottom-right of the nested red');
    expectNear(placed.at(108, 75), BLACK, 'left of it');
    expectNear(placed.at(152, 75), BLACK, 'right of it');
    expectNear(placed.at(30, 25), BLACK, 'where Inner has it, unmoved');

    // Cropping 20 px off the nested scene's left: what was at Inner's x = 20 now sits at the
    // item's position, so the red (Inner's 10..50) shows from x = 100 (its first 10 px cut) to 130.
    await obs.call('SetSceneItemTransform', { sceneName: 'Outer', sceneItemId, sceneItemTransform: { cropLeft: 20 } });
    const cropped = await shot('Outer');
    expectNear(cropped.at(101, 75), RED, 'cropped nested red starts at the item position');
    expectNear(cropped.at(128, 75), RED, 'and runs to x = 130');
    expectNear(cropped.at(132, 75), BLACK, 'not past it');
    expectNear(cropped.at(97, 75), BLACK, 'nor before the item');

    await obs.call('SetSceneItemEnabled', { sceneName: 'Outer', sceneItemId, sceneItemEnabled: false });
    expectNear((await shot('Outer')).at(110, 75), BLACK, 'hidden nested scene');
    await obs.call('SetSceneItemEnabled', { sceneName: 'Outer', sceneItemId, sceneItemEnabled: true });
    expectNear((await shot('Outer')).at(110, 75), RED, 'shown again');
  });

  it('draws a scene nested two deep through both items\' transforms', async () => {
    await obs.call('CreateScene', { sceneName: 'Deep' });
    // 10×10 blue at (5, 5) in Deep; Deep in Inner at (60, 0) scaled 2×: Inner's (70..90, 10..30).
    await color('Deep', 'Deep blue', abgr(0, 0, 255), 10, 10, 5, 5);
    const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName: 'Inner', sourceName: 'Deep' });
    await obs.call('SetSceneItemTransform', { sceneName: 'Inner', sceneItemId, sceneItemTransform: { positionX: 60, positionY: 0, scaleX: 2, scaleY: 2 } });
    // Inner sits in Outer at (100, 50) with 20 px cropped off its left: Outer's (150..170, 60..80).
    const p = await shot('Outer');
    expectNear(p.at(152, 62), BLUE, 'top-left of the deep blue');
    expectNear(p.at(168, 78), BLUE, 'bottom-right of the deep blue');
    expectNear(p.at(147, 70), BLACK, 'left of it');
    expectNear(p.at(160, 83), BLACK, 'below it');
    expectNear(p.at(110, 75), RED, "Inner's own red still there");
  });

  it('refuses a scene inside itself, directly or through another scene', async () => {
    await expect(obs.call('CreateSceneItem', { sceneName: 'Outer', sourceName: 'Outer' })).rejects.toMatchObject({
      code: 703,
      message: 'You cannot create scene item of a scene within itself.',
    });
    // Outer shows Inner, so Inner showing Outer would loop.
    const loop = obs.call('CreateSceneItem', { sceneName: 'Inner', sourceName: 'Outer' });
    await expect(loop).rejects.toMatchObject({ code: 703 });
    await expect(loop).rejects.toThrow('would put the scene inside itself');
  });

  it('removing a nested scene removes its items in other scenes, with OBS events', async () => {
    await obs.call('CreateScene', { sceneName: 'Doomed' });
    const { sceneItemId } = await obs.call('CreateSceneItem', { sceneName: 'Outer', sourceName: 'Doomed' });
    const itemGone = nextEvent('SceneItemRemoved', (d) => d['sceneName'] === 'Outer' && d['sourceName'] === 'Doomed');
    const sceneGone = nextEvent('SceneRemoved', (d) => d['sceneName'] === 'Doomed');
    await obs.call('RemoveScene', { sceneName: 'Doomed' });
    expect(await itemGone).toMatchObject({ sceneItemId });
    expect(await sceneGone).toMatchObject({ isGroup: false });
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Outer' });
    expect(sceneItems.map((i) => i['sourceName'])).toEqual(['Inner']);
  });
});

describe('groups', () => {
  it('lists groups and their items as OBS does, and moving the group moves its items', async () => {
    await obs.call('CreateScene', { sceneName: 'Grouping' });
    await obs.call('SetCurrentProgramScene', { sceneName: 'Grouping' });
    const a = await color('Grouping', 'Group red', abgr(255, 0, 0), 20, 20, 200, 200);
    const b = await color('Grouping', 'Group blue', abgr(0, 0, 255), 20, 20, 240, 200);
    // OBS has no request that makes a group (its UI does); the studio's command does.
    const sceneUuid = (await obs.call('GetSceneList')).scenes.find((s) => s['sceneName'] === 'Grouping')!['sceneUuid'] as string;
    const { sceneItemId } = await studio.must('group.create', { sceneUuid, name: 'Pair', sceneItemIds: [a, b] });

    expect(await obs.call('GetGroupList')).toEqual({ groups: ['Pair'] });
    expect((await obs.call('GetSceneList')).scenes.map((s) => s['sceneName'])).not.toContain('Pair');
    const { sceneItems } = await obs.call('GetSceneItemList', { sceneName: 'Grouping' });
    expect(sceneItems).toEqual([expect.objectContaining({ sceneItemId, sourceName: 'Pair', sourceType: 'OBS_SOURCE_TYPE_SCENE', isGroup: true })]);
    const inside = await obs.call('GetGroupSceneItemList', { sceneName: 'Pair' });
    expect(inside.sceneItems.map((i) => [i['sourceName'], i['sceneItemIndex'], i['isGroup']])).toEqual([
      ['Group red', 0, null],
      ['Group blue', 1, null],
    ]);
    await expect(obs.call('GetGroupSceneItemList', { sceneName: 'Grouping' })).rejects.toMatchObject({ code: 602, message: 'The specified source is not a group. (Is scene)' });
    await expect(obs.call('GetSceneItemList', { sceneName: 'Pair' })).rejects.toMatchObject({ code: 602, message: 'The specified source is not a scene. (Is group)' });
    await expect(obs.call('SetCurrentProgramScene', { sceneName: 'Pair' })).rejects.toMatchObject({ code: 602 });

    // The items stay where they were on the canvas.
    const before = await shot('Grouping');
    expectNear(before.at(210, 210), RED, 'red in the group');
    expectNear(before.at(250, 210), BLUE, 'blue in the group');

    // Moving the group's item moves both; a child's own transform is relative to the group.
    await obs.call('SetSceneItemTransform', { sceneName: 'Grouping', sceneItemId, sceneItemTransform: { positionX: 100, positionY: 50 } });
    const blueInGroup = inside.sceneItems[1]!['sceneItemId'] as number;
    await obs.call('SetSceneItemTransform', { sceneName: 'Pair', sceneItemId: blueInGroup, sceneItemTransform: { positionX: 280 } });
    const after = await shot('Grouping');
    expectNear(after.at(310, 260), RED, 'red moved with the group');
    expectNear(after.at(390, 260), BLUE, 'blue at its own x plus the group');
    expectNear(after.at(210, 210), BLACK, 'old place of red');
  });
});
