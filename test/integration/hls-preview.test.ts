/**
 * The producers' HLS preview against real parts: an in-process studio (no renderer: it encodes
 * black and silence) behind the real obs-websocket server, a real obs-websocket-js client asking for
 * the preview (vendor requests), real FFmpeg cutting HLS from the main encoding (-c copy), fetched
 * over the obs-websocket server's HTTP and read back with ffprobe. The token guards the playlist and
 * every segment; no second x264 encoder ever runs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OBSRequestTypes } from 'obs-websocket-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeJson, listFfmpegChildren } from '../harness';
import { startInProcessRemote, type InProcessRemote } from '../harness/in-process-remote';

type VendorData = NonNullable<OBSRequestTypes['CallVendorRequest']['requestData']>;
interface PreviewStatus {
  enabled: boolean;
  active: boolean;
  url: string;
}

let remote: InProcessRemote;
let base: string;
beforeAll(async () => {
  remote = await startInProcessRemote({ prefix: 'hls-preview-', eventSubscriptions: 0, listen: [] });
  base = remote.url.replace(/^ws/, 'http');
}, 60_000);
afterAll(async () => {
  await remote?.close();
});

const vendor = async (requestType: string, requestData: VendorData = {}): Promise<PreviewStatus> =>
  (await remote.obs.call('CallVendorRequest', { vendorName: 'broadcast-studio', requestType, requestData })).responseData as unknown as PreviewStatus;

const x264Encoders = (): number => listFfmpegChildren().filter((p) => p.cmdline.includes('libx264')).length;
const hlsMuxers = (): number => listFfmpegChildren().filter((p) => / -f hls /.test(p.cmdline)).length;

/** Segment names listed in a playlist, with their query. */
const segments = (m3u8: string): string[] => m3u8.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

describe('HLS preview', () => {
  it('serves the program as HLS behind a token while the encoding runs, from the same encode', async () => {
    const idle = await vendor('GetPreviewHls');
    expect(idle).toMatchObject({ enabled: false, active: false });
    const url = new URL(idle.url, base);
    expect(url.pathname).toBe('/preview/hls/index.m3u8');
    const token = url.searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);

    // Wrong or missing tokens are refused before anything else is looked at.
    const noToken = new URL(url);
    noToken.search = '';
    const wrong = new URL(url);
    wrong.searchParams.set('token', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect((await fetch(noToken)).status).toBe(401);
    expect((await fetch(wrong)).status).toBe(401);
    // The right token, but nothing runs yet.
    expect((await fetch(url)).status).toBe(404);

    const started = await vendor('StartPreviewHls');
    expect(started).toMatchObject({ enabled: true, active: false, url: idle.url });

    // A recording starts the encoders; the preview joins the main encoding as one more reader.
    await remote.obs.call('StartRecord');
    let playlist = '';
    await expect
      .poll(
        async () => {
          const res = await fetch(url);
          playlist = res.status === 200 ? await res.text() : '';
          return segments(playlist).length;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(2);
    expect(playlist.startsWith('#EXTM3U')).toBe(true);
    expect(playlist).toMatch(/#EXT-X-TARGETDURATION:\d+/);
    expect(playlist).toMatch(/#EXTINF:\d+(\.\d+)?,/);
    expect(playlist).not.toContain('#EXT-X-ENDLIST');
    for (const seg of segments(playlist)) expect(seg).toMatch(new RegExp(`^seg\\d+\\.ts\\?token=${token}$`));
    expect((await vendor('GetPreviewHls')).active).toBe(true);

    // A segment: MPEG-TS with the program's H.264 (and AAC), copied, not re-encoded.
    const segUrl = new URL(segments(playlist).at(-1)!, url);
    const seg = await fetch(segUrl);
    expect(seg.status).toBe(200);
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    const file = path.join(remote.dataDir, 'segment.ts');
    writeFileSync(file, Buffer.from(await seg.arrayBuffer()));
    const probe = await ffprobeJson(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Number(probe.format.duration)).toBeGreaterThan(0.5);

    // Segments need the token as well.
    const segNoToken = new URL(segUrl);
    segNoToken.search = '';
    expect((await fetch(segNoToken)).status).toBe(401);
    const segWrong = new URL(segUrl);
    segWrong.searchParams.set('token', 'x'.repeat(token.length));
    expect((await fetch(segWrong)).status).toBe(401);
    // Nothing but the playlist and segments is served, even with the token.
    expect((await fetch(new URL(`/preview/hls/../../etc/passwd?token=${token}`, base))).status).not.toBe(200);
    expect((await fetch(new URL(`/preview/hls/other.txt?token=${token}`, base))).status).toBe(404);

    // One encoder (the program's), one HLS muxer copying from it.
    expect(x264Encoders()).toBe(1);
    expect(hlsMuxers()).toBe(1);

    // Stopping the preview stops its FFmpeg; the recording (and its encoder) carries on.
    expect((await vendor('StopPreviewHls')).enabled).toBe(false);
    await expect.poll(hlsMuxers, { timeout: 15_000 }).toBe(0);
    expect((await fetch(url)).status).toBe(404);
    expect(x264Encoders()).toBe(1);

    // Asked for again while the encoding runs: it joins at once, and ends with the encoding.
    await vendor('StartPreviewHls');
    await expect.poll(async () => (await fetch(url)).status, { timeout: 30_000, interval: 250 }).toBe(200);
    await remote.obs.call('StopRecord');
    await expect.poll(() => listFfmpegChildren().length, { timeout: 20_000 }).toBe(0);
    expect(await vendor('GetPreviewHls')).toMatchObject({ enabled: true, active: false });
    expect((await fetch(url)).status).toBe(404);
  }, 180_000);
});
