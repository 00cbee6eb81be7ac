/**
 * Stream keys stay out of every process's arguments (/proc/PID/cmdline is readable by every user
 * of the machine), against real parts: FFmpeg pushers publishing to nginx-rtmp (behind a TLS
 * terminator for RTMPS, with on_publish answering 403 for unknown keys) and to an FFmpeg SRT
 * listener with a passphrase, read back with ffprobe. The pushers get the URL's secret parts as
 * protocol options in a preset (src/engine/output/publish-url.ts), so first: FFmpeg itself must
 * publish to the same app and stream name either way. Last, the whole studio (server mode with its
 * headless Chromium) given a key over obs-websocket; that part needs `npx electron-vite build`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Status, type EventMap } from '../../src/shared';
import { presetText } from '../../src/engine/output/ffmpeg-preset';
import { openPresetChannel } from '../../src/engine/output/preset-channel';
import { splitPublishUrl } from '../../src/engine/output/publish-url';
import { ffprobeJson, listFfmpegChildren, startNginxRtmp, type NginxRtmp } from '../harness';
import { startAuthEndpoint } from '../harness/auth-endpoint';
import { RIG_FFMPEG as FFMPEG, destIs, outputRig, type Rig } from '../harness/output-rig';
import { recordStream } from '../harness/stream-recorder';
import { startTlsProxy } from '../harness/tls-proxy';
import { startUdpTap } from '../harness/udp-tap';
import { freePort } from '../harness/ports';
import { listDescendants } from '../harness/procs';
import { connectStudio } from '../harness/studio-client';
import { startStudioServer } from '../harness/studio-server';
import OBSWebSocket from 'obs-websocket-js';

let nginx: NginxRtmp;
beforeAll(async () => {
  nginx = await startNginxRtmp();
});
afterAll(async () => {
  await nginx?.stop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  expect(listFfmpegChildren(), 'no FFmpeg outlives a test').toEqual([]);
});

function rig(opts: Parameters<typeof outputRig>[0] = {}): Rig {
  const r = outputRig(opts);
  cleanups.push(() => r.dispose());
  return r;
}

/** The pushers running now: FFmpeg children reading the fan-out's TS from pipe:0. */
const pushers = (): Array<{ pid: number; cmdline: string }> => listFfmpegChildren().filter((p) => p.cmdline.includes('-i pipe:0') && p.cmdline.includes('-c copy'));

/**
 * The app and stream name FFmpeg's rtmp protocol settles on, from its debug line (printed once the
 * server has answered the handshake, before it connects to the app).
 */
function rtmpTarget(url: string, preset?: string): Promise<string> {
  const channel = preset === undefined ? null : openPresetChannel(preset, 3);
  if (channel && !channel.ok) throw new Error(channel.error.message);
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'debug', '-f', 's16le', '-ar', '8000', '-ac', '1', '-i', '/dev/zero', '-t', '0.2', '-c:a', 'aac'];
  if (channel) args.push('-fpre', channel.value.path);
  args.push('-f', 'flv', url);
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe', channel?.value.inherit?.handle ?? 'ignore'] });
    channel?.value.spawned();
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('close', () => {
      clearTimeout(timer);
      channel?.value.dispose();
      const line = /app = (.*), fname = (.*)$/m.exec(err);
      if (line) resolve(`app=${line[1]} name=${line[2]}`);
      else reject(new Error(`no target line from FFmpeg for ${url}:\n${err.slice(-2000)}`));
    });
  });
}

describe('the preset split', () => {
  it.each([
    '/live/key-1',
    '/live/inst/key',
    '/app/k1/k2/k3',
    '/live/mp4:dir/file',
    '/live?token=abc',
    '/app?slist=key&x=1',
    '/ondemand/file',
    '/live/key.flv',
    '/live/clip.mp4',
    '/live/key?a=1&b=two',
  ])('makes FFmpeg publish %s to the same app and stream name as the whole URL does', async (pathPart) => {
    const url = `rtmp://127.0.0.1:${nginx.port}${pathPart}`;
    const split = splitPublishUrl(url, 'rtmp');
    const text = presetText(split.options);
    if (!text.ok) throw new Error(text.error.message);
    const [whole, viaPreset] = await Promise.all([rtmpTarget(url), rtmpTarget(split.url, text.value)]);
    expect(viaPreset).toBe(whole);
  });
});

