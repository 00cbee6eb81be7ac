/**
 * Studio mode's real preview: with studio mode on, the studio's canvas shows the preview scene,
 * composed in its own target, while program goes on; a take swaps them, and with studio mode off
 * the canvas shows program again. Judged on the canvas's pixels.
 */
import { expect, test, type Page } from '@playwright/test';
import { decodePngDataUrl, near, type Rgba } from '../test/harness/png';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';

let server: StudioServer;
let studio: StudioClient;

test.beforeAll(async () => {
  server = await startStudioServer();
  studio = await connectStudio(server);
});

test.afterAll(async () => {
  studio?.close();
  await server?.stop();
});

/** The middle of the preview canvas, as the page shows it. */
async function middle(page: Page): Promise<Rgba> {
  const png = await page.getByTestId('preview-canvas').screenshot();
  const picture = await decodePngDataUrl(`data:image/png;base64,${png.toString('base64')}`);
  return picture.at(Math.floor(picture.width / 2), Math.floor(picture.height / 2));
}

const RED: Rgba = [255, 0, 0, 255];
const BLUE: Rgba = [0, 0, 255, 255];

async function shows(page: Page, want: Rgba, what: string): Promise<void> {
  await expect.poll(async () => near(await middle(page), want, 12), { message: what }).toBe(true);
}

test('studio mode shows the preview scene on the canvas; take swaps; off shows program', async ({ page }) => {
  const scenes: Record<string, string> = {};
  for (const [name, color] of [['Red', 0xff0000ff], ['Blue', 0xffff0000]] as const) {
    const { sceneUuid } = await studio.must('scene.create', { name });
    await studio.must('input.create', { sceneUuid, name: `${name} fill`, kind: 'color_source_v3', settings: { color } });
    scenes[name] = sceneUuid;
  }
  await studio.must('scene.setCurrent', { sceneUuid: scenes.Red! });
  await page.goto(server.launchUrl);
  await shows(page, RED, 'program on the canvas');

  await studio.must('studio.setMode', { enabled: true });
  await studio.must('scene.setPreview', { sceneUuid: scenes.Blue! });
  await shows(page, BLUE, 'the preview scene on the canvas');

  // Take: Blue goes to program, Red waits on preview, and the canvas shows preview.
  await studio.must('studio.take', {});
  expect(studio.events.some((e) => e.type === 'scene.currentChanged' && e.data.sceneUuid === scenes.Blue)).toBe(true);
  await shows(page, RED, 'the old program on preview after the take');

  await studio.must('studio.setMode', { enabled: false });
  await shows(page, BLUE, 'program again without studio mode');
});
