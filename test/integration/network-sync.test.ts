/**
 * A network stream source's sound stays on its picture, measured end to end with real parts: FFmpeg
 * publishes a live flash + beep (a white flash and a 1 kHz beep at the start of every second, H.264 +
 * AAC, paced at real time) into a loopback nginx-rtmp; a server-mode studio (headless Chromium
 * compositor) pulls it as an ffmpeg_source with is_local_file false and streams its program to a
 * second loopback nginx-rtmp, whose stream is decoded and every beep's onset measured against its
 * flash's. The median must be within one frame at 30 fps (±33 ms), as for a media file
 * (av-sync.test.ts). Needs `npx electron-vite build` first (npm test runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { beepAudio, flashVideo, FRAME_30_MS, firstWindowInStep } from '../harness/av-sync';
import { startLoopbackStudio, type LoopbackStudio } from '../harness/loopback-studio';
import { publishTestStream, type Publisher } from '../harness/publisher';
import { suiteResources } from '../harness/suite';

const res = suiteResources();

let src: NginxRtmp;
let live: LoopbackStudio;
let feed: Publisher | null = null;

beforeAll(async () => {
  src = await startNginxRtmp();
  live = await startLoopbackStudio();
}, 120_000);

afterAll(async () => {
  await live?.stop();
  await feed?.stop();
  await src?.stop();
});

describe('A/V sync of a network stream source (live flash + beep over RTMP)', () => {
  it('delivers each beep of the pulled stream within a frame of its flash', async () => {
    const { obs, out, server } = live;
    feed = publishTestStream(src.url('feed'), { video: flashVideo(320, 180, 30), audio: beepAudio() });
    // Cleanups run newest first: the stream stops, then the source's pull, then the publisher.
    res.onCleanup(async () => {
      await feed?.stop();
      feed = null;
    });
    const sceneName = 'Net';
    await obs.call('CreateScene', { sceneName });
    await obs.call('SetCurrentProgramScene', { sceneName });
    await obs.call('CreateInput', { sceneName, inputName: 'Feed', inputKind: 'ffmpeg_source', inputSettings: { is_local_file: false, input: src.url('feed') } });
    res.onCleanup(() => obs.call('RemoveInput', { inputName: 'Feed' }).then(() => {}));

    res.onCleanup(await live.goLive());

    // The pulled stream takes a few seconds to reach the program: windows without flashes and
    // beeps paired are not judged; the first judged window in step ends it, the third out of step
    // fails it.
    const { last, seen } = await firstWindowInStep(out.url('program'), 'network-sync');
    expect(last === null ? NaN : Math.abs(last.medianMs), `measured:\n${seen.join('\n')}\npublisher: ${feed.stderr()}\n${server.output().slice(-1500)}`).toBeLessThanOrEqual(FRAME_30_MS);
  }, 300_000);
});
