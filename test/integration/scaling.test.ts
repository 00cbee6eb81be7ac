/**
 * docs/SCALING.md's relay, run as written: nginx-rtmp with docs/scaling/nginx-relay.conf (markers
 * replaced by loopback values) takes the studio's one stream and copies it to two "platforms" (two
 * more nginx-rtmp servers) and into HLS. The studio (in-process, over obs-websocket) has a single
 * destination; what each platform receives and the HLS segments are probed.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { callVendor, startInProcessRemote, type InProcessRemote, type VendorData } from '../harness/in-process-remote';
import { publishTestStream } from '../harness/publisher';

const TEMPLATE = readFileSync(path.resolve(import.meta.dirname, '../../docs/scaling/nginx-relay.conf'), 'utf8');

let platformA: NginxRtmp;
let platformB: NginxRtmp;
let relay: NginxRtmp;
let httpPort = 0;
let remote: InProcessRemote;
beforeAll(async () => {
  [platformA, platformB] = await Promise.all([startNginxRtmp(), startNginxRtmp()]);
  relay = await startNginxRtmp({
    conf: ({ dir, port, statPort, module }) => {
      httpPort = statPort;
      const conf = TEMPLATE.replaceAll('@RTMP_MODULE@', module)
        .replaceAll('@RTMP_PORT@', String(port))
        .replaceAll('@HTTP_PORT@', String(statPort))
        .replaceAll('@DIR@', dir)
        .replaceAll('@PLATFORM_A@', platformA.url('relayed-a'))
        .replaceAll('@PLATFORM_B@', platformB.url('relayed-b'));
      // Every marker the file documents is one the test fills in.
      expect(conf).not.toMatch(/@[A-Z_]+@/);
      return conf;
    },
  });
  remote = await startInProcessRemote({ prefix: 'scaling-', eventSubscriptions: 0, listen: [] });
});
afterAll(async () => {
  await remote?.close();
  await Promise.all([relay?.stop(), platformA?.stop(), platformB?.stop()]);
});

const vendor = <T = Record<string, unknown>>(requestType: string, requestData: VendorData = {}): Promise<T> => callVendor<T>(remote.obs, requestType, requestData);

describe('scaling out through nginx-rtmp (docs/scaling/nginx-relay.conf)', () => {
  it('one destination in the studio reaches two platforms and HLS, copied, not re-encoded', async () => {
    await remote.studio.execute('output.setEncoder', { preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
    const { destinationId } = await vendor<{ destinationId: string }>('CreateDestination', { name: 'Relay', server: `rtmp://127.0.0.1:${relay.port}/live`, key: 'show' });
    await remote.obs.call('StartStream');
    try {
      await expect.poll(async () => (await vendor<{ state: string }>('GetDestinationStatus', { destinationId })).state, { timeout: 60_000, interval: 250 }).toBe('live');
      // The studio runs one encoder and one pusher; the fan-out to platforms is nginx's.
      expect(listFfmpegChildren().filter((p) => p.cmdline.includes('-f rawvideo'))).toHaveLength(1);
      const [a, b] = await Promise.all([ffprobeJson(platformA.url('relayed-a')), ffprobeJson(platformB.url('relayed-b'))]);
      for (const probe of [a, b]) {
        expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
        expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
      }
      // HLS: a playlist naming segments, and a segment that is the same H.264.
      const playlistUrl = `http://127.0.0.1:${httpPort}/hls/show.m3u8`;
      let playlist = '';
      await expect
        .poll(async () => {
          const res = await fetch(playlistUrl).catch(() => null);
          playlist = res?.ok ? await res.text() : '';
          return /\.ts\s*$/m.test(playlist);
        }, { timeout: 60_000, interval: 500 })
        .toBe(true);
      expect(playlist).toContain('#EXTM3U');
      const segment = playlist.split('\n').find((l) => l.trim().endsWith('.ts'))!.trim();
      const seg = await ffprobeJson(new URL(segment, playlistUrl).toString());
      expect(seg.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
    } finally {
      await remote.obs.call('StopStream').catch(() => undefined);
    }
    await expect.poll(() => listFfmpegChildren(), { timeout: 20_000 }).toEqual([]);
  }, 240_000);

  it("MediaMTX's relay command (docs/scaling/mediamtx.yml runOnReady), run as written, copies one stream to two platforms", async () => {
    const yml = readFileSync(path.resolve(import.meta.dirname, '../../docs/scaling/mediamtx.yml'), 'utf8');
    const line = /^\s*runOnReady:\s*(.+)$/m.exec(yml)?.[1];
    expect(line, 'mediamtx.yml has a runOnReady command').toBeDefined();
    // The source: what MediaMTX would hold, here a stream published to nginx-rtmp.
    const source = startNginxRtmp();
    const server = await source;
    const publisher = publishTestStream(server.url('camera'), { width: 640, height: 360 });
    const command = line!
      .replaceAll('@SOURCE@', server.url('camera'))
      .replaceAll('@PLATFORM_A@', platformA.url('mtx-a'))
      .replaceAll('@PLATFORM_B@', platformB.url('mtx-b'));
    expect(command).not.toMatch(/@[A-Z_]+@/);
    // MediaMTX splits the command like a shell would (quotes group); so does this.
    const args = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
    expect(args[0]).toBe('ffmpeg');
    const relayProc = spawn(process.env['FFMPEG_BIN'] ?? 'ffmpeg', args.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    relayProc.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    try {
      const probes = await Promise.all(
        ['mtx-a', 'mtx-b'].map(async (key) => {
          const url = key === 'mtx-a' ? platformA.url(key) : platformB.url(key);
          await expect.poll(() => ffprobeJson(url, 15_000).then(() => true, () => false), { timeout: 60_000, interval: 500, message: `platform ${key}: ${err}` }).toBe(true);
          return ffprobeJson(url);
        }),
      );
      for (const probe of probes) {
        expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
        expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
      }
    } finally {
      relayProc.kill('SIGKILL');
      await publisher.stop();
      await server.stop();
    }
  }, 180_000);
});
