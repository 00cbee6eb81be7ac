/**
 * OBS's mixer tracks end to end (server mode, headless Chromium, real FFmpeg and nginx-rtmp): two
 * test tones, A (600 Hz) on track 1 only and B (1500 Hz) on track 2 only. A recording of tracks
 * 1 + 2 holds two audio streams, the first carrying only A and the second only B; a destination
 * set to track 2 receives only B, and after it is set to track 1 and restarted, only A. A saved
 * replay holds the recording's tracks the same way; one the running encoding lacks is named, not fatal. Frequencies are measured on the decoded sound (Goertzel).
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, measureAudio, startNginxRtmp, tail, toneStrength, type NginxRtmp } from '../harness';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import type { StudioEvent } from '../../src/shared';

const A_HZ = 600;
const B_HZ = 1500;
const KEY = 'tracks';
const only = (n: number): boolean[] => Array.from({ length: 6 }, (_, k) => k === n - 1);

/** Decodes one audio stream of a file or URL (the n-th) to mono s16 at 48 kHz. */
function decode(url: string, stream: number, seconds?: number): Promise<Int16Array> {
  const args = ['-v', 'error', '-i', url, '-map', `0:a:${stream}`, ...(seconds ? ['-t', String(seconds)] : []), '-ac', '1', '-ar', '48000', '-f', 's16le', 'pipe:1'];
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { encoding: 'buffer', maxBuffer: 256 << 20, timeout: 60_000, killSignal: 'SIGKILL' }, (error, out, err) => {
      if (error) reject(new Error(`ffmpeg ${args.join(' ')}: ${String(error)}\n${err.toString().slice(-1000)}`));
      else resolve(new Int16Array(out.buffer, out.byteOffset, Math.floor(out.length / 2)));
    });
  });
}

/** The tone that is there is ≥ 100× stronger than the one that must not be (−20 dB of leak at most, in practice none). */
const carriesOnly = (pcm: Int16Array, want: number, not: number): boolean =>
  measureAudio(pcm).peakDb > -40 && toneStrength(pcm, want) > 100 * toneStrength(pcm, not);