describe('keys out of argv', () => {
  it('RTMPS through TLS: the key is in no pusher argv, the stream arrives, and a refused key fails after one attempt', async () => {
    const KEY = 'canary-rtmps-5d1e7b';
    const BAD = 'canary-refused-93af';
    const auth = await startAuthEndpoint([KEY]);
    const guarded = await startNginxRtmp({ onPublishPort: auth.port });
    const tls = await startTlsProxy(guarded.port);
    cleanups.push(async () => {
      await tls.stop();
      await guarded.stop();
      await auth.close();
    });
    // The proxy's self-signed certificate is trusted as a private authority would be.
    const r = rig({ caFile: tls.certFile });
    await r.start([
      { id: 'good', name: 'Good', url: `rtmps://127.0.0.1:${tls.port}/live/${KEY}` },
      { id: 'bad', name: 'Bad', url: `rtmps://127.0.0.1:${tls.port}/live/${BAD}` },
    ]);
    await r.waitFor(destIs('good', 'live'), 40_000, 'good key live');
    const failed = await r.waitFor(destIs('bad', 'failed'), 40_000, 'refused key failed');
    expect((failed.event as { data: EventMap['destination.state'] }).data.error).toMatchObject({
      code: Status.DestinationUnreachable,
      message: expect.stringMatching(/stream key/),
    });
    expect(auth.attempts(BAD)).toBe(1);
    expect(auth.attempts(KEY)).toBe(1);
    expect(tls.sessions()).toBeGreaterThanOrEqual(2);
    expect(r.out.keysPrivate()).toBe(true);

    const running = pushers();
    expect(running).toHaveLength(1);
    const [pusher] = running;
    expect(pusher!.cmdline).toContain(`rtmps://127.0.0.1:${tls.port}/live`);
    expect(pusher!.cmdline).toContain('-fpre /dev/fd/5');
    for (const p of listFfmpegChildren()) {
      expect(p.cmdline).not.toContain(KEY);
      expect(p.cmdline).not.toContain(BAD);
    }
    // The preset behind /dev/fd/5 has no name left: another user has no path to open. The studio
    // closed its own descriptor once FFmpeg had one.
    expect(readlinkSync(`/proc/${pusher!.pid}/fd/5`)).toMatch(/studio-push-.* \(deleted\)$/);
    const ours = readdirSync('/proc/self/fd').map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    });
    expect(ours.filter((l) => l.includes('studio-push-'))).toEqual([]);

    const probe = await ffprobeJson(guarded.url(KEY));
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
    expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' });
    expect(pusher!.cmdline).toContain(`-tls_verify 1 -ca_file ${tls.certFile}`);
    const logs = r.logs.join('\n');
    expect(logs).toContain('-fpre /dev/fd/5');
    for (const [where, text] of [['logs', logs], ['events', JSON.stringify(r.seen)]] as const) {
      expect(text.includes(KEY), `the key in ${where}`).toBe(false);
      expect(text.includes(BAD), `the refused key in ${where}`).toBe(false);
    }
  }, 120_000);

  it('an FFmpeg that cannot read presets still publishes, with the key in argv, and says so', async () => {
    const KEY = 'canary-fallback-0d7c';
    const r = rig({ presetProbe: async () => ({ supported: false, why: 'Unrecognized option fpre' }) });
    await r.start([{ id: 'a', name: 'A', url: nginx.url(KEY) }]);
    await r.waitFor(destIs('a', 'live'), 40_000, 'live');
    expect(r.out.keysPrivate()).toBe(false);
    const [pusher] = pushers();
    expect(pusher!.cmdline).not.toContain('-fpre');
    expect(pusher!.cmdline).toContain(`/live/${KEY}`);
    expect(r.logs.some((l) => l.includes('stream keys are visible in its command line') && l.includes('Unrecognized option fpre'))).toBe(true);
    expect(r.logs.join('\n')).not.toContain(KEY);
    const probe = await ffprobeJson(nginx.url(KEY));
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264' });
  }, 120_000);

  it('SRT: stream id and passphrase reach the listener, not argv', async () => {
    const STREAM_ID = 'canary-srt-id-4c2a';
    const PASSPHRASE = 'canary-srt-pass-81f0';
    const dir = mkdtempSync(path.join(tmpdir(), 'stream-keys-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const listenPort = await freePort();
    const listener = await recordStream(`srt://127.0.0.1:${listenPort}?mode=listener&passphrase=${PASSPHRASE}`, path.join(dir, 'srt.ts'));
    cleanups.push(() => listener.stop());
    const tap = await startUdpTap(listenPort);
    cleanups.push(() => tap.stop());
    const r = rig();
    await r.start([{ id: 'srt', name: 'SRT', url: `srt://127.0.0.1:${tap.port}?latency=120000&streamid=${STREAM_ID}&passphrase=${PASSPHRASE}` }]);
    await r.waitFor(destIs('srt', 'live'), 40_000, 'srt live');
    const [pusher] = pushers();
    expect(pusher!.cmdline).toMatch(new RegExp(`-fpre /dev/fd/5 -f mpegts srt://127\\.0\\.0\\.1:${tap.port}\\?latency=120000$`));
    expect(pusher!.cmdline).not.toContain(STREAM_ID);
    expect(pusher!.cmdline).not.toContain(PASSPHRASE);
    expect(tap.sawSrtString(STREAM_ID), 'the stream id in the SRT handshake').toBe(true);
    // The listener decrypts only with the same passphrase: what it writes is the stream.
    await expect.poll(async () => (await ffprobeJson(listener.file).catch(() => ({ streams: [] }))).streams.map((s) => s.codec_name).sort(), { timeout: 20_000 }).toEqual([
      'aac',
      'h264',
    ]);
    const logs = r.logs.join('\n');
    expect(logs.includes(STREAM_ID) || logs.includes(PASSPHRASE)).toBe(false);
  }, 120_000);

  it('RTMPS to a server whose certificate cannot be verified: no stream key is sent, and the destination fails at once saying why', async () => {
    const KEY = 'canary-unverified-41c2';
    const auth = await startAuthEndpoint([KEY]);
    const guarded = await startNginxRtmp({ onPublishPort: auth.port });
    const tls = await startTlsProxy(guarded.port);
    cleanups.push(async () => {
      await tls.stop();
      await guarded.stop();
      await auth.close();
    });
    // Trusting only the system's authorities, as a user's studio does: a self-signed server is not one.
    const r = rig({ caFile: '/etc/ssl/certs/ca-certificates.crt' });
    await r.start([{ id: 'mitm', name: 'Unverified', url: `rtmps://127.0.0.1:${tls.port}/live/${KEY}` }]);
    const failed = await r.waitFor(destIs('mitm', 'failed'), 40_000, 'unverified server failed');
    expect((failed.event as { data: EventMap['destination.state'] }).data.error).toMatchObject({
      code: Status.DestinationUnreachable,
      message: expect.stringMatching(/TLS certificate could not be verified.*STUDIO_NETWORK_CA_FILE/),
    });
    expect(r.states('mitm')).toEqual(['connecting', 'failed']);
    expect(auth.attempts(KEY)).toBe(0);
  }, 120_000);
});

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

