/**
 * A recording survives the studio itself being killed: server mode records, the whole engine
 * process gets kill -9, and its FFmpeg children — which lose their input pipes with it — finish the
 * file and exit on their own. The file decodes and covers the time recorded; no FFmpeg is left.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { listFfmpegChildren } from '../harness';
import { packetTimes } from '../harness/stream-recorder';
import { connectStudio, type StudioClient } from '../harness/studio-client';
import { startStudioServer, type StudioServer } from '../harness/studio-server';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
let server: StudioServer | null = null;
let client: StudioClient | null = null;

afterAll(async () => {
  client?.close();
  await server?.stop('SIGKILL');
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

it('a recording survives kill -9 of the studio: the orphaned FFmpeg finishes a file that decodes', async () => {
  server = await startStudioServer();
  client = await connectStudio(server);
  await client.must('video.set', { baseWidth: 640, baseHeight: 360 });
  await client.must('output.setEncoder', { encoder: 'libx264', preset: 'ultrafast', bitrateKbps: 800, keyframeIntervalSec: 1 });
  const { path: file } = await client.must('record.start', {});
  await client.waitFor((e) => e.type === 'record.state' && e.data.state === 'recording', 20_000);
  // Four seconds of video written, by FFmpeg's own count (its out_time), not the wall clock.
  const written = await client.waitFor((e) => e.type === 'record.state' && e.data.durationMs >= 4000, 60_000);
  const writtenMs = written.type === 'record.state' ? written.data.durationMs : 0;
  const children = listFfmpegChildren(server.process.pid!);
  expect(children.some((p) => p.cmdline.includes(file)), 'the recorder runs').toBe(true);

  server.process.kill('SIGKILL');
  await expect.poll(() => children.filter((p) => alive(p.pid)).map((p) => p.cmdline.slice(0, 80)), { timeout: 20_000 }).toEqual([]);

  expect(execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' })).toBe('');
  const times = await packetTimes(file);
  const span = Math.max(...times) - Math.min(...times);
  // All that FFmpeg had said it wrote is kept, less up to a second lost at the start (it joined at a
  // keyframe, 1 s GOPs) and one in muxer buffers.
  expect(span * 1000, 'ms of video kept').toBeGreaterThan(writtenMs - 2000);
}, 120_000);
