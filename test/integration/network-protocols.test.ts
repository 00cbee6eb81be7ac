/**
 * The engine's half of a network stream source over the protocols besides RTMP, with real parts:
 * FFmpeg pulls, remuxes to fragmented MP4, and the bytes a reader gets decode to the publisher's
 * colour (network-pull.test.ts does RTMP the same way).
 * - SRT: an FFmpeg encoder listens (`mode=listener`, a passphrase), the studio calls it with what
 *   an OBS user pastes (`srt://host:port?streamid=…&passphrase=…`); the passphrase is in no argv and
 *   no log line, a wrong one is refused and said without it.
 * - HLS over HTTP: FFmpeg writes a live playlist with 1 s segments, node:http serves it; the server
 *   stops (reconnecting) and comes back (live again, by itself).
 * - input_format: a stream that probes as another format is refused, saying so.
 * - HLS over HTTPS, and RTMPS (a TLS terminator in front of nginx-rtmp): the studio verifies
 *   certificates, so a self-signed server is refused until the pull is given its certificate to
 *   trust (the host's STUDIO_NETWORK_CA_FILE).
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNginxRtmp, type NginxRtmp } from '../harness';
import { startHlsServer } from '../harness/hls-server';
import { publishTestStream, type Publisher } from '../harness/publisher';
import { centreRgb, untilValue } from '../harness/pull-checks';
import { suiteResources } from '../harness/suite';
import { startTlsProxy } from '../harness/tls-proxy';
import { freeUdpPort, publishTsStream } from '../harness/ts-publisher';
import { systemClock } from '../../src/engine/clock';
import type { Logger } from '../../src/engine/api';
import { NetworkSources, type NetworkSourcesOptions } from '../../src/engine/media/network-sources';
import { ensureSelfSignedCert } from '../../src/engine/remote/tls';
import { ok, type StudioDocument } from '../../src/shared';

const res = suiteResources();
const FFMPEG = process.env['FFMPEG_BIN'] ?? 'ffmpeg';
const lines: string[] = [];
const logger: Logger = { log: (level, message, fields) => lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`) };
const servers: NginxRtmp[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const until = <T>(what: string, get: () => T | Promise<T>, check: (v: T) => boolean, timeoutMs?: number): Promise<T> =>
  untilValue(what, get, check, () => lines.slice(-20).join('\n'), timeoutMs);

/** Waits until FFmpeg's HLS playlist in `dir` lists at least `segments` segments (it writes it after the first). */
const playlistReady = (dir: string, segments: number): Promise<string> =>
  until(
    'playlist',
    () => {
      try {
        return readFileSync(path.join(dir, 'live.m3u8'), 'utf8');
      } catch {
        return '';
      }
    },
    (t) => (t.match(/#EXTINF/g) ?? []).length >= segments,
    30_000,
  );


/** The codecs ffprobe finds in an MP4 file, e.g. ['h264', 'aac']. */
function probeCodecs(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file], (e, out) => (e ? reject(e) : resolve(out.split('\n').filter(Boolean))));
  });
}

const doc = (settings: Record<string, unknown>): StudioDocument =>
  ({ inputs: [{ uuid: 'in-1', name: 'Cam', kind: 'ffmpeg_source', settings: { is_local_file: false, reconnect_delay_sec: 1, ...settings } }] }) as unknown as StudioDocument;

function sources(extra: Partial<NetworkSourcesOptions> = {}, states: string[] = []): NetworkSources {
  const s = new NetworkSources({
    clock: systemClock,
    logger,
    secrets: new Set(),
    ffmpegPath: async () => ok(FFMPEG),
    onState: (_uuid, st) => states.push(st ? `${st.state}:${st.reason}` : 'live'),
    ...extra,
  });
  res.onCleanup(() => s.dispose());
  return s;
}

