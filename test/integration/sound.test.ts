/**
 * Program sound end to end (server mode, headless Chromium, real FFmpeg and nginx-rtmp): the
 * received stream is decoded and measured. With no audio input the program carries digital
 * silence; an audio_test_tone input added on purpose is what the stream then carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grabAudioPcm, measureAudio, startNginxRtmp, tail, toneStrength, type NginxRtmp } from '../harness';
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
    const pcm = tail(await grabAudioPcm(nginx.url(KEY), 4), 1.5);
    const m = measureAudio(pcm);
    // A sine's RMS is 3 dB under its peak; AAC at 160 kbps keeps a plain tone within a dB.
    expect(m.peakDb).toBeGreaterThan(TONE_DBFS - 1.5);
    expect(m.peakDb).toBeLessThan(TONE_DBFS + 1.5);
    expect(toneStrength(pcm, 1000)).toBeGreaterThan(50 * toneStrength(pcm, 440));
  });

  it('follows the fader: half volume is 6 dB down, mute is silence', async () => {
    const inputUuid = toneUuid;
    await client.must('input.setAudio', { inputUuid, volumeMul: 0.5 });
    const half = measureAudio(tail(await grabAudioPcm(nginx.url(KEY), 4), 1.5));
    expect(half.peakDb).toBeGreaterThan(TONE_DBFS - 6 - 1.5);
    expect(half.peakDb).toBeLessThan(TONE_DBFS - 6 + 1.5);
    await client.must('input.setAudio', { inputUuid, muted: true });
    const muted = measureAudio(tail(await grabAudioPcm(nginx.url(KEY), 4), 1.5));
    expect(muted.peak, `largest sample while muted (${muted.peakDb} dBFS)`).toBe(0);
  });
});
