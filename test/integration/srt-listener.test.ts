/**
 * The studio as an SRT listener, with real parts: an ffmpeg_source with is_local_file false and
 * `srt://127.0.0.1:PORT?mode=listener` (what an OBS user sets to receive from a phone or an encoder
 * in the field) binds the port and waits; a real FFmpeg caller pushes MPEG-TS (H.264 + AAC) to it.
 * A server-mode studio (headless Chromium compositor) is driven over obs-websocket-js, and the
 * program scene's colour is read with GetSourceScreenshot.
 *
 * - It waits for its first caller longer than the pull's stall watchdog (5 s), and the FFmpeg that
 *   was listening is the one that takes the call.
 * - The caller's colour shows on program; the caller goes away: GetMediaInputStatus says buffering
 *   ("reconnecting…"), the port is bound again, and a second caller's colour shows.
 * - A port another program holds: the source says so (media.problem), and takes a caller once the
 *   port is free.
 * Needs `npx electron-vite build` first (npm test runs it).
 */
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OBSWebSocket from 'obs-websocket-js';
import { colourName } from '../harness/clips';
import { decodePngDataUrl } from '../harness/png';
import { listDescendants, listFfmpegProcesses } from '../harness/procs';
import type { Publisher } from '../harness/publisher';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { suiteResources } from '../harness/suite';
import { freeUdpPort, publishTsStream, udpPortBound } from '../harness/ts-publisher';
import type { StudioEvent } from '../../src/shared';

/** The pull's stall watchdog (network-pull.ts STALL_MS): a listener waits longer than this. */
const STALL_MS = 5000;
/** Screenshots are taken this small: the source fills the canvas, the centre is enough. */
const SHOT = { imageWidth: 64, imageHeight: 36 };

const res = suiteResources();
let server: StudioServer;
let studio: StudioClient;
let obs: OBSWebSocket;

beforeAll(async () => {
  server = await startStudioServer({ headless: true });
  studio = await connectStudio(server);
  const info = await studio.must('remote.info', {});
  obs = new OBSWebSocket();
  await obs.connect(info.url!, info.password!);
}, 120_000);

afterAll(async () => {
  await obs?.disconnect();
  studio?.close();
  await server?.stop();
});

