/**
 * Recording through the Studio, against real FFmpeg and a real nginx-rtmp: on its own, alongside a
 * stream (each stopping without touching the other), remuxed to MP4, refused on a nearly full disk,
 * and ended by a full disk (a file-size limit on FFmpeg) while the stream carries on.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandType, DestinationState, RecordStatus, StudioEvent } from '../../src/shared';
import type { Logger, Studio } from '../../src/engine/api';
import { createStudio } from '../../src/engine/studio';
import { ffprobeJson, startNginxRtmp, type NginxRtmp } from '../harness';
import { suiteResources } from '../harness/suite';
import { packetTimes } from '../harness/stream-recorder';
import { startReceiver } from '../../src/engine/webhooks/test-receiver';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const RESOURCES = path.resolve(import.meta.dirname, '../../resources');

let server: NginxRtmp;
const { temp, onCleanup } = suiteResources();

beforeAll(async () => {
  server = await startNginxRtmp();
});
afterAll(async () => {
  await server?.stop();
});

interface Rig {
  studio: Studio;
  folder: string;
  events: StudioEvent[];
  call(type: CommandType, args?: unknown): ReturnType<Studio['execute']>;
  must<T>(type: CommandType, args?: unknown): Promise<T>;
  until(pred: (e: StudioEvent) => boolean, ms: number, what: string): Promise<void>;
  recordStates(): string[];
  destinationStates(): DestinationState[];
}

async function studioRig(ffmpeg = FFMPEG): Promise<Rig> {
  const logger: Logger = { log: () => {} };
  const studio = await createStudio({ dataDir: temp('rec-studio-'), resourcesDir: RESOURCES, logger, env: { FFMPEG_PATH: ffmpeg } });
  onCleanup(() => studio.dispose());
  const events: StudioEvent[] = [];
  studio.subscribe((e) => events.push(e));
  const folder = temp('rec-files-');
  const call: Rig['call'] = (type, args = {}) => studio.execute(type, args);
  const must = async <T,>(type: CommandType, args: unknown = {}): Promise<T> => {
    const r = await call(type, args);
    if (!r.ok) throw new Error(`${type}: ${r.error.message}`);
    return r.value as T;
  };
  await must('video.set', { baseWidth: 640, baseHeight: 360 });
  await must('output.setEncoder', { encoder: 'libx264', preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
  await must('output.setRecording', { folder, filenamePattern: 'show %CCYY-%MM-%DD', minFreeMb: 1 });
  return {
    studio,
    folder,
    events,
    call,
    must,
    async until(pred, ms, what) {
      const end = Date.now() + ms;
      while (!events.some(pred)) {
        if (Date.now() > end) {
          const said = events.flatMap((e) => (e.type === 'notice' ? [e.data.message] : e.type === 'record.state' ? [`record ${e.data.state} ${e.data.error ?? ''}`] : []));
          throw new Error(`${what}: not within ${ms} ms; so far: ${[...new Set(said)].join(' | ')}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    recordStates: () =>
      events.flatMap((e) => (e.type === 'record.state' ? [e.data.state] : [])).filter((s, i, all) => i === 0 || all[i - 1] !== s),
    destinationStates: () => events.flatMap((e) => (e.type === 'destination.state' ? [e.data.state] : [])),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the recording holds `ms` of video by FFmpeg's own count (out_time), not the wall clock. */
async function recorded(r: Rig, ms: number): Promise<void> {
  await expect.poll(async () => (await r.must<RecordStatus>('record.status')).durationMs, { timeout: 60_000, interval: 250 }).toBeGreaterThanOrEqual(ms);
}
const streamIs = (state: DestinationState) => (e: StudioEvent) => e.type === 'stream.state' && e.data.state === state;
const recordIs = (state: RecordStatus['state']) => (e: StudioEvent) => e.type === 'record.state' && e.data.state === state;

