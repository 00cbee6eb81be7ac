/**
 * The replay buffer over obs-websocket, against real parts: the in-process studio with no renderer
 * encodes black and silence with real FFmpeg; an obs-websocket-js client starts the replay buffer
 * (which starts the encoder on its own), saves it, and the saved file is read back with ffprobe:
 * video present, as long as the setting within one GOP, and ending within one GOP of the moment
 * of the save, measured against the frames the studio had written to its encoder by then.
 * OBS's error codes for what cannot be done, and a bad setting refused with its reason.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventSubscription } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../src/shared';
import type { ReplaySaved } from '../../src/shared/replay';
import { listFfmpegChildren } from '../harness';
import { refused, startInProcessRemote, type InProcessRemote } from '../harness/in-process-remote';

const FPS = 30;
const SECONDS = 4;
const GOP_SEC = 2;
const GOP_FRAMES = GOP_SEC * FPS;

let r: InProcessRemote;
let folder = '';
const events: StudioEvent[] = [];

beforeAll(async () => {
  r = await startInProcessRemote({
    prefix: 'replay-buffer-',
    eventSubscriptions: EventSubscription.Outputs | EventSubscription.Transitions | EventSubscription.Scenes,
    listen: ['ReplayBufferStateChanged', 'ReplayBufferSaved', 'SceneTransitionStarted', 'SceneTransitionEnded', 'CurrentProgramSceneChanged'],
  });
  r.studio.subscribe((e) => events.push(e));
  folder = mkdtempSync(path.join(tmpdir(), 'replay-files-'));
  const must = async (type: Parameters<typeof r.studio.execute>[0], args: unknown): Promise<void> => {
    const res = await r.studio.execute(type, args);
    if (!res.ok) throw new Error(`${type}: ${res.error.message}`);
  };
  await must('video.set', { baseWidth: 640, baseHeight: 360, outputWidth: 640, outputHeight: 360, fpsNumerator: FPS, fpsDenominator: 1 });
  await must('output.setEncoder', { encoder: 'libx264', preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: GOP_SEC });
  await must('output.setRecording', { folder, format: 'fmp4', filenamePattern: 'show %CCYY-%MM-%DD' });
}, 60_000);

const vendor = async (requestType: string, requestData: Record<string, number | string | boolean> = {}): Promise<Record<string, unknown>> =>
  (await r.obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType, requestData })).responseData as Record<string, unknown>;

afterAll(async () => {
  await r?.close();
  rmSync(folder, { recursive: true, force: true });
});

const framesSent = (): number => r.studio.status().stream.framesSent;
const states = (): string[] => r.heard.filter((h) => h.type === 'ReplayBufferStateChanged').map((h) => String(h.data['outputState']));

interface VideoProbe {
  codec: string;
  width: number;
  height: number;
  packets: number;
  /** First frame to the end of the last one, s. */
  span: number;
}

function probeVideo(file: string): VideoProbe {
  const out = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height:packet=pts_time', '-of', 'json', file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as { streams: { codec_name: string; width: number; height: number }[]; packets: { pts_time: string }[] };
  const pts = out.packets.map((p) => Number(p.pts_time));
  const s = out.streams[0]!;
  return { codec: s.codec_name, width: s.width, height: s.height, packets: pts.length, span: Math.max(...pts) - Math.min(...pts) + 1 / FPS };
}

