/**
 * Desktop audio on Linux, with real parts: a private PulseAudio daemon (test/harness/pulse.ts) whose
 * default output, a null sink, plays a 1 kHz tone from FFmpeg; server mode's headless Chromium
 * reaches that daemon through PULSE_SERVER. An audio_output_capture input is created over
 * obs-websocket-js with OBS's Linux id (pulse_output_capture); the engine puts a remap source over
 * the output's monitor (Chromium lists no monitors itself) and the received RTMP stream is decoded:
 * the tone must be there at its level. Needs `npx electron-vite build` first (npm test runs it) and
 * the Debian packages pulseaudio and pulseaudio-utils: without them the test fails, saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { channel, grabAudioPcm, measureAudio, startNginxRtmp, tail, toneStrength, type NginxRtmp } from '../harness';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { SPEAKERS, startPulse, type Pulse } from '../harness/pulse';
import type { StudioEvent } from '../../src/shared';

/** FFmpeg's lavfi sine peaks at 1/8 of full scale (test/harness/pulse.ts plays it on both channels). */
const TONE_DBFS = -18.1;
const KEY = 'desktop';
const REMAP_PREFIX = 'broadcast_studio_desktop.';

describe('desktop audio (PulseAudio monitor → headless Chromium → FFmpeg → RTMP)', () => {
  let pulse: Pulse;
  let nginx: NginxRtmp;
  let server: StudioServer;
  let studio: StudioClient;
  let obs: OBSWebSocket;
  let tone: { stop(): void } | undefined;

  const lastSecond = async (): Promise<Int16Array> => tail(await grabAudioPcm(nginx.url(KEY), 3, 30_000, 2), 1, 48000, 2);
  const remapSources = async (): Promise<string[]> =>
    (JSON.parse(await pulse.pactl('-f', 'json', 'list', 'short', 'sources')) as { name: string }[]).map((s) => s.name).filter((n) => n.startsWith(REMAP_PREFIX));
  /** Waits until the newest second of the stream holds the tone at its level, and returns it. */
  const untilTone = async (what: string): Promise<Int16Array> => {
    let last: Int16Array = new Int16Array(0);
    await expect
      .poll(async () => {
        last = channel(await lastSecond(), 0);
        return Math.abs(measureAudio(last).peakDb - TONE_DBFS) <= 2;
      }, { timeout: 60_000, interval: 0, message: what })
      .toBe(true);
    return last;
  };

  beforeAll(async () => {
    // A daemon that cannot start fails here with its reason: never a silent skip.
    pulse = await startPulse();
    tone = pulse.playTone(1000);
    nginx = await startNginxRtmp();
    server = await startStudioServer({
      headless: true,
      // Chromium inherits PULSE_SERVER; the fake UI grants capture (labels need a granted capture).
      env: { ...pulse.env, STUDIO_CHROMIUM_ARGS: '--use-fake-ui-for-media-stream' },
    });
    studio = await connectStudio(server);
    const info = await studio.must('remote.info', {});
    const { sceneUuid } = await studio.must('scene.create', { name: 'Desktop' });
    await studio.must('scene.setCurrent', { sceneUuid });
    await studio.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY, enabled: true });
    await studio.must('stream.start', {});
    await studio.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
    obs = new OBSWebSocket();
    await obs.connect(info.url!, info.password!);
  }, 120_000);

  afterAll(async () => {
    tone?.stop();
    await obs?.disconnect();
    studio?.close();
    await server?.stop();
    await nginx?.stop();
    await pulse?.stop();
  });

  it('carries silence while no input captures desktop audio, though the output plays the tone', async () => {
    await expect.poll(async () => measureAudio(await lastSecond()).peak, { timeout: 60_000, interval: 0, message: 'program silence' }).toBe(0);
  });

  it('lists the outputs as OBS does: Default, then each output by its monitor', async () => {
    await obs.call('CreateInput', { sceneName: 'Desktop', inputName: 'Desktop Audio', inputKind: 'pulse_output_capture', inputSettings: {} });
    const { propertyItems } = await obs.call('GetInputPropertiesListPropertyItems', { inputName: 'Desktop Audio', propertyName: 'device_id' });
    expect(propertyItems).toEqual([
      { itemName: 'Default', itemEnabled: true, itemValue: 'default' },
      { itemName: 'Speakers', itemEnabled: true, itemValue: `${SPEAKERS}.monitor` },
    ]);
    const { inputSettings } = await obs.call('GetInputSettings', { inputName: 'Desktop Audio' });
    expect(inputSettings['device_id']).toBe('default');
  });

  it('names it desktop1 in GetSpecialInputs', async () => {
    const special = await obs.call('GetSpecialInputs');
    expect(special.desktop1).toBe('Desktop Audio');
    expect(special.mic1).toBeNull();
  });

  it('carries what the default output plays: the 1 kHz tone at its level', async () => {
    await expect.poll(remapSources, { timeout: 30_000 }).toEqual([`${REMAP_PREFIX}default`]);
    const pcm = await untilTone('the 1 kHz tone from the default output');
    const m = measureAudio(pcm);
    expect(m.peakDb).toBeGreaterThan(TONE_DBFS - 2);
    expect(m.peakDb).toBeLessThan(TONE_DBFS + 2);
    expect(toneStrength(pcm, 1000)).toBeGreaterThan(50 * toneStrength(pcm, 440));
  });

  it('follows a chosen output by its monitor name', async () => {
    await obs.call('SetInputSettings', { inputName: 'Desktop Audio', inputSettings: { device_id: `${SPEAKERS}.monitor` } });
    await expect.poll(remapSources, { timeout: 30_000 }).toEqual([`${REMAP_PREFIX}${SPEAKERS}.monitor`]);
    // The stream still holds sound from before the switch: silence, then the tone again, proves it live.
    tone?.stop();
    await expect.poll(async () => measureAudio(await lastSecond()).peak, { timeout: 60_000, interval: 0, message: 'silence once the tone stops' }).toBe(0);
    tone = pulse.playTone(1000);
    const pcm = await untilTone('the tone through the chosen output');
    expect(toneStrength(pcm, 1000)).toBeGreaterThan(50 * toneStrength(pcm, 440));
  });

  it('removes its capture source when the input goes', async () => {
    await obs.call('RemoveInput', { inputName: 'Desktop Audio' });
    await expect.poll(remapSources, { timeout: 30_000 }).toEqual([]);
  });
});
