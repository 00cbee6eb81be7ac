/**
 * A stinger's sound stays on its picture, measured end to end with real parts: the stinger is a
 * 3 s clip with a white flash and a 1 kHz beep half a second into each second (its "whoosh"), run
 * back to back between two black, silent scenes while a server-mode studio streams program to a
 * loopback nginx-rtmp. The stream is decoded and each beep's onset measured against its flash's:
 * the median must be within one frame at 30 fps (±33 ms), as for a media source. The stinger's
 * <video> plays into the program's audio graph, which takes its sound ahead of when the program
 * hears it, so its pictures are held as a media source's are (before, they led their sound).
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_30_MS, firstWindowInStep, makeFlashBeepClip } from '../harness/av-sync';
import { startLoopbackStudio, type LoopbackStudio } from '../harness/loopback-studio';
import { suiteResources } from '../harness/suite';

const res = suiteResources();

let live: LoopbackStudio;
let clip: string;

beforeAll(async () => {
  const dir = res.temp('stinger-sync-');
  clip = path.join(dir, 'whoosh.mp4');
  await makeFlashBeepClip(clip, { width: 320, height: 180, seconds: 3, skip: 0.5 });
  live = await startLoopbackStudio();
}, 120_000);

afterAll(async () => {
  await live?.stop();
});

describe('A/V sync of a stinger transition', () => {
  it('delivers each beep of the stinger within a frame of its flash', async () => {
    const { obs, out, server } = live;
    for (const sceneName of ['Left', 'Right']) await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
    await obs.call('SetCurrentProgramScene', { sceneName: 'Left' });
    await obs.call('SetCurrentSceneTransition', { transitionName: 'Stinger' });
    await obs.call('SetCurrentSceneTransitionSettings', { transitionSettings: { path: clip, tp_type: 0, transition_point: 1500 } });

    // Back to back: each stinger that ends starts the next one, to the other scene.
    let running = true;
    let shown = 'Left';
    let ended = 0;
    const switchScene = () => {
      if (!running) return;
      shown = shown === 'Left' ? 'Right' : 'Left';
      void obs.call('SetCurrentProgramScene', { sceneName: shown }).catch(() => {});
    };
    const onEnded = () => {
      ended++;
      switchScene();
    };
    obs.on('SceneTransitionVideoEnded', onEnded);
    res.onCleanup(() => {
      running = false;
      obs.off('SceneTransitionVideoEnded', onEnded);
    });
    res.onCleanup(await live.goLive());
    switchScene();

    // The first stingers load the clip: windows without five pairs are not judged; the first
    // judged window in step ends it, the third out of step fails it.
    const { last, seen } = await firstWindowInStep(out.url('program'), 'stinger-sync');
    expect(ended, 'stingers ran to their end').toBeGreaterThanOrEqual(1);
    expect(last === null ? NaN : Math.abs(last.medianMs), `measured:\n${seen.join('\n')}\n${server.output().slice(-1500)}`).toBeLessThanOrEqual(FRAME_30_MS);
  }, 300_000);
});
