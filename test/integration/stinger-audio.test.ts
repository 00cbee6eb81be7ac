/**
 * A stinger's audio_fade_style on the program's sound, end to end (server mode, headless Chromium,
 * real FFmpeg, obs-websocket-js): the scene being left sounds a 500 Hz tone, the scene coming in a
 * 1200 Hz one, and a silent 4 s stinger with its point at 2 s switches between them while program is
 * recorded. Each tone's level is measured per 100 ms of the recording. Crossfade (1): a long stretch
 * where both are heard at part level. Fade out / fade in (0): the old tone falls and the new one
 * rises, each over a long stretch, and the two are never heard together. A cut (the sound before
 * this setting was honoured) has neither.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { connectStudio, nextProgramPicture, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

let server: StudioServer;
/** Kept open for the output's stats: the positive signal that the compositor's output is recorded. */
let studio: StudioClient;
const obs = new OBSWebSocket();
const dir = mkdtempSync(path.join(tmpdir(), 'stinger-audio-'));
const file = path.join(dir, 'stinger.webm');
const RATE = 48000;
/** 100 ms: a whole number of cycles of both tones, so each one's measure ignores the other. */
const WINDOW = RATE / 10;

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  await obs.connect(info.url!, info.password!);
  // 4 s of picture, no sound: what is heard is the scenes' tones only.
  await ffmpeg(['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x00ff00:s=160x90:r=30:d=4', '-c:v', 'libvpx-vp9', '-an', file]);
});

afterAll(async () => {
  await obs.disconnect();
  studio?.close();
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

function ffmpeg(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
  });
}

/** A tone's amplitude in each 100 ms window of the recording's sound (Goertzel, mono). */
async function toneLevels(recording: string, hz: number[]): Promise<number[][]> {
  const pcm = await ffmpeg(['-v', 'error', '-i', recording, '-map', '0:a:0', '-ac', '1', '-ar', String(RATE), '-f', 's16le', 'pipe:1']);
  const samples = Math.floor(pcm.length / 2);
  const rows: number[][] = [];
  for (let start = 0; start + WINDOW <= samples; start += WINDOW) {
    rows.push(
      hz.map((f) => {
        const w = (2 * Math.PI * f) / RATE;
        let re = 0;
        let im = 0;
        for (let i = 0; i < WINDOW; i++) {
          const v = pcm.readInt16LE((start + i) * 2) / 32768;
          re += v * Math.cos(w * i);
          im -= v * Math.sin(w * i);
        }
        return (2 * Math.hypot(re, im)) / WINDOW;
      }),
    );
  }
  return rows;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("stinger audio_fade_style (OBS's obs_stinger_transition)", () => {
  it('crossfades the two scenes over the whole stinger (1), or fades out to the point then in (0)', async () => {
    for (const [sceneName, frequency] of [['Old', 500], ['New', 1200]] as const) {
      await obs.call('CreateScene', { sceneName });
      await obs.call('CreateInput', { sceneName, inputName: `${sceneName} tone`, inputKind: 'audio_test_tone', inputSettings: { frequency } });
    }
    let ended = false;
    const onEnded = () => (ended = true);
    obs.on('SceneTransitionVideoEnded', onEnded);

    /** One recorded switch Old → New through the stinger with this fade style: each window's [old, new] level as a share of full. */
    const recordedSwitch = async (style: number): Promise<number[][]> => {
      await obs.call('SetCurrentSceneTransition', { transitionName: 'Cut' });
      await obs.call('SetCurrentProgramScene', { sceneName: 'Old' });
      await obs.call('SetCurrentSceneTransition', { transitionName: 'Stinger' });
      await obs.call('SetCurrentSceneTransitionSettings', { transitionSettings: { path: file, tp_type: 0, transition_point: 2000, audio_fade_style: style } });
      const picture = nextProgramPicture(studio);
      await obs.call('StartRecord');
      await picture;
      // A second and more of the old tone alone first (counted from the compositor's first output).
      const from = (await obs.call('GetRecordStatus')).outputDuration;
      await until('the recording did not grow', async () => (await obs.call('GetRecordStatus')).outputDuration > from + 1500);
      ended = false;
      const switchedAt = (await obs.call('GetRecordStatus')).outputDuration;
      await obs.call('SetCurrentProgramScene', { sceneName: 'New' });
      await until('the stinger video did not end', async () => ended);
      const at = (await obs.call('GetRecordStatus')).outputDuration;
      await until('the recording did not go on', async () => (await obs.call('GetRecordStatus')).outputDuration > at + 3000);
      const { outputPath } = await obs.call('StopRecord');
      const rows = await toneLevels(outputPath, [500, 1200]);
      // Full level: each tone where it plays alone (before the switch, the end), skipping the edges.
      const full = (k: number, part: number[][]) => Math.max(...part.map((r) => r[k]!));
      const oldFull = full(0, rows.slice(2, Math.max(3, Math.floor(switchedAt / 100) - 1)));
      const newFull = full(1, rows.slice(-10, -2));
      expect(oldFull, 'the old tone before the switch').toBeGreaterThan(0.01);
      expect(newFull, 'the new tone after the stinger').toBeGreaterThan(0.01);
      return rows.map(([a, b]) => [a! / oldFull, b! / newFull]);
    };

    try {
      // Once through first: the engine measures the video, the compositor loads it.
      ended = false;
      await obs.call('SetCurrentSceneTransition', { transitionName: 'Stinger' });
      await obs.call('SetCurrentSceneTransitionSettings', { transitionSettings: { path: file, tp_type: 0, transition_point: 2000 } });
      await obs.call('SetCurrentProgramScene', { sceneName: 'Old' });
      await until('the first stinger did not end', async () => ended);

      const part = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
      const show = (rows: number[][]) => rows.map(([a, b]) => `${a!.toFixed(2)}/${b!.toFixed(2)}`).join(' ');
      // A starved headless page drops bits of sound (a window reads low now and then, never high):
      // the loudest of five windows (±200 ms) is a tone's level there.
      const envelope = (rows: number[][], k: number) => rows.map((_, i) => Math.max(...rows.slice(Math.max(0, i - 2), i + 3).map((r) => r[k]!)));

      // Crossfade over 4 s: the new tone's share of the two grows through 20…80 % over ~2.4 s (a
      // dropout lowers both alike, so the share holds); a cut passes through it within one window.
      const cross = await recordedSwitch(1);
      const shares = cross.filter(([a, b]) => a! + b! > 0.15).map(([a, b]) => b! / (a! + b!));
      expect(shares.filter((x) => part(x, 0.2, 0.8)).length, show(cross)).toBeGreaterThanOrEqual(6);

      // Fade out by the point (2 s), then in: each tone's level passes 25…75 % over ~1 s (a cut: one
      // window), and the two are never heard together (a cut: the windows around it).
      const outIn = await recordedSwitch(0);
      const [olds, news] = [envelope(outIn, 0), envelope(outIn, 1)];
      expect(olds.filter((v) => part(v, 0.25, 0.75)).length, show(outIn)).toBeGreaterThanOrEqual(5);
      expect(news.filter((v) => part(v, 0.25, 0.75)).length, show(outIn)).toBeGreaterThanOrEqual(5);
      expect(olds.filter((v, i) => v > 0.25 && news[i]! > 0.25).length, show(outIn)).toBe(0);
    } finally {
      obs.off('SceneTransitionVideoEnded', onEnded);
    }
  });
});
