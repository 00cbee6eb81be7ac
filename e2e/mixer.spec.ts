/**
 * The Audio Mixer dock in real Chromium against server mode: a test tone and a microphone (Chromium's
 * fake capture device playing a WAV made here) are added in the UI; the meter moves, the fader
 * follows OBS's curve, mute silences, the clip light lights and holds, monitoring takes the tone out
 * of program at the graph level, balance, sync offset and tracks are set, and the stream that
 * reaches nginx-rtmp carries the microphone.
 */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grabAudioPcm, startNginxRtmp, tail, toneStrength, measureAudio, type NginxRtmp } from '../test/harness';
import { startStudioServer, type StudioServer } from '../test/harness/studio-server';
import { connectStudio, type StudioClient } from '../test/harness/studio-client';
import config from '../playwright.config';

/** The microphone: a 500 Hz sine peaking at −12 dBFS, looped by Chromium's fake capture device. */
const MIC_HZ = 500;
const MIC_DBFS = -12;
const micWav = path.join(mkdtempSync(path.join(tmpdir(), 'mixer-e2e-')), 'mic.wav');
execFileSync('ffmpeg', [
  '-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${10 ** (MIC_DBFS / 20)}*sin(2*PI*${MIC_HZ}*t):s=48000:d=10`,
  '-c:a', 'pcm_s16le', '-y', micWav,
]);