describe('the whole studio', () => {
  it('a key set over obs-websocket is in no argv of its process tree, no log, no reply, no file others may read; the stream arrives', async () => {
    const CANARY = 'canary-ws-key-2b9e61f4';
    const server = await startStudioServer({ headless: true });
    cleanups.push(async () => {
      await server.stop();
      rmSync(server.dataDir, { recursive: true, force: true });
    });
    const studio = await connectStudio(server);
    const info = await studio.must('remote.info', {}).finally(() => studio.close());
    const obs = new OBSWebSocket();
    cleanups.push(() => obs.disconnect());
    const replies: unknown[] = [];
    const call = async (...args: Parameters<typeof obs.call>): Promise<unknown> => {
      const reply = await obs.call(...args);
      replies.push(reply);
      return reply;
    };
    const events: unknown[] = [];
    obs.on('StreamStateChanged', (e) => events.push(e));
    await obs.connect(info.url!, info.password!);

    await call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: `rtmp://127.0.0.1:${nginx.port}/live`, key: CANARY },
    });
    await call('GetStreamServiceSettings');
    // The compositor page may still be connecting: the start is retried until the studio is ready.
    await expect
      .poll(async () => (await obs.call('StartStream').then(() => true, (e: { code?: number }) => (e.code === 207 ? false : Promise.reject(e)))), { timeout: 60_000 })
      .toBe(true);
    await expect
      .poll(async () => {
        const s = (await call('GetStreamStatus')) as { outputActive: boolean; outputBytes: number };
        return s.outputActive && s.outputBytes > 0;
      }, { timeout: 60_000, interval: 500 })
      .toBe(true);

    // Live: every process the studio started (Chromium and its helpers, encoder, pusher), by argv.
    const tree = listDescendants(server.process.pid!);
    expect(tree.some((p) => p.cmdline.includes('-fpre /dev/fd/5')), 'a pusher reading its preset').toBe(true);
    expect(tree.some((p) => /chrom/i.test(p.name)), 'the headless compositor').toBe(true);
    expect(tree.filter((p) => p.cmdline.includes(CANARY))).toEqual([]);
    const probe = await ffprobeJson(nginx.url(CANARY));
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });

    await call('StopStream');
    await expect.poll(async () => ((await call('GetStreamStatus')) as { outputActive: boolean }).outputActive, { timeout: 20_000 }).toBe(false);
    await expect.poll(() => listFfmpegChildren(server.process.pid!), { timeout: 10_000 }).toEqual([]);
    await obs.disconnect();
    await server.stop();

    expect(server.output().includes(CANARY), 'the key in what the server printed').toBe(false);
    expect(JSON.stringify(replies).includes(CANARY), 'the key in a reply').toBe(false);
    expect(JSON.stringify(events).includes(CANARY), 'the key in an event').toBe(false);
    // On disk it is in the secret store alone (no log file, no document), which only its owner may read.
    const holding = filesUnder(server.dataDir).filter((f) => readFileSync(f).includes(CANARY));
    expect(holding.map((f) => path.relative(server.dataDir, f))).toEqual(['secrets.json']);
    for (const f of holding) expect(statSync(f).mode & 0o077, `${f} is readable by others`).toBe(0);
  }, 240_000);
});