describe('audio tracks 1–6 on the outputs (server mode → FFmpeg → RTMP and a recording)', () => {
  let nginx: NginxRtmp;
  let server: StudioServer;
  let client: StudioClient;

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    server = await startStudioServer({ headless: true });
    client = await connectStudio(server);
    const { sceneUuid } = await client.must('scene.create', { name: 'Tracks' });
    await client.must('scene.setCurrent', { sceneUuid });
    await client.must('input.create', { sceneUuid, name: 'Backdrop', kind: 'color_source_v3', settings: { color: 0xff203040 } });
    const a = await client.must('input.create', { sceneUuid, name: 'Tone A', kind: 'audio_test_tone', settings: { frequency: A_HZ } });
    const b = await client.must('input.create', { sceneUuid, name: 'Tone B', kind: 'audio_test_tone', settings: { frequency: B_HZ } });
    await client.must('input.setAudio', { inputUuid: a.inputUuid, audioTracks: only(1) });
    await client.must('input.setAudio', { inputUuid: b.inputUuid, audioTracks: only(2) });
    // Set before anything starts: the encoders take the tracks the outputs use when they start.
    await client.must('output.setRecording', { tracks: [2, 1] });
    await client.must('destination.upsert', { name: 'Track 2', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: KEY, enabled: true, audioTrack: 2 });
    await client.must('stream.start', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await nginx?.stop();
  });

  it('stores the settings with their defaults and sorted tracks', async () => {
    const changed = client.events.filter((e) => e.type === 'document.changed').at(-1);
    if (changed?.type !== 'document.changed') throw new Error('no document yet');
    const doc = changed.data.document;
    expect(doc.output.recording.tracks).toEqual([1, 2]);
    expect(doc.destinations.map((d) => d.audioTrack)).toEqual([2]);
    const bad = await client.call('output.setRecording', { tracks: [0] });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/tracks/);
  });

  it('a destination set to track 2 receives only tone B', async () => {
    let last: Int16Array = new Int16Array(0);
    // The server holds a few seconds from before the tones were steady: wait for the sound asked for.
    await expect
      .poll(async () => carriesOnly((last = tail(await decode(nginx.url(KEY), 0, 3), 1)), B_HZ, A_HZ), { timeout: 60_000, interval: 0, message: 'only tone B on the stream' })
      .toBe(true);
    expect(toneStrength(last, B_HZ)).toBeGreaterThan(100 * toneStrength(last, A_HZ));
    // The stream carries one audio track.
    const probe = await ffprobeJson(nginx.url(KEY));
    expect(probe.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
  });

  it('a recording of tracks 1 and 2 holds two audio streams: A alone, then B alone', async () => {
    const started = await client.call('record.start', {});
    if (!started.ok) throw new Error(`record.start failed: ${started.error.message}\n${server.output().slice(-4000)}`);
    const file = started.value.path;
    // By FFmpeg's own count of what it wrote, not the wall clock.
    await expect.poll(async () => (await client.must('record.status', {})).durationMs, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(4000);
    await client.must('record.stop', {});
    const probe = await ffprobeJson(file);
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(audio.map((s) => [s.codec_name, s.channels])).toEqual([
      ['aac', 2],
      ['aac', 2],
    ]);
    const first = tail(await decode(file, 0), 2);
    const second = tail(await decode(file, 1), 2);
    expect(carriesOnly(first, A_HZ, B_HZ), `track 1: A ${toneStrength(first, A_HZ)}, B ${toneStrength(first, B_HZ)}`).toBe(true);
    expect(carriesOnly(second, B_HZ, A_HZ), `track 2: B ${toneStrength(second, B_HZ)}, A ${toneStrength(second, A_HZ)}`).toBe(true);
  });

  it("a saved replay holds the recording's tracks 1 and 2 as two audio streams: A alone, then B alone", async () => {
    await client.must('replay.start', {});
    // By the media time the buffer holds, not the wall clock.
    await expect.poll(async () => (await client.must('replay.status', {})).durationMs, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(3000);
    const saved = await client.must('replay.save', {});
    expect(saved).toMatchObject({ tracks: [1, 2], missingTracks: [] });
    expect(saved.warning).toBeUndefined();
    const probe = await ffprobeJson(saved.path);
    expect(probe.streams.filter((s) => s.codec_type === 'audio').map((s) => [s.codec_name, s.channels])).toEqual([
      ['aac', 2],
      ['aac', 2],
    ]);
    // The whole replay (a few seconds, all from the running encoding): on a loaded machine the page's
    // sound can come late, and the output pads it with silence, so its last seconds may be quiet.
    const first = await decode(saved.path, 0);
    const second = await decode(saved.path, 1);
    expect(carriesOnly(first, A_HZ, B_HZ), `replay track 1: A ${toneStrength(first, A_HZ)}, B ${toneStrength(first, B_HZ)}`).toBe(true);
    expect(carriesOnly(second, B_HZ, A_HZ), `replay track 2: B ${toneStrength(second, B_HZ)}, A ${toneStrength(second, A_HZ)}`).toBe(true);
    await client.must('replay.stop', {});
  });

  it('a replay of a track the running encoding lacks holds the tracks that exist and names the missing one', async () => {
    // The stream keeps the encoders (tracks 1 and 2) running, so track 3 only comes at their next start.
    await client.must('output.setRecording', { tracks: [2, 3] });
    await client.must('replay.start', {});
    await expect.poll(async () => (await client.must('replay.status', {})).durationMs, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(3000);
    const saved = await client.must('replay.save', {});
    expect(saved).toMatchObject({ tracks: [2], missingTracks: [3] });
    expect(saved.warning).toMatch(/lacks audio track 3/);
    const probe = await ffprobeJson(saved.path);
    expect(probe.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    const only2 = await decode(saved.path, 0);
    expect(carriesOnly(only2, B_HZ, A_HZ), `replay track 2: B ${toneStrength(only2, B_HZ)}, A ${toneStrength(only2, A_HZ)}`).toBe(true);
    await client.must('replay.stop', {});
    await client.must('output.setRecording', { tracks: [1, 2] });
  });

  it("a destination's new track applies when it next starts: then it receives only tone A", async () => {
    const changed = client.events.filter((e) => e.type === 'document.changed').at(-1);
    if (changed?.type !== 'document.changed') throw new Error('no document yet');
    const id = changed.data.document.destinations[0]!.id;
    await client.must('destination.upsert', { id, audioTrack: 1 });
    await client.must('destination.stop', { id });
    await client.must('destination.start', { id });
    let last: Int16Array = new Int16Array(0);
    await expect
      .poll(async () => carriesOnly((last = tail(await decode(nginx.url(KEY), 0, 3), 1)), A_HZ, B_HZ), { timeout: 60_000, interval: 0, message: 'only tone A on the restarted stream' })
      .toBe(true);
    expect(toneStrength(last, A_HZ)).toBeGreaterThan(100 * toneStrength(last, B_HZ));
  });
});
