/**
 * The desktop app itself, through Playwright's Electron driver: it launches, its window shows the
 * studio, it goes live to a loopback nginx-rtmp (read back with ffprobe), and quitting leaves no
 * FFmpeg behind. Runs wherever an Electron runtime is installed; where none is (CI here), the
 * runner prints one loud line instead (scripts/test-electron.mjs) and this file skips with the
 * same reason. Everything it checks is also covered in server mode (see NOT_RUN).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { NOT_RUN, ROOT, electronBinary } from '../scripts/electron-binary.mjs';
import { ffprobeJson, listFfmpegProcesses, startNginxRtmp, type NginxRtmp } from '../test/harness';

const binary = electronBinary();
test.skip(binary === null, NOT_RUN);

let nginx: NginxRtmp;
let dataDir: string;
test.beforeAll(async () => {
  nginx = await startNginxRtmp();
  dataDir = mkdtempSync(path.join(tmpdir(), 'bs-electron-'));
});
test.afterAll(async () => {
  await nginx?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('launches, shows the studio, goes live to loopback RTMP, and quits with no FFmpeg left', async () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), BROADCAST_STUDIO_DATA_DIR: dataDir };
  delete env['ELECTRON_RUN_AS_NODE'];
  const app = await electron.launch({ executablePath: binary!, args: ['.'], cwd: ROOT, env });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('preview-canvas')).toBeVisible({ timeout: 60_000 });
    await expect(window.getByTestId('scene-Demo')).toBeVisible();
    // The page is sandboxed: no Node in it, only the bridge.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => (globalThis as unknown as { studio: { host: string } }).studio.host)).toBe('desktop');

    await window.getByTestId('settings-open').click();
    await window.getByTestId('settings-server').fill(`rtmp://127.0.0.1:${nginx.port}/live`);
    await window.getByTestId('settings-key').fill('electron-smoke');
    await window.getByTestId('settings-save').click();
    await window.getByTestId('settings-close').click();
    await window.getByTestId('go-live').click();
    await expect(window.getByTestId('stream-state')).toHaveText('live', { timeout: 30_000 });
    const probe = await ffprobeJson(nginx.url('electron-smoke'));
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`).length).toBeGreaterThan(0);
  } finally {
    // Quitting while live: the main process holds the quit until the engine has stopped FFmpeg.
    await app.close();
  }
  await expect.poll(() => listFfmpegProcesses(`127.0.0.1:${nginx.port}`), { timeout: 15_000 }).toEqual([]);
});
