/**
 * A browser source's sound stays on its picture, measured end to end with real parts: a local HTML
 * page plays the flash + beep clip (a white flash and a 1 kHz beep at the start of every second) in
 * a looping <video>, the commonest browser-source content with sound (an alert, an embedded clip).
 * The page runs in the engine's own Chromium; its pictures come as screencast frames and its sound
 * through the page's capture script (reroute_audio), two paths with different delays. A server-mode
 * studio streams the program to a loopback nginx-rtmp, whose stream is decoded and every beep's
 * onset measured against its flash's. The median must be within one frame at 30 fps (±33 ms), as
 * for a media file (av-sync.test.ts). Needs `npx electron-vite build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_30_MS, firstWindowInStep, makeFlashBeepClip } from '../harness/av-sync';
import { startLoopbackStudio, type LoopbackStudio } from '../harness/loopback-studio';
import { suiteResources } from '../harness/suite';

const res = suiteResources();

let live: LoopbackStudio;
let page: string;

beforeAll(async () => {
  const dir = res.temp('browser-sync-');
  await makeFlashBeepClip(path.join(dir, 'flash-beep.mp4'), { width: 320, height: 180, seconds: 4 });
  page = path.join(dir, 'alert.html');
  fs.writeFileSync(
    page,
    '<!doctype html><body style="margin:0;background:#000;overflow:hidden">' +
      '<video src="flash-beep.mp4" autoplay loop playsinline style="width:100vw;height:100vh;display:block"></video></body>',
  );
  live = await startLoopbackStudio();
}, 120_000);

afterAll(async () => {
  await live?.stop();
});

describe('A/V sync of a browser source (a page playing a flash + beep clip)', () => {
  it('delivers each beep of the page within a frame of its flash', async () => {
    const { obs, out, server } = live;
    const sceneName = 'Page';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', {
      sceneName,
      inputName: 'Alert',
      inputKind: 'browser_source',
      inputSettings: { is_local_file: true, local_file: page, width: 320, height: 180, fps: 30, reroute_audio: true },
    });
    res.onCleanup(() => obs.call('RemoveInput', { inputName: 'Alert' }).then(() => {}));

    res.onCleanup(await live.goLive());

    // The page takes a few seconds to load and start: windows without flashes and beeps paired are
    // not judged; the first judged window in step ends it, the third out of step fails it.
    const { last, seen } = await firstWindowInStep(out.url('program'), 'browser-sync');
    expect(last === null ? NaN : Math.abs(last.medianMs), `measured:\n${seen.join('\n')}\n${server.output().slice(-1500)}`).toBeLessThanOrEqual(FRAME_30_MS);
  }, 300_000);
});