describe('replay buffer (obs-websocket, real FFmpeg)', () => {
  it('refuses what cannot be done with OBS codes, and a negative length with its reason', async () => {
    expect(await r.obs.call('GetReplayBufferStatus')).toEqual({ outputActive: false });
    expect((await refused(r.obs.call('SaveReplayBuffer'))).code).toBe(501);
    expect((await refused(r.obs.call('StopReplayBuffer'))).code).toBe(501);
    expect((await refused(r.obs.call('GetLastReplayBufferReplay'))).code).toBe(501);
    // OBS's defaults; PlayLastReplay's: the current transition, and back to the scene before.
    const defaults = { maxSeconds: 20, maxMb: 512, transitionKind: '', transitionDurationMs: 0, returnToScene: true };
    expect(await vendor('GetReplayBufferSettings')).toEqual(defaults);
    const negative = await refused(vendor('SetReplayBufferSettings', { maxSeconds: -5 }));
    expect(negative.code).toBe(402);
    expect(negative.message).toMatch(/maxSeconds/);
    expect((await refused(vendor('PlayLastReplay'))).code).toBe(604);
    const wipe = await refused(vendor('SetReplayBufferSettings', { transitionKind: 'zoom_transition' }));
    expect(wipe.code).toBe(400);
    expect(wipe.message).toMatch(/replayTransitionKind.*fade_transition/);
    expect((await refused(vendor('SetReplayBufferSettings', { transitionDurationMs: 10 }))).message).toMatch(/transitionDurationMs/);
    expect(await vendor('SetReplayBufferSettings', { maxSeconds: SECONDS })).toEqual({ ...defaults, maxSeconds: SECONDS });
    const stored = { transitionKind: 'slide_transition', transitionDurationMs: 700, returnToScene: false };
    expect(await vendor('SetReplayBufferSettings', stored)).toEqual({ ...defaults, maxSeconds: SECONDS, ...stored });
    expect(r.studio.document().output.recording).toMatchObject({ replayTransitionKind: 'slide_transition', replayTransitionMs: 700, replayReturnToScene: false });
    // Back to "the current transition" for the rest.
    await vendor('SetReplayBufferSettings', { transitionKind: '', returnToScene: true });
    const bad = await r.studio.execute('output.setRecording', { replayMaxSeconds: -5 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe(402); // RequestFieldOutOfRange
      expect(bad.error.message).toMatch(/replayMaxSeconds/);
    }
    expect(r.studio.document().output.recording.replayMaxSeconds).toBe(SECONDS);
    expect(listFfmpegChildren()).toEqual([]);
  });

  it('keeps the last N seconds of the encoded program and saves them, ending at the save', async () => {
    await r.obs.call('StartReplayBuffer');
    expect(await r.obs.call('GetReplayBufferStatus')).toEqual({ outputActive: true });
    expect((await refused(r.obs.call('StartReplayBuffer'))).code).toBe(500);
    await expect.poll(states, { timeout: 30_000 }).toEqual(['OBS_WEBSOCKET_OUTPUT_STARTING', 'OBS_WEBSOCKET_OUTPUT_STARTED']);
    // The encoder runs for the replay buffer alone (no stream, no recording).
    expect(r.studio.status().stream.state).toBe('idle');

    // Until the buffer holds the whole length and much more has been encoded than it may keep (so
    // a buffer that kept too much would show).
    await expect
      .poll(async () => {
        const s = await r.studio.execute('replay.status', {});
        return s.ok && s.value.durationMs >= SECONDS * 1000 && framesSent() >= (SECONDS + 3 * GOP_SEC) * FPS;
      }, { timeout: 90_000, interval: 200 })
      .toBe(true);

    const before = framesSent();
    await r.obs.call('SaveReplayBuffer');
    const after = framesSent();
    await expect.poll(() => r.heard.filter((h) => h.type === 'ReplayBufferSaved').length, { timeout: 30_000 }).toBe(1);
    const file = String(r.heard.find((h) => h.type === 'ReplayBufferSaved')!.data['savedReplayPath']);
    expect(path.dirname(file)).toBe(folder);
    expect(path.basename(file)).toMatch(/^Replay show \d{4}-\d{2}-\d{2}\.mp4$/);
    expect(existsSync(file)).toBe(true);
    expect(await r.obs.call('GetLastReplayBufferReplay')).toEqual({ savedReplayPath: file });
    const saved = events.find((e): e is { type: 'replay.saved'; data: ReplaySaved } => e.type === 'replay.saved')!.data;

    const v = probeVideo(file);
    expect(v).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    // N seconds, from a keyframe: at least N, at most one GOP more (less the frame still arriving at
    // the save, which is left out; 1 ms for the container's time base).
    expect(v.span).toBeGreaterThanOrEqual(SECONDS - 1 / FPS - 0.001);
    expect(v.span).toBeLessThanOrEqual(SECONDS + GOP_SEC + 1 / FPS);
    // The file is what the buffer said it saved.
    expect(v.packets).toBe(saved.frames);
    expect(Math.abs(v.span * 1000 - saved.durationMs)).toBeLessThan(1000 / FPS + 1);
    // Its last frame is the encoder's frame number endFrames; the studio had written `before`
    // frames to the encoder when the save was asked for and `after` when it was answered.
    const endFrames = Math.round((saved.endMs * FPS) / 1000);
    expect(endFrames).toBeLessThanOrEqual(after);
    expect(endFrames).toBeGreaterThanOrEqual(before - GOP_FRAMES);

    // The replay goes on air at once: a media source (OBS's ffmpeg_source) in a scene of its own,
    // slowed to half speed, and program switches to that scene with the replay transition (a
    // fade, not the current cut), set to come back to the show when the clip has played out.
    const show = (await r.obs.call('GetCurrentProgramScene')).currentProgramSceneName;
    expect((await r.obs.call('GetCurrentSceneTransition')).transitionKind).toBe('cut_transition');
    await r.obs.call('CreateScene', { sceneName: 'Replays' });
    const played = await vendor('PlayLastReplay', { sceneName: 'Replays', speedPercent: 50, transitionKind: 'fade_transition', transitionDurationMs: 600 });
    expect(played).toMatchObject({
      inputName: 'Replay',
      sceneName: 'Replays',
      savedReplayPath: file,
      transitionKind: 'fade_transition',
      transitionDurationMs: 600,
      returnSceneName: show,
    });
    expect((await r.obs.call('GetCurrentProgramScene')).currentProgramSceneName).toBe('Replays');
    const switched = (): string[] =>
      r.heard
        .filter((h) => h.type.startsWith('SceneTransition') || h.type === 'CurrentProgramSceneChanged')
        .map((h) => `${h.type} ${String(h.data['transitionName'] ?? h.data['sceneName'])}`);
    // OBS's order: the program change is told once the transition has stopped.
    await expect.poll(switched, { timeout: 10_000 }).toEqual(['SceneTransitionStarted Fade', 'SceneTransitionEnded Fade', 'CurrentProgramSceneChanged Replays']);
    // The fade was this switch's alone: the current transition is still the cut.
    expect((await r.obs.call('GetCurrentSceneTransition')).transitionKind).toBe('cut_transition');
    expect((await r.obs.call('GetInputSettings', { inputName: 'Replay' })).inputSettings).toMatchObject({ local_file: file, speed_percent: 50 });
    const items = (await r.obs.call('GetSceneItemList', { sceneName: 'Replays' })).sceneItems;
    expect(items.map((i) => [i['sourceName'], i['inputKind']])).toEqual([['Replay', 'ffmpeg_source']]);

    // OBS's hotkey ReplayBuffer.Save saves again, under the next free name.
    await r.obs.call('TriggerHotkeyByName', { hotkeyName: 'ReplayBuffer.Save' });
    const savedPaths = (): string[] => r.heard.filter((h) => h.type === 'ReplayBufferSaved').map((h) => String(h.data['savedReplayPath']));
    await expect.poll(() => savedPaths().length, { timeout: 30_000 }).toBe(2);
    const second = savedPaths()[1]!;
    expect(second).not.toBe(file);
    expect(path.basename(second)).toMatch(/^Replay show .*\.mp4$/);
    expect(probeVideo(second).codec).toBe('h264');
    expect(await r.obs.call('GetLastReplayBufferReplay')).toEqual({ savedReplayPath: second });
    // Playing again reuses the input: the newer file, same input.
    expect(await vendor('PlayLastReplay')).toMatchObject({ inputUuid: played['inputUuid'], savedReplayPath: second });
    expect((await r.obs.call('GetInputSettings', { inputName: 'Replay' })).inputSettings).toMatchObject({ local_file: second });
  }, 180_000);

  it('stops without touching a recording that shares its encoder; the encoder stops with the last of them', async () => {
    await r.obs.call('StartRecord');
    await expect.poll(async () => (await r.obs.call('GetRecordStatus')).outputActive, { timeout: 30_000 }).toBe(true);
    await r.obs.call('StopReplayBuffer');
    expect(await r.obs.call('GetReplayBufferStatus')).toEqual({ outputActive: false });
    await expect.poll(states, { timeout: 30_000 }).toEqual([
      'OBS_WEBSOCKET_OUTPUT_STARTING',
      'OBS_WEBSOCKET_OUTPUT_STARTED',
      'OBS_WEBSOCKET_OUTPUT_STOPPING',
      'OBS_WEBSOCKET_OUTPUT_STOPPED',
    ]);
    // The recording goes on with the same encoder: its file keeps growing.
    expect((await r.obs.call('GetRecordStatus')).outputActive).toBe(true);
    const frames = framesSent();
    await expect.poll(framesSent, { timeout: 30_000 }).toBeGreaterThan(frames + FPS);
    const bytes = (await r.obs.call('GetRecordStatus')).outputBytes;
    await expect.poll(async () => (await r.obs.call('GetRecordStatus')).outputBytes, { timeout: 30_000 }).toBeGreaterThan(bytes);
    expect((await refused(r.obs.call('SaveReplayBuffer'))).code).toBe(501);
    await r.obs.call('StopRecord');
    await expect.poll(() => listFfmpegChildren().length, { timeout: 30_000 }).toBe(0);
  }, 90_000);
});
