/**
 * Program sound end to end (server mode, headless Chromium, real FFmpeg and nginx-rtmp): the
 * received stream is decoded and measured. With no audio input the program carries digital
 * silence; an audio_test_tone input added on purpose is what the stream then carries, through its
 * channel strip: fader, mute, balance, sync offset and monitoring, driven by a real obs-websocket
 * client whose InputVolumeMeters carry the renderer's real levels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket, { EventSubscription } from 'obs-websocket-js';
import { channel, grabAudioPcm, measureAudio, startNginxRtmp, tail, toneStrength, type NginxRtmp } from '../harness';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import type { StudioEvent } from '../../src/shared';

/** The test tone's level at volume 1 (renderer/audio: TONE_DBFS). */
const TONE_DBFS = -24;
const KEY = 'sound';

describe('program sound (server mode, headless Chromium → FFmpeg → RTMP)', () => {
  let nginx: NginxRtmp;
  let server: StudioServer;
  let client: StudioClient;
  let sceneUuid: string;
  let toneUuid = '';
  let obs: OBSWebSocket | undefined;
  const lastTail = async (): Promise<Int16Array> => tail(await grabAudioPcm(nginx.url(KEY), 3, 30_000, 2), 1, 48000, 2);
  /**
   * Reads the live stream until `ok` holds for its newest second and returns that second. The
   * server and the encoder hold a few seconds of earlier sound, so a change shows up after a delay
   * that a loaded machine stretches: wait for the sound asked for, never for a time.
   */
  const until = async (ok: (pcm: Int16Array) => boolean, what: string): Promise<Int16Array> => {
    let last: Int16Array = new Int16Array(0);
    await expect.poll(async () => ok((last = await lastTail())), { timeout: 60_000, interval: 0, message: what }).toBe(true);
    return last;
  };
  const peakDb = (pcm: Int16Array): number => measureAudio(pcm).peakDb;
  const near = (db: number, want: number, tol = 1.5): boolean => Math.abs(db - want) <= tol;

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    server = await startStudioServer({ headless: true });
    client = await connectStudio(server);
    ({ sceneUuid } = await client.must('scene.create', { name: 'Sound' }));
    await client.must('scene.setCurrent', { sceneUuid });
    await client.must('input.create', { sceneUuid, name: 'Backdrop', kind: 'color_source_v3', settings: { color: 0xff402010 } });
    await client.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY, enabled: true });
    await client.must('stream.start', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
  });

  afterAll(async () => {
    await obs?.disconnect();
    client?.close();
    await server?.stop();
    await nginx?.stop();
  });

  it('carries digital silence when no input has sound', async () => {
    const pcm = await grabAudioPcm(nginx.url(KEY), 3);
    expect(pcm.length, 'decoded samples').toBeGreaterThan(48000 * 2);
    const m = measureAudio(pcm);
    expect(m.peak, `largest sample (peak ${m.peakDb} dBFS)`).toBe(0);
    expect(m.peakDb).toBe(-Infinity);
  });

  it('carries a test tone added on purpose, at its level', async () => {
    ({ inputUuid: toneUuid } = await client.must('input.create', { sceneUuid, name: 'Tone', kind: 'audio_test_tone', settings: { frequency: 1000 } }));
    const stereo = await until((p) => near(peakDb(p), TONE_DBFS), 'the tone at its level');
    const pcm = channel(stereo, 0);
    const m = measureAudio(pcm);
    // A sine's RMS is 3 dB under its peak; AAC at 160 kbps keeps a plain tone within a dB.
    expect(m.peakDb).toBeGreaterThan(TONE_DBFS - 1.5);
    expect(m.peakDb).toBeLessThan(TONE_DBFS + 1.5);
    expect(toneStrength(pcm, 1000)).toBeGreaterThan(50 * toneStrength(pcm, 440));
  });

  it('follows the fader: half volume is 6 dB down, mute is silence', async () => {
    const inputUuid = toneUuid;
    await client.must('input.setAudio', { inputUuid, volumeMul: 0.5 });
    const half = measureAudio(await until((p) => near(peakDb(p), TONE_DBFS - 6), 'the tone 6 dB down'));
    expect(half.peakDb).toBeGreaterThan(TONE_DBFS - 6 - 1.5);
    expect(half.peakDb).toBeLessThan(TONE_DBFS - 6 + 1.5);
    await client.must('input.setAudio', { inputUuid, muted: true });
    const muted = measureAudio(await until((p) => measureAudio(p).peak === 0, 'silence while muted'));
    expect(muted.peak).toBe(0);
  });

  it('obs-websocket drives the rest of the strip: balance, sync offset, monitoring, tracks, with events and real meters', async () => {
    await client.must('input.setAudio', { inputUuid: toneUuid, muted: false, volumeMul: 1 });
    const info = await client.must('remote.info', {});
    obs = new OBSWebSocket();
    await obs.connect(info.url!, info.password!, { eventSubscriptions: EventSubscription.All | EventSubscription.InputVolumeMeters });
    const events: { type: string; data: Record<string, unknown> }[] = [];
    for (const type of ['InputAudioBalanceChanged', 'InputAudioSyncOffsetChanged', 'InputAudioMonitorTypeChanged', 'InputAudioTracksChanged'] as const) {
      obs.on(type, (data) => void events.push({ type, data: data as Record<string, unknown> }));
    }
    const event = (type: string) => expect.poll(() => events.find((e) => e.type === type)?.data, { timeout: 10_000 });

    // Meters: the tone's own levels, as OBS sends them (linear, per channel [magnitude, peak, inputPeak]).
    // The first reports may still show the fade after unmuting: wait for a steady one, at most 15 s.
    let seen: number[][] = [];
    const meters = await new Promise<number[][]>((resolve, reject) => {
      const on = (d: { inputs: { inputName?: string; inputLevelsMul?: number[][] }[] }) => {
        const tone = d.inputs.find((i) => i.inputName === 'Tone');
        if (!tone?.inputLevelsMul?.[0]) return;
        seen = tone.inputLevelsMul;
        const [rms, peak] = seen[0]!;
        if (!near(20 * Math.log10(peak!), TONE_DBFS, 1) || !near(20 * Math.log10(rms!), TONE_DBFS - 3, 1)) return;
        clearTimeout(timer);
        obs!.off('InputVolumeMeters', on as never);
        resolve(seen);
      };
      const timer = setTimeout(() => reject(new Error(`no meter near ${TONE_DBFS} dBFS; last ${JSON.stringify(seen)}`)), 15_000);
      obs!.on('InputVolumeMeters', on as never);
    });
    const meterPeakDb = 20 * Math.log10(meters[0]![1]!);
    expect(meterPeakDb).toBeGreaterThan(TONE_DBFS - 1);
    expect(meterPeakDb).toBeLessThan(TONE_DBFS + 1);
    // A sine's RMS sits 3 dB below its peak.
    expect(near(20 * Math.log10(meters[0]![0]!), TONE_DBFS - 3, 1)).toBe(true);
    // The right channel reads the same (a mono tone spread to both), and inputPeak equals peak at unity volume.
    expect(near(20 * Math.log10(meters[1]![1]!), TONE_DBFS, 1)).toBe(true);
    expect(near(20 * Math.log10(meters[0]![2]!), TONE_DBFS, 1)).toBe(true);

    // Balance fully left: the right channel goes silent, the left keeps the tone at its level.
    await obs.call('SetInputAudioBalance', { inputName: 'Tone', inputAudioBalance: 0 });
    await event('InputAudioBalanceChanged').toMatchObject({ inputName: 'Tone', inputUuid: toneUuid, inputAudioBalance: 0 });
    const panned = await until(
      (p) => near(peakDb(channel(p, 0)), TONE_DBFS) && peakDb(channel(p, 1)) < TONE_DBFS - 40,
      'the tone on the left only',
    );
    const left = measureAudio(channel(panned, 0));
    const right = measureAudio(channel(panned, 1));
    expect(left.peakDb).toBeGreaterThan(TONE_DBFS - 1.5);
    expect(right.peakDb, 'right channel, balance 0').toBeLessThan(TONE_DBFS - 40);
    await obs.call('SetInputAudioBalance', { inputName: 'Tone', inputAudioBalance: 0.5 });

    // Monitor only: heard on the monitor, gone from program output.
    await obs.call('SetInputAudioMonitorType', { inputName: 'Tone', monitorType: 'OBS_MONITORING_TYPE_MONITOR_ONLY' });
    await event('InputAudioMonitorTypeChanged').toMatchObject({ inputName: 'Tone', monitorType: 'OBS_MONITORING_TYPE_MONITOR_ONLY' });
    await until((p) => measureAudio(p).peak === 0, 'program silent while the tone is monitor only');
    await obs.call('SetInputAudioMonitorType', { inputName: 'Tone', monitorType: 'OBS_MONITORING_TYPE_MONITOR_AND_OUTPUT' });
    await until((p) => near(peakDb(p), TONE_DBFS), 'the tone in program again, monitored and output');

    // A 20 s sync offset holds the tone back: the program falls silent (for 20 s), and at 0 the tone is back.
    await obs.call('SetInputAudioSyncOffset', { inputName: 'Tone', inputAudioSyncOffset: 20000 });
    await event('InputAudioSyncOffsetChanged').toMatchObject({ inputName: 'Tone', inputAudioSyncOffset: 20000 });
    await until((p) => measureAudio(p).peak === 0, 'silence while the 20 s offset holds the tone back');
    await obs.call('SetInputAudioSyncOffset', { inputName: 'Tone', inputAudioSyncOffset: 0 });
    await until((p) => near(peakDb(p), TONE_DBFS), 'the tone back at offset 0');

    await obs.call('SetInputAudioTracks', { inputName: 'Tone', inputAudioTracks: { '3': false } });
    await event('InputAudioTracksChanged').toMatchObject({ inputAudioTracks: { '1': true, '2': true, '3': false, '4': true, '5': true, '6': true } });
    expect(await obs.call('GetInputAudioTracks', { inputName: 'Tone' })).toMatchObject({ inputAudioTracks: { '3': false } });
  });

  it('audio filters run in the strip: gain +6 dB is +6 dB, the limiter caps the peak, the gate shuts and reopens live, the EQ cuts its band', async () => {
    const call = (type: string, data: Record<string, unknown>) => obs!.call(type as never, data as never);
    const tone = { sourceName: 'Tone' };
    await call('SetInputAudioBalance', { inputName: 'Tone', inputAudioBalance: 0.5 });
    await until((p) => near(peakDb(p), TONE_DBFS), 'the tone at its level before filters');

    await call('CreateSourceFilter', { ...tone, filterName: 'Gain', filterKind: 'gain_filter', filterSettings: { db: 6 } });
    // Within a dB (a second that still holds the change itself may read higher).
    const gained = measureAudio(await until((p) => near(peakDb(p), TONE_DBFS + 6, 1), 'the tone 6 dB up'));
    expect(gained.peakDb - TONE_DBFS).toBeGreaterThan(6 - 1);
    expect(gained.peakDb - TONE_DBFS).toBeLessThan(6 + 1);

    // +22 dB would put the tone at −2 dBFS; a limiter at −12 dB holds it there.
    await call('SetSourceFilterSettings', { ...tone, filterName: 'Gain', filterSettings: { db: 22 } });
    await call('CreateSourceFilter', { ...tone, filterName: 'Limiter', filterKind: 'limiter_filter', filterSettings: { threshold: -12 } });
    const limited = measureAudio(await until((p) => near(peakDb(p), -12, 0.7), 'the peak held at the limiter threshold'));
    // AAC may overshoot a hard-limited sine by a few tenths of a dB.
    expect(limited.peakDb).toBeLessThan(-12 + 0.7);
    await call('SetSourceFilterEnabled', { ...tone, filterName: 'Limiter', filterEnabled: false });
    await until((p) => near(peakDb(p), TONE_DBFS + 22), 'the tone unlimited once the limiter is disabled');
    await call('RemoveSourceFilter', { ...tone, filterName: 'Limiter' });
    await call('RemoveSourceFilter', { ...tone, filterName: 'Gain' });

    // A gate that opens only above −10 dB shuts a −24 dBFS tone; lowering its thresholds opens it, live.
    await call('CreateSourceFilter', {
      ...tone,
      filterName: 'Gate',
      filterKind: 'noise_gate_filter',
      filterSettings: { open_threshold: -10, close_threshold: -15 },
    });
    await until((p) => measureAudio(p).peakDb < -80, 'the gate shut below its threshold');
    await call('SetSourceFilterSettings', { ...tone, filterName: 'Gate', filterSettings: { open_threshold: -30, close_threshold: -40 } });
    await until((p) => near(peakDb(p), TONE_DBFS), 'the gate open above its threshold');
    await call('RemoveSourceFilter', { ...tone, filterName: 'Gate' });

    // The 3-band EQ: the mid band cut by 12 dB takes a 2 kHz tone down by about that much.
    await client.must('input.update', { inputUuid: toneUuid, settings: { frequency: 2000 } });
    await call('CreateSourceFilter', { ...tone, filterName: 'EQ', filterKind: 'basic_eq_filter', filterSettings: { mid: -12 } });
    const cut = measureAudio(await until((p) => near(peakDb(p), TONE_DBFS - 12, 2), 'the tone 12 dB down in the mid band'));
    expect(cut.peakDb).toBeLessThan(TONE_DBFS - 10);
    await call('RemoveSourceFilter', { ...tone, filterName: 'EQ' });
  });

  it('a compressor ducks under another input named as its sidechain, and only while that input sounds', async () => {
    const call = (type: string, data: Record<string, unknown>) => obs!.call(type as never, data as never);
    await until((p) => near(peakDb(p), TONE_DBFS), 'the tone at its level');
    // The voice that ducks it: in the scene but hidden at first, and heard only on the monitor, never in program.
    const duck = await client.must('input.create', { sceneUuid, name: 'Voice', kind: 'audio_test_tone', settings: { frequency: 500 } });
    await client.must('input.setAudio', { inputUuid: duck.inputUuid, monitorType: 'monitorOnly' });
    await client.must('item.setEnabled', { sceneUuid, sceneItemId: duck.sceneItemId, enabled: false });
    // Listening to itself this compressor would take 14.4 dB off the tone (16 dB over at 10:1).
    await call('CreateSourceFilter', {
      sourceName: 'Tone',
      filterName: 'Duck',
      filterKind: 'compressor_filter',
      filterSettings: { threshold: -40, ratio: 10, attack_time: 1, release_time: 60, sidechain_source: 'Voice' },
    });
    // The voice is silent (hidden): nothing drives the compressor, the tone stays at its level.
    await until((p) => near(peakDb(p), TONE_DBFS, 1), 'the tone untouched while the sidechain is silent');
    await client.must('item.setEnabled', { sceneUuid, sceneItemId: duck.sceneItemId, enabled: true });
    const ducked = measureAudio(await until((p) => near(peakDb(p), TONE_DBFS - 14.4, 2), 'the tone ducked under the voice'));
    expect(ducked.peakDb).toBeLessThan(TONE_DBFS - 12);
    await client.must('item.setEnabled', { sceneUuid, sceneItemId: duck.sceneItemId, enabled: false });
    await until((p) => near(peakDb(p), TONE_DBFS, 1), 'the tone back up once the voice stops');
  });
});
