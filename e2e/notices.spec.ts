/**
 * Notices clear themselves when their cause is gone and never cover the preview: a media source whose
 * file is missing raises an error notice (errors do not time out), shown in the strip below the
 * preview; deleting the source (from another client, as a remote would) takes the notice away.
 */
import { expect, test } from '@playwright/test';
import type { StudioDocument, StudioEvent } from '../src/shared';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';

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

function latest(): StudioDocument | undefined {
  const changed = studio.events.filter((e): e is Extract<StudioEvent, { type: 'document.changed' }> => e.type === 'document.changed');
  return changed.at(-1)?.data.document;
}

test('a source’s error notice sits below the preview and goes when the source is deleted', async ({ page }, testInfo) => {
  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await expect.poll(() => latest()?.currentSceneUuid).toBeTruthy();

  const created = await studio.must('input.create', {
    sceneUuid: latest()!.currentSceneUuid,
    name: 'Missing clip',
    kind: 'ffmpeg_source',
    settings: { is_local_file: true, local_file: '/nonexistent/missing-clip.mp4' },
  });
  const notice = page.getByTestId('notice').filter({ hasText: 'Media source "Missing clip"' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toHaveAttribute('data-level', 'error');

  // Beside the picture, never on it.
  const preview = await page.getByTestId('preview-canvas').boundingBox();
  const box = await notice.boundingBox();
  expect(preview && box).toBeTruthy();
  const overlaps = box!.x < preview!.x + preview!.width && preview!.x < box!.x + box!.width && box!.y < preview!.y + preview!.height && preview!.y < box!.y + box!.height;
  expect(overlaps).toBe(false);
  await page.screenshot({ path: testInfo.outputPath('notice-below-preview.png') });

  await studio.must('input.remove', { inputUuid: created.inputUuid });
  await expect(notice).toHaveCount(0);
});
