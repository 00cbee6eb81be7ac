/**
 * The engine's half of a network stream source with real parts and no browser: FFmpeg pulls a
 * stream published into a loopback nginx-rtmp and remuxes it to fragmented MP4; the bytes a reader
 * gets decode (ffprobe) to the publisher's colour; killing the server puts the pull in
 * "reconnecting…" and ends the reader; a new server on the same port brings it back by itself.
 * The stream key never reaches FFmpeg's argv nor the log.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { publishTestStream, type Publisher } from '../harness/publisher';
import { listFfmpegChildren } from '../harness/procs';
import { centreRgb, untilValue } from '../harness/pull-checks';
import { suiteResources } from '../harness/suite';
import { systemClock } from '../../src/engine/clock';
import type { Logger } from '../../src/engine/api';
import { NetworkSources } from '../../src/engine/media/network-sources';
import type { StudioDocument } from '../../src/shared';
import { ok } from '../../src/shared';

const res = suiteResources();
const KEY = 'pull-key-7f3a9c';
const lines: string[] = [];
const logger: Logger = { log: (level, message, fields) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) };
const servers: NginxRtmp[] = [];
const publishers: Publisher[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});
const stopPublishers = async (): Promise<void> => {
  for (const p of publishers.splice(0)) await p.stop();
};

const until = <T>(what: string, get: () => T | Promise<T>, check: (v: T) => boolean, timeoutMs?: number): Promise<T> =>
  untilValue(what, get, check, () => lines.slice(-20).join('\n'), timeoutMs);


const doc = (url: string): StudioDocument =>
  ({ inputs: [{ uuid: 'in-1', name: 'Cam', kind: 'ffmpeg_source', settings: { is_local_file: false, input: url, reconnect_delay_sec: 2 } }] }) as unknown as StudioDocument;

describe('NetworkPull (real FFmpeg, real nginx-rtmp)', () => {
  it('pulls, serves fMP4 of the published picture, reconnects by itself after the server dies', async () => {
    const dir = res.temp('network-pull-');
    res.onCleanup(stopPublishers);
    let nginx = await startNginxRtmp();
    servers.push(nginx);
    publishers.push(publishTestStream(nginx.url(KEY), { colour: 'blue' }));
    const states: string[] = [];
    const secrets = new Set<string>();
    const sources = new NetworkSources({
      clock: systemClock,
      logger,
      secrets,
      ffmpegPath: async () => ok(process.env['FFMPEG_BIN'] ?? 'ffmpeg'),
      onState: (_uuid, s) => states.push(s ? `${s.state}:${s.reason}` : 'live'),
    });
    res.onCleanup(() => sources.dispose());
    sources.documentChanged(doc(nginx.url(KEY)));
    await until('live', () => sources.status('in-1')?.state, (s) => s === 'live');
    expect(states[0]).toBe('opening:connecting…');
    expect(sources.stream('in-1')?.mimeType).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-f]{6},mp4a\.40\.2"$/);

    // The key is in none of FFmpeg's argv, and the log never shows it.
    const pulls = listFfmpegChildren().filter((p) => p.cmdline.includes('-f concat'));
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.cmdline).not.toContain(KEY);
    expect(pulls[0]!.cmdline).not.toContain('rtmp://');
    // The list comes on a descriptor, so FFmpeg may open no local file at all.
    expect(pulls[0]!.cmdline).toMatch(/-protocol_whitelist pipe,rtmp,/);
    expect(pulls[0]!.cmdline).toMatch(/-i pipe:5 /);

    // A reader gets init + fragments: a file ffprobe decodes, of the publisher's colour.
    const chunks: Buffer[] = [];
    let ended = false;
    const read = sources.stream('in-1')!.read({ write: (b) => chunks.push(b), end: () => (ended = true) });
    expect(read.ok).toBe(true);
    await until('a second of fragments', () => chunks.reduce((n, c) => n + c.length, 0), (n) => n > 20_000);
    const file = path.join(dir, 'got.mp4');
    writeFileSync(file, Buffer.concat(chunks));
    const [r, g, b] = await centreRgb(file);
    expect(b, `blue, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(r! + g!).toBeLessThan(120);

    // The server dies: the reader ends, the pull says reconnecting, and keeps trying.
    const port = nginx.port;
    nginx.kill();
    await nginx.stop();
    await until('reader ended', () => ended, (e) => e);
    await until('reconnecting', () => sources.status('in-1'), (s) => s?.state === 'reconnecting' && s.reason === 'reconnecting…');
    expect(states).toContain('buffering:reconnecting…');
    expect(sources.stream('in-1')).toBeNull();

    // The server and the publisher come back on the same port: live again with no help.
    nginx = await startNginxRtmp({ port });
    servers.push(nginx);
    publishers.push(publishTestStream(nginx.url(KEY), { colour: 'blue' }));
    await until('live again', () => sources.status('in-1')?.state, (s) => s === 'live');
    expect(states.at(-1)).toBe('live');

    const log = lines.join('\n');
    expect(log).not.toContain(KEY);
    expect(log).toContain('rtmp://127.0.0.1:');
    expect(readFileSync(file).length).toBeGreaterThan(0);
  }, 180_000);

  it('transcodes a stream whose codec fragmented MP4 cannot carry (FLV\'s Sorenson H.263) into H.264', async () => {
    const dir = res.temp('network-pull-flv1-');
    res.onCleanup(stopPublishers);
    const nginx = await startNginxRtmp();
    servers.push(nginx);
    publishers.push(publishTestStream(nginx.url('flv1'), { colour: 'red', videoCodec: ['-c:v', 'flv1'] }));
    const sources = new NetworkSources({
      clock: systemClock,
      logger,
      secrets: new Set(),
      ffmpegPath: async () => ok(process.env['FFMPEG_BIN'] ?? 'ffmpeg'),
      onState: () => {},
    });
    res.onCleanup(() => sources.dispose());
    sources.documentChanged(doc(nginx.url('flv1')));
    const live = await until('live', () => sources.status('in-1'), (s) => s?.state === 'live');
    expect(live?.transcoding).toBe(true);
    expect(live?.codecs[0]).toMatch(/^avc1\./);
    const chunks: Buffer[] = [];
    sources.stream('in-1')!.read({ write: (b) => chunks.push(b), end: () => {} });
    await until('fragments', () => chunks.reduce((n, c) => n + c.length, 0), (n) => n > 20_000);
    const file = path.join(dir, 'got.mp4');
    writeFileSync(file, Buffer.concat(chunks));
    const [r, g, b] = await centreRgb(file);
    expect(r, `red, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(120);
  }, 120_000);

  it('pulls an HLS playlist over HTTP', async () => {
    const dir = res.temp('network-pull-hls-');
    await new Promise<void>((resolve, reject) =>
      execFile(
        'ffmpeg',
        ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=lime:s=320x180:r=30', '-t', '8', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', path.join(dir, 'index.m3u8')],
        (e) => (e ? reject(e) : resolve()),
      ),
    );
    const http = await import('node:http');
    const server = http.createServer((req, rs) => {
      const name = path.basename(new URL(req.url!, 'http://x').pathname);
      try {
        rs.end(readFileSync(path.join(dir, name)));
      } catch {
        rs.statusCode = 404;
        rs.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    res.onCleanup(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as { port: number }).port;
    // A finished playlist is copied faster than real time, so the pull is live only briefly before it
    // starts over (a loaded machine's polling missed it): its status is taken, and its stream read,
    // as it goes live.
    let first: ReturnType<NetworkSources['status']> | undefined;
    const chunks: Buffer[] = [];
    const sources: NetworkSources = new NetworkSources({
      clock: systemClock,
      logger,
      secrets: new Set(),
      ffmpegPath: async () => ok('ffmpeg'),
      onState: (uuid, state) => {
        if (state !== null || first) return;
        first = sources.status(uuid);
        sources.stream(uuid)?.read({ write: (b) => chunks.push(b), end: () => {} });
      },
    });
    res.onCleanup(() => sources.dispose());
    sources.documentChanged(doc(`http://127.0.0.1:${port}/live/index.m3u8?token=hls-secret-token`));
    const live = await until('live', async () => first, (s) => s?.state === 'live');
    expect(live?.codecs).toEqual([expect.stringMatching(/^avc1\./)]);
    await until('fragments', () => chunks.length, (n) => n >= 3);
    const file = path.join(dir, 'got.mp4');
    writeFileSync(file, Buffer.concat(chunks));
    const [r, g, b] = await centreRgb(file);
    expect(g, `green, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(lines.join('\n')).not.toContain('hls-secret-token');
  }, 120_000);
});