/** Reads the live stream until it holds `bytes`, writes it to a file, returns the path. */
async function capture(src: NetworkSources, dir: string, bytes = 20_000): Promise<string> {
  const chunks: Buffer[] = [];
  const read = src.stream('in-1')!.read({ write: (b) => chunks.push(b), end: () => {} });
  expect(read.ok).toBe(true);
  await until('fragments', () => chunks.reduce((n, c) => n + c.length, 0), (n) => n > bytes);
  if (read.ok) read.value();
  const file = path.join(dir, `got-${Date.now()}.mp4`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

/** Every process's argv on this machine as `ps` shows it, but the publishers' (the far end's). */
function psArgs(except: Publisher[]): string {
  const skip = new Set(except.map((p) => p.pid));
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => !skip.has(Number(l.trim().split(' ')[0])))
    .join('\n');
}

describe('network stream protocols (real FFmpeg)', () => {
  it('SRT: calls an encoder listening with a passphrase; the passphrase stays out of argv and the log', async () => {
    const dir = res.temp('network-srt-');
    const PASS = 'srt-canary-pass-4c1d9e';
    const WRONG = 'srt-wrong-pass-88b2a7';
    const port = await freeUdpPort();
    const publisher = publishTsStream(`srt://127.0.0.1:${port}?mode=listener&passphrase=${PASS}&pbkeylen=16`, { colour: 'blue' });
    res.onCleanup(() => publisher.stop());
    const secrets = new Set<string>();
    const states: string[] = [];
    const src = sources({ secrets }, states);

    // A wrong passphrase: the listener refuses the caller; the source says reconnecting, and the
    // log says why with the URL's host only.
    src.documentChanged(doc({ input: `srt://127.0.0.1:${port}?streamid=cam1&passphrase=${WRONG}` }));
    await until('refused', () => lines.join('\n'), (l) => /network source down.*passphrase/i.test(l), 30_000);
    expect(src.status('in-1')?.state).toBe('reconnecting');
    expect(states).toContain('buffering:reconnecting…');

    // The user fixes the passphrase: the pull restarts and goes live.
    src.documentChanged(doc({ input: `srt://127.0.0.1:${port}?streamid=cam1&passphrase=${PASS}` }));
    const live = await until('live', () => src.status('in-1'), (s) => s?.state === 'live', 60_000);
    expect(live?.transcoding).toBe(false);
    expect(src.stream('in-1')?.mimeType).toMatch(/^video\/mp4; codecs="avc1\.[0-9a-f]{6},mp4a\.40\.2"$/);

    const argv = psArgs([publisher]);
    expect(argv).toMatch(/-f concat .*-i pipe:5 /);
    expect(argv).not.toContain(PASS);
    expect(argv).not.toContain('srt://');
    expect([...secrets].join(' ')).toContain(PASS);

    // MPEG-TS's ADTS AAC is carried into MP4 (aac_adtstoasc): video and sound decode.
    const file = await capture(src, dir);
    expect(await probeCodecs(file)).toEqual(['h264', 'aac']);
    const [r, g, b] = await centreRgb(file);
    expect(b, `blue, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(r! + g!).toBeLessThan(120);

    const log = lines.join('\n');
    expect(log).not.toContain(PASS);
    expect(log).not.toContain(WRONG);
    expect(log).toContain(`srt://127.0.0.1:${port}/…`);
  }, 180_000);

  it('HLS over HTTP: plays a live playlist, reconnects by itself when the server comes back', async () => {
    const dir = res.temp('network-hls-');
    const hls = await startHlsServer(dir, { colour: 'lime' });
    res.onCleanup(() => hls.close());
    await playlistReady(dir, 2);
    const states: string[] = [];
    const src = sources({}, states);
    src.documentChanged(doc({ input: hls.url('live.m3u8'), input_format: 'hls' }));
    const live = await until('live', () => src.status('in-1'), (s) => s?.state === 'live');
    expect(live?.codecs).toEqual([expect.stringMatching(/^avc1\./), 'mp4a.40.2']);
    const file = await capture(src, dir);
    const [r, g, b] = await centreRgb(file);
    expect(g, `lime, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(r! + b!).toBeLessThan(120);

    // The server goes away (FFmpeg keeps writing): reconnecting, no stream to read.
    await hls.stop();
    await until('reconnecting', () => src.status('in-1'), (s) => s?.state === 'reconnecting' && s.reason === 'reconnecting…', 30_000);
    expect(src.stream('in-1')).toBeNull();
    expect(states).toContain('buffering:reconnecting…');

    // It comes back on the same port: live again with no help, the picture as before.
    const before = hls.requests();
    await hls.start();
    await until('live again', () => src.status('in-1')?.state, (s) => s === 'live', 90_000);
    expect(hls.requests()).toBeGreaterThan(before);
    expect(states.at(-1)).toBe('live');
    const again = await capture(src, dir);
    const [r2, g2] = await centreRgb(again);
    expect(g2, `lime again, got ${r2},${g2}`).toBeGreaterThan(180);
  }, 240_000);

  it('input_format: a stream that is not of the named format is refused, naming it', async () => {
    const dir = res.temp('network-hls-fmt-');
    const hls = await startHlsServer(dir, { colour: 'lime' });
    res.onCleanup(() => hls.close());
    await playlistReady(dir, 1);
    const mark = lines.length;
    const src = sources();
    src.documentChanged(doc({ input: hls.url('live.m3u8'), input_format: 'flv' }));
    await until('refused', () => lines.slice(mark).join('\n'), (l) => /network source down.*Format not on whitelist 'flv'/.test(l), 30_000);
    expect(src.status('in-1')?.state).toBe('reconnecting');
  }, 120_000);

  it('HLS over HTTPS: verifies the server certificate; plays once it is trusted', async () => {
    const dir = res.temp('network-https-');
    const cert = await ensureSelfSignedCert({ dir: res.temp('network-https-cert-'), hosts: ['127.0.0.1'] });
    if (!cert.ok) throw new Error(cert.error.message);
    const hls = await startHlsServer(dir, { colour: 'blue', tls: { cert: cert.value.cert, key: cert.value.key } });
    res.onCleanup(() => hls.close());
    await playlistReady(dir, 1);
    const url = `${hls.url('live.m3u8')}?token=https-canary-token-5e`;

    const mark = lines.length;
    const strict = sources();
    strict.documentChanged(doc({ input: url }));
    await until('refused', () => lines.slice(mark).join('\n'), (l) => /network source down.*certificate failed verification/.test(l), 30_000);
    await strict.dispose();

    const src = sources({ caFile: cert.value.certPath });
    src.documentChanged(doc({ input: url }));
    const live = await until('live', () => src.status('in-1'), (s) => s?.state === 'live');
    expect(live?.codecs).toEqual([expect.stringMatching(/^avc1\./), 'mp4a.40.2']);
    const file = await capture(src, dir);
    const [r, g, b] = await centreRgb(file);
    expect(b, `blue, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(lines.join('\n')).not.toContain('https-canary-token-5e');
  }, 120_000);

  it('RTMPS: verifies the server certificate; pulls once it is trusted', async () => {
    const dir = res.temp('network-rtmps-');
    const KEY = 'rtmps-pull-canary-31f0';
    const nginx = await startNginxRtmp();
    servers.push(nginx);
    const publisher = publishTestStream(nginx.url(KEY), { colour: 'red' });
    res.onCleanup(() => publisher.stop());
    const tls = await startTlsProxy(nginx.port);
    res.onCleanup(() => tls.stop());
    const url = `rtmps://127.0.0.1:${tls.port}/live/${KEY}`;

    // The system's trust: a self-signed server is refused before the key is sent.
    const mark = lines.length;
    const strict = sources();
    strict.documentChanged(doc({ input: url }));
    await until('refused', () => lines.slice(mark).join('\n'), (l) => /network source down.*certificate failed verification.*STUDIO_NETWORK_CA_FILE/.test(l), 30_000);
    expect(strict.status('in-1')?.state).toBe('reconnecting');
    await strict.dispose();

    // Told to trust that certificate (the host's STUDIO_NETWORK_CA_FILE): live, over TLS.
    const src = sources({ caFile: tls.certFile });
    src.documentChanged(doc({ input: url }));
    await until('live', () => src.status('in-1')?.state, (s) => s === 'live');
    expect(tls.sessions()).toBeGreaterThanOrEqual(1);
    const argv = psArgs([publisher]);
    expect(argv).not.toContain(KEY);
    expect(argv).not.toContain('rtmps://');
    const file = await capture(src, dir);
    const [r, g, b] = await centreRgb(file);
    expect(r, `red, got ${r},${g},${b}`).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(120);
    expect(lines.join('\n')).not.toContain(KEY);
  }, 180_000);
});