test.use({
  launchOptions: {
    ...config.use?.launchOptions,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${micWav}`,
    ],
  },
});

const TONE_DBFS = -24;
const KEY = 'mixer-e2e';

let nginx: NginxRtmp;
let server: StudioServer;
let client: StudioClient;

test.beforeAll(async () => {
  nginx = await startNginxRtmp();
  server = await startStudioServer();
  client = await connectStudio(server);
});

test.afterAll(async () => {
  client?.close();
  await server?.stop();
  await nginx?.stop();
});

async function addSource(page: Page, kind: string, name: string): Promise<void> {
  await page.getByTestId('source-add').click();
  await page.getByTestId(`source-kind-${kind}`).click();
  await page.getByTestId('source-name-input').fill(name);
  await page.getByTestId('source-create').click();
  await expect(page.getByTestId(`mixer-strip-${name}`)).toBeVisible();
}

/** The strip meter's loudest peak, dBFS (−Infinity when silent). */
async function peak(page: Page, name: string): Promise<number> {
  const v = await page.getByTestId(`mixer-meter-${name}`).getAttribute('data-peak');
  return v === '-inf' || v === null ? -Infinity : Number(v);
}

test('mixer dock: meter, fader, mute, clip, monitoring, and a microphone on the stream', async ({ page }) => {
  const doc = async () => {
    const events = client.events.filter((e) => e.type === 'document.changed');
    const last = events[events.length - 1];
    return last?.type === 'document.changed' ? last.data.document : null;
  };
  const tone = async () => (await doc())?.inputs.find((i) => i.name === 'Tone');

  await page.goto(server.launchUrl);
  await expect(page.getByTestId('preview-canvas')).toBeVisible();
  await addSource(page, 'audio_test_tone', 'Tone');

  // The meter moves: the tone at its level, after the fader at 0 dB.
  await expect.poll(() => peak(page, 'Tone')).toBeGreaterThan(TONE_DBFS - 1);
  expect(await peak(page, 'Tone')).toBeLessThan(TONE_DBFS + 1);
  await expect(page.getByTestId('mixer-db-Tone')).toHaveText('0.0 dB');

  // Halfway along OBS's fader is −18.7 dB; the volume and the meter follow.
  await page.getByTestId('mixer-fader-Tone').fill('500');
  await expect(page.getByTestId('mixer-db-Tone')).toHaveText('-18.7 dB');
  await expect.poll(async () => (await tone())?.volumeMul ?? 0).toBeCloseTo(10 ** (-18.74 / 20), 3);
  await expect.poll(() => peak(page, 'Tone')).toBeLessThan(TONE_DBFS - 17);
  expect(await peak(page, 'Tone')).toBeGreaterThan(TONE_DBFS - 20.5);

  // Mute silences what the strip sends.
  await page.getByTestId('mixer-mute-Tone').click();
  await expect.poll(async () => (await tone())?.muted).toBe(true);
  await expect.poll(() => peak(page, 'Tone')).toBe(-Infinity);
  await page.getByTestId('mixer-mute-Tone').click();
  await expect.poll(async () => (await tone())?.muted).toBe(false);

  // +26 dB (OBS's top volume, set over the API) drives the tone past full scale: the clip light
  // comes on, and stays on after the level drops, until it is clicked.
  const clip = page.getByTestId('mixer-clip-Tone');
  await expect(clip).toHaveAttribute('data-clipped', 'false');
  const inputUuid = (await tone())!.uuid;
  await client.must('input.setAudio', { inputUuid, volumeMul: 20 });
  await expect(clip).toHaveAttribute('data-clipped', 'true');
  await client.must('input.setAudio', { inputUuid, volumeMul: 1 });
  await expect.poll(() => peak(page, 'Tone')).toBeLessThan(TONE_DBFS + 1);
  await expect(clip).toHaveAttribute('data-clipped', 'true');
  await clip.click();
  await expect(clip).toHaveAttribute('data-clipped', 'false');

  // Monitor only: the strip goes to the monitor and leaves program (the master meter falls silent).
  const monitor = page.getByTestId('mixer-monitor-Tone');
  await expect(monitor).toHaveAttribute('data-output', 'true');
  await expect(monitor).toHaveAttribute('data-monitoring', 'false');
  await monitor.selectOption('monitorOnly');
  await expect.poll(async () => (await tone())?.monitorType).toBe('monitorOnly');
  await expect(monitor).toHaveAttribute('data-monitoring', 'true');
  await expect(monitor).toHaveAttribute('data-output', 'false');
  await expect(page.getByTestId('mixer-master')).toHaveAttribute('data-peak', '-inf');
  expect(await peak(page, 'Tone')).toBeGreaterThan(TONE_DBFS - 1);
  await monitor.selectOption('none');
  await expect(monitor).toHaveAttribute('data-output', 'true');
  await expect(monitor).toHaveAttribute('data-monitoring', 'false');

  // Advanced audio properties: balance, sync offset (applied as the strip's delay) and tracks.
  await page.getByTestId('mixer-advanced-Tone').click();
  await page.getByTestId('mixer-balance-Tone').fill('0');
  await expect.poll(async () => (await tone())?.balance).toBe(0);
  await page.getByTestId('mixer-sync-Tone').fill('200');
  await page.getByTestId('mixer-sync-Tone').press('Enter');
  await expect.poll(async () => (await tone())?.syncOffsetMs).toBe(200);
  await expect(page.getByTestId('mixer-strip-Tone')).toHaveAttribute('data-delay-ms', '200');
  // A click, not uncheck(): the box shows the document's value, which changes a moment after the click.
  await page.getByTestId('mixer-track-Tone-3').click();
  await expect.poll(async () => (await tone())?.audioTracks).toEqual([true, true, false, true, true, true]);
  await expect(page.getByTestId('mixer-track-Tone-3')).not.toBeChecked();

  // The microphone: its meter shows the fake device's level; the tone leaves program by mute.
  await addSource(page, 'audio_input', 'Mic');
  await expect.poll(() => peak(page, 'Mic'), { timeout: 30_000 }).toBeGreaterThan(MIC_DBFS - 1.5);
  expect(await peak(page, 'Mic')).toBeLessThan(MIC_DBFS + 1.5);
  await page.getByTestId('mixer-mute-Tone').click();

  // Live: what arrives at the server is the microphone.
  await client.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY, enabled: true });
  await client.must('stream.start', {});
  await client.waitFor((e) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
  await expect
    .poll(
      async () => {
        const pcm = tail(await grabAudioPcm(nginx.url(KEY), 3), 1);
        const m = measureAudio(pcm);
        return Math.abs(m.peakDb - MIC_DBFS) < 1.5 && toneStrength(pcm, MIC_HZ) > 50 * toneStrength(pcm, 1000);
      },
      { timeout: 60_000, intervals: [0], message: 'the microphone at its level on the stream' },
    )
    .toBe(true);
  await client.must('stream.stop', {});
});
