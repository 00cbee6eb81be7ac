/**
 * The whole spine with real parts: server mode starts the engine and a headless Chromium that runs
 * the real compositor; frames and PCM travel over the WebSocket to FFmpeg, which pushes FLV to a
 * real nginx-rtmp on loopback. We read the stream back with ffprobe and check decoded pixels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginxRtmp, ffprobeJson, grabFrameRgb, listFfmpegChildren, listFfmpegProcesses, listProcessesMatching, type NginxRtmp } from '../harness';
import { startStudioServer, type StudioServer } from '../harness/studio-server';
import { connectStudio, nextProgramPicture, type StudioClient } from '../harness/studio-client';
import type { StudioEvent } from '../../src/shared';

const W = 1280;
const H = 720;
const RED_ABGR = 0xff0000ff;
const NAVY_ABGR = 0xff402010; // R=0x10 G=0x20 B=0x40

describe('compositor → FFmpeg → RTMP (server mode, headless Chromium)', () => {
  let nginx: NginxRtmp;
  let server: StudioServer;
  let client: StudioClient;

  beforeAll(async () => {
    nginx = await startNginxRtmp();
    server = await startStudioServer({ headless: true });
    client = await connectStudio(server);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
    await nginx?.stop();
  });

  it('streams the composed scene: H.264 + AAC at the canvas size and rate, pixels where the scene puts them', async () => {
    const { sceneUuid } = await client.must('scene.create', { name: 'Probe' });
    await client.must('scene.setCurrent', { sceneUuid });
    await client.must('input.create', { sceneUuid, name: 'Backdrop', kind: 'color_source_v3', settings: { color: NAVY_ABGR } });
    await client.must('input.create', {
      sceneUuid,
      name: 'Box',
      kind: 'color_source_v3',
      settings: { color: RED_ABGR, width: 320, height: 180 },
      transform: { positionX: 200, positionY: 150 },
    });
    await client.must('input.create', {
      sceneUuid,
      name: 'Probe title',
      kind: 'text_ft2_source_v2',
      settings: { text: 'HELLO', font: { face: 'DejaVu Sans', size: 120, style: 'Bold', flags: 1 }, color1: 0xffffffff },
      transform: { positionX: 700, positionY: 400 },
    });
    await client.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${nginx.port}/live`, key: 'probe', enabled: true });

    const picture = nextProgramPicture(client);
    await client.must('stream.start', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'live', 30_000);
    // Frames read from the server from here on are the compositor's, not the black before its first.
    await picture;
    const stats = await client.waitFor(
      (e: StudioEvent) => e.type === 'stream.stats' && e.data.stats.bytesSent > 0 && e.data.stats.fps > 0,
      30_000,
    );
    expect(stats.type).toBe('stream.stats');

    const probe = await ffprobeJson(nginx.url('probe'));
    const video = probe.streams.find((s) => s.codec_type === 'video');
    const audio = probe.streams.find((s) => s.codec_type === 'audio');
    expect(video?.codec_name).toBe('h264');
    expect([video?.width, video?.height]).toEqual([W, H]);
    expect(video?.avg_frame_rate === '30/1' || video?.r_frame_rate === '30/1').toBe(true);
    expect(audio?.codec_name).toBe('aac');
    expect(Number(audio?.sample_rate)).toBe(48000);

    const frame = await grabFrameRgb(nginx.url('probe'), { width: W, height: H });
    const at = (x: number, y: number): [number, number, number] => {
      const i = (y * W + x) * 3;
      return [frame[i]!, frame[i + 1]!, frame[i + 2]!];
    };
    const near = (got: number[], want: number[], tol = 24): boolean => got.every((v, i) => Math.abs(v - want[i]!) <= tol);
    expect(near(at(360, 240), [255, 0, 0]), `box centre ${at(360, 240)}`).toBe(true);
    expect(near(at(210, 160), [255, 0, 0]), `box corner ${at(210, 160)}`).toBe(true);
    expect(near(at(100, 600), [0x10, 0x20, 0x40]), `backdrop ${at(100, 600)}`).toBe(true);
    expect(near(at(540, 340), [0x10, 0x20, 0x40]), `outside the box ${at(540, 340)}`).toBe(true);
    // The text region holds bright glyph pixels on the dark backdrop.
    let bright = 0;
    for (let y = 400; y < 540; y += 2) for (let x = 700; x < 1100; x += 2) if (at(x, y)[0] > 200 && at(x, y)[2] > 200) bright++;
    expect(bright, 'white text pixels in the title region').toBeGreaterThan(200);

    await client.must('stream.stop', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'idle', 20_000);
    expect(listFfmpegChildren(server.process.pid!)).toEqual([]);
  });

  it('leaves no FFmpeg or Chromium behind when server mode exits', async () => {
    // Live again, so there is an FFmpeg to clean up, then end server mode as a user would.
    await client.must('stream.start', {});
    await client.waitFor((e: StudioEvent) => e.type === 'stream.state' && e.data.state === 'connecting', 20_000);
    expect(listFfmpegProcesses(`127.0.0.1:${nginx.port}`).length).toBe(1);
    expect(listProcessesMatching(server.url).length, 'the headless compositor runs').toBeGreaterThan(0);
    expect(await server.stop('SIGTERM')).toBe(0);
    await expect.poll(() => listFfmpegProcesses(`127.0.0.1:${nginx.port}`), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => listProcessesMatching(server.url), { timeout: 10_000 }).toEqual([]);
  });
});