/** Decodes the whole file; FFmpeg prints nothing at -v error when every packet decodes. */
function decodeErrors(file: string): string {
  return execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
/** Seconds of video in the file, from its packets (a file cut short has no duration in its header). */
async function durationOf(file: string): Promise<number> {
  const times = await packetTimes(file);
  return times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
}

async function addDestination(r: Rig, key: string): Promise<void> {
  await r.must('destination.upsert', { name: 'Loopback', server: `rtmp://127.0.0.1:${server.port}/live`, key });
}

describe('recording through the Studio', () => {
  it('records on its own, without a stream, into a decodable MKV named from the pattern, and says so by webhook', async () => {
    const r = await studioRig();
    const secret = 'recording-webhook-secret-0123456789';
    const receiver = await startReceiver(() => secret);
    onCleanup(() => receiver.close());
    await r.must('webhook.upsert', { url: receiver.url, events: ['recording.saved'], secret });
    const { path: file } = await r.must<{ path: string }>('record.start');
    expect(path.dirname(file)).toBe(r.folder);
    expect(path.basename(file)).toMatch(/^show \d{4}-\d{2}-\d{2}\.mkv$/);
    await r.until(recordIs('recording'), 10_000, 'recording');
    expect(r.studio.status().stream.state, 'no stream was started').toBe('idle');
    await recorded(r, 3000);
    const status = await r.must<RecordStatus>('record.status');
    expect(status.bytes).toBeGreaterThan(0);
    const stopped = await r.must<{ path: string; remuxedPath: string | null }>('record.stop');
    expect(stopped).toEqual({ path: file, remuxedPath: null });
    expect(r.events.some((e) => e.type === 'record.saved' && e.data.path === file)).toBe(true);
    expect(r.recordStates()).toEqual(['starting', 'recording', 'stopping', 'idle']);
    const deadline = Date.now() + 10_000;
    while (receiver.received.length === 0 && Date.now() < deadline) await sleep(50);
    expect(receiver.received.map((x) => [x.event, x.valid, x.json.data['path']])).toEqual([['recording.saved', true, file]]);
    expect(decodeErrors(file)).toBe('');
    expect(await durationOf(file)).toBeGreaterThan(2);
    // A second recording in the same second does not overwrite the first.
    const again = await r.must<{ path: string }>('record.start');
    expect(again.path).not.toBe(file);
    await r.must('record.stop');
    expect(existsSync(file)).toBe(true);
  });

  it('runs alongside the stream: stopping either one leaves the other untouched', async () => {
    const r = await studioRig();
    await addDestination(r, 'rec-alongside');
    await r.must('stream.start');
    await r.until(streamIs('live'), 30_000, 'stream live');
    const { path: first } = await r.must<{ path: string }>('record.start');
    await recorded(r, 2000);
    // Stopping the recording: the destination never leaves live.
    await r.must('record.stop');
    expect(r.studio.status().stream.state).toBe('live');
    expect(r.destinationStates()).toEqual(['connecting', 'live']);
    expect(decodeErrors(first)).toBe('');

    // Stopping the stream while recording: the recording goes on, then stops cleanly.
    const { path: second } = await r.must<{ path: string }>('record.start');
    await recorded(r, 1500);
    await r.must('stream.stop');
    await r.until(streamIs('idle'), 10_000, 'stream idle');
    const during = await r.must<RecordStatus>('record.status');
    expect(during.state).toBe('recording');
    const bytes = during.bytes;
    await expect
      .poll(async () => (await r.must<RecordStatus>('record.status')).bytes, { timeout: 20_000, interval: 250, message: 'the file keeps growing after the stream stopped' })
      .toBeGreaterThan(bytes);
    const writtenMs = (await r.must<RecordStatus>('record.status')).durationMs;
    await r.must('record.stop');
    expect(decodeErrors(second)).toBe('');
    // It joins at the next keyframe (1 s GOPs here), so up to a second less than FFmpeg had counted.
    expect(writtenMs).toBeGreaterThan(1500);
    expect(await durationOf(second)).toBeGreaterThan(writtenMs / 1000 - 1);
  });

  it('remuxes to a plain MP4 after stop when asked', async () => {
    const r = await studioRig();
    await r.must('output.setRecording', { format: 'fmp4', remuxToMp4: true });
    const { path: file } = await r.must<{ path: string }>('record.start');
    expect(file).toMatch(/\.mp4$/);
    await recorded(r, 2500);
    const { remuxedPath } = await r.must<{ path: string; remuxedPath: string | null }>('record.stop');
    expect(remuxedPath).not.toBeNull();
    expect(remuxedPath).not.toBe(file);
    const probe = await ffprobeJson(remuxedPath!);
    expect(probe.format.format_name).toContain('mp4');
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(decodeErrors(remuxedPath!)).toBe('');
  });

  it('refuses to start on a disk with less free space than asked for, and the stream carries on', async () => {
    const r = await studioRig();
    await addDestination(r, 'rec-refused');
    await r.must('stream.start');
    await r.until(streamIs('live'), 30_000, 'stream live');
    await r.must('output.setRecording', { minFreeMb: 100_000_000 });
    const refused = await r.call('record.start');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/free/i);
    expect(!refused.ok && refused.error.message).toContain(r.folder);
    expect(r.studio.status().stream.state).toBe('live');
    expect(r.destinationStates()).toEqual(['connecting', 'live']);
    await r.must('stream.stop');
  });

  it('stops gracefully with a clear error when the disk fills, and the stream carries on', async () => {
    // A file-size limit on every FFmpeg the studio runs: only the recorder writes a file.
    const dir = temp('rec-ulimit-');
    const wrapper = path.join(dir, 'ffmpeg');
    writeFileSync(wrapper, `#!/bin/sh\nulimit -f 1024\nexec ${FFMPEG} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const r = await studioRig(wrapper);
    await addDestination(r, 'rec-full');
    await r.must('stream.start');
    await r.until(streamIs('live'), 30_000, 'stream live');
    const { path: file } = await r.must<{ path: string }>('record.start');
    // 512 KiB at ~100 kB/s fills in a few seconds.
    await r.until(recordIs('failed'), 30_000, 'recording ended by the full disk');
    const failed = r.events.filter((e) => e.type === 'record.state').at(-1);
    expect(failed?.type === 'record.state' && failed.data.error).toMatch(/full|largest size|space/i);
    expect(r.events.some((e) => e.type === 'notice' && e.data.level === 'error' && /full|largest size|space/i.test(e.data.message))).toBe(true);
    expect(r.events.some((e) => e.type === 'record.saved' && e.data.path === file), 'what was written is reported as saved').toBe(true);
    // Two more of the stream's once-a-second stats ticks: the engine moved on, and the stream with it.
    const seen = r.events.length;
    await expect.poll(() => r.events.slice(seen).filter((e) => e.type === 'stream.stats').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(r.studio.status().stream.state, 'the stream is still live').toBe('live');
    expect(r.destinationStates()).toEqual(['connecting', 'live']);
    expect(decodeErrors(file)).toBe('');
    expect(await durationOf(file)).toBeGreaterThan(1);
    await r.must('stream.stop');
  });
});
