/**
 * Audio and video leave the studio in sync, measured end to end (server mode, headless Chromium,
 * real FFmpeg, loopback nginx-rtmp): a clip made by FFmpeg flashes white and beeps at 1 kHz at the
 * same instant once a second; the media source plays it on a loop; the received stream is decoded
 * (each frame's luma and the audio, each with its presentation time) and every beep's onset is
 * measured against its flash's. The median must be within one frame at 30 fps (±33 ms). A +200 ms
 * sync offset on the source moves it by 200 ± 33 ms, −200 ms the other way (the pictures wait), and
 * the studio's own A/V figure is in GetStats.
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFlashBeepClip, measureSync, type SyncMeasure } from '../harness/av-sync';
import { startLoopbackStudio, type LoopbackStudio } from '../harness/loopback-studio';
import { suiteResources } from '../harness/suite';

const res = suiteResources();
const KEY = 'avsync';
/** One frame at 30 fps. */
const FRAME_MS = 1000 / 30;

let live: LoopbackStudio;
let clip: string;

beforeAll(async () => {
  const dir = res.temp('av-sync-');
  clip = path.join(dir, 'flash-beep.mp4');
  await makeFlashBeepClip(clip, { seconds: 4 });
  live = await startLoopbackStudio({ width: 640, height: 360, key: KEY });
}, 120_000);

afterAll(async () => {
  await live?.stop();
});

/** Measures 8 s of the live stream until `ok` holds (a change takes a few seconds to reach a reader). */
async function measureUntil(what: string, ok: (m: SyncMeasure) => boolean, timeoutMs = 90_000): Promise<SyncMeasure> {
  const deadline = Date.now() + timeoutMs;
  const seen: string[] = [];
  for (;;) {
    const m = await measureSync(live.out.url(KEY), 8);
    seen.push(`median ${m.medianMs.toFixed(1)} ms of [${m.offsetsMs.map((o) => o.toFixed(0)).join(', ')}] (${m.flashes} flashes, ${m.beeps} beeps)`);
    console.log(`av-sync ${what}: ${seen.at(-1)}`);
    if (m.offsetsMs.length >= 5 && ok(m)) return m;
    if (Date.now() > deadline) {
      throw new Error(`${what} within ${timeoutMs} ms; measured:\n${seen.join('\n')}\n${live.server.output().slice(-2000)}`);
    }
  }
}

describe('A/V sync of the live output (flash + beep clip on a media source)', () => {
  it('delivers each beep within a frame of its flash, and the sync offset moves it', async () => {
    const { obs } = live;
    const sceneName = 'Sync';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Clip', inputKind: 'ffmpeg_source', inputSettings: { local_file: clip, looping: true } });

    res.onCleanup(await live.goLive());

    const base = await measureUntil('in sync', (m) => Math.abs(m.medianMs) <= FRAME_MS);
    expect(Math.abs(base.medianMs)).toBeLessThanOrEqual(FRAME_MS);

    // The studio's own figure (GetStats, from the renderer's stamps on what the encoder gets).
    const stats = (await obs.call('GetStats')) as unknown as { avOffsetMs: number | null; audioDriftPpm: number };
    console.log(`av-sync GetStats: avOffsetMs ${stats.avOffsetMs}, audioDriftPpm ${stats.audioDriftPpm}`);
    expect(typeof stats.avOffsetMs).toBe('number');
    expect(Number.isFinite(stats.avOffsetMs)).toBe(true);
    expect(typeof stats.audioDriftPpm).toBe('number');

    // +200 ms on the source holds its sound back: the beeps come 200 ± 33 ms later than before.
    await obs.call('SetInputAudioSyncOffset', { inputName: 'Clip', inputAudioSyncOffset: 200 });
    const later = await measureUntil('200 ms later', (m) => Math.abs(m.medianMs - base.medianMs - 200) <= FRAME_MS);
    expect(Math.abs(later.medianMs - base.medianMs - 200)).toBeLessThanOrEqual(FRAME_MS);

    // −200 ms: the sound comes 200 ms before where it was (the pictures wait for it instead).
    await obs.call('SetInputAudioSyncOffset', { inputName: 'Clip', inputAudioSyncOffset: -200 });
    const earlier = await measureUntil('200 ms earlier', (m) => Math.abs(m.medianMs - base.medianMs + 200) <= FRAME_MS);
    expect(Math.abs(earlier.medianMs - base.medianMs + 200)).toBeLessThanOrEqual(FRAME_MS);
  }, 300_000);
});