async function until<T>(what: string, get: () => T | Promise<T>, check: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last: ${JSON.stringify(last)}\n${server.output().slice(-1500)}\n${studioLog().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The colour at the centre of the program scene ('other' while the compositor is not ready). */
async function programColour(sceneName: string): Promise<string> {
  try {
    const { imageData } = await obs.call('GetSourceScreenshot', { sourceName: sceneName, imageFormat: 'png', ...SHOT });
    const pic = await decodePngDataUrl(imageData);
    const [r, g, b] = pic.at(SHOT.imageWidth / 2, SHOT.imageHeight / 2);
    return colourName([r, g, b]);
  } catch (error) {
    // 207 NotReady: the headless compositor is still connecting.
    if ((error as { code?: number }).code === 207) return 'not ready';
    throw error;
  }
}

const studioLog = (): string => {
  try {
    return readFileSync(path.join(server.dataDir, 'logs', 'studio.log'), 'utf8');
  } catch {
    return '';
  }
};

const mediaState = async (inputName: string): Promise<string> => (await obs.call('GetMediaInputStatus', { inputName })).mediaState;

/** The studio's FFmpeg that pulls (or listens on) this port: its pid, or null. */
function listenerPid(port: number): number | null {
  const mine = new Set(listDescendants(server.process.pid!).map((p) => p.pid));
  // The URL is not in argv (it comes on pipe:5): the studio's only concat FFmpeg is the pull.
  const pulls = listFfmpegProcesses('-f concat').filter((p) => mine.has(p.pid));
  return pulls.length === 1 && udpPortBound(port) ? pulls[0]!.pid : null;
}

/** A scene whose only item is a listening network source scaled to fill the canvas. */
async function listeningScene(sceneName: string, inputName: string, port: number): Promise<void> {
  await obs.call('CreateScene', { sceneName });
  await obs.call('SetCurrentProgramScene', { sceneName });
  const { baseWidth } = await obs.call('GetVideoSettings');
  const { sceneItemId } = await obs.call('CreateInput', {
    sceneName,
    inputName,
    inputKind: 'ffmpeg_source',
    inputSettings: { is_local_file: false, input: `srt://127.0.0.1:${port}?mode=listener`, reconnect_delay_sec: 1 },
  });
  res.onCleanup(async () => {
    await obs.call('RemoveInput', { inputName });
    await until('the listener ended', () => udpPortBound(port), (bound) => !bound, 20_000);
  });
  // The caller sends 320×180.
  const scale = baseWidth / 320;
  await obs.call('SetSceneItemTransform', { sceneName, sceneItemId, sceneItemTransform: { scaleX: scale, scaleY: scale } });
}

function caller(port: number, colour: string): Publisher {
  const p = publishTsStream(`srt://127.0.0.1:${port}`, { colour });
  res.onCleanup(() => p.stop());
  return p;
}

describe('SRT listener (ffmpeg_source, srt://…?mode=listener)', () => {
  it('waits for a caller, plays its push, says reconnecting when it leaves and takes the next caller', async () => {
    const port = await freeUdpPort();
    const sceneName = 'SRT in';
    await listeningScene(sceneName, 'Phone', port);
    const listening = await until('the studio listening on the port', () => listenerPid(port), (pid) => pid !== null, 30_000);
    expect(await mediaState('Phone')).toBe('OBS_MEDIA_STATE_OPENING');
    // Nobody calls for longer than the stall watchdog: the listener must still be the one waiting.
    await new Promise((r) => setTimeout(r, STALL_MS + 1000));

    const first = caller(port, 'blue');
    await until('the first caller on program', () => programColour(sceneName), (c) => c === 'blue', 90_000);
    await until('playing', () => mediaState('Phone'), (s) => s === 'OBS_MEDIA_STATE_PLAYING');
    expect(listenerPid(port), 'the FFmpeg that listened took the call').toBe(listening);

    // The caller goes away (killed: no goodbye, as a phone losing its network).
    await first.stop();
    await until('reconnecting once the caller left', () => mediaState('Phone'), (s) => s === 'OBS_MEDIA_STATE_BUFFERING', 30_000);
    await studio.waitFor((e: StudioEvent) => e.type === 'media.problem' && e.data.problem === 'reconnecting…', 10_000);
    // Bound again by a new FFmpeg, ready for the next caller.
    await until('listening again', () => listenerPid(port), (pid) => pid !== null && pid !== listening, 30_000);

    caller(port, 'red');
    await until('the second caller on program', () => programColour(sceneName), (c) => c === 'red', 90_000);
    await until('playing again', () => mediaState('Phone'), (s) => s === 'OBS_MEDIA_STATE_PLAYING');
  }, 300_000);

  it('says when its port is taken by another program, and listens once the port is free', async () => {
    const port = await freeUdpPort();
    // Another program holds the port (SRT runs over UDP).
    const squatter = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      squatter.once('error', reject);
      squatter.bind(port, '127.0.0.1', () => resolve());
    });
    let squatting = true;
    const free = (): Promise<void> => (squatting ? ((squatting = false), new Promise<void>((r) => squatter.close(() => r()))) : Promise.resolve());
    res.onCleanup(free);

    const sceneName = 'SRT taken';
    await listeningScene(sceneName, 'Encoder', port);
    const problem = await studio.waitFor((e: StudioEvent) => e.type === 'media.problem' && /in use/.test(String(e.data.problem)), 60_000);
    expect(problem.type === 'media.problem' && problem.data.problem).toBe(`port ${port} is in use, retrying…`);
    await until('the log says why', studioLog, (o) => o.includes(`srt://127.0.0.1:${port}/… cannot listen: the port is already in use`), 10_000);
    expect(await mediaState('Encoder')).toBe('OBS_MEDIA_STATE_BUFFERING');

    await free();
    await until('the studio listening once the port is free', () => listenerPid(port), (pid) => pid !== null, 60_000);
    caller(port, 'blue');
    await until('the caller on program', () => programColour(sceneName), (c) => c === 'blue', 90_000);
  }, 240_000);
});
