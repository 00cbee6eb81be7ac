/**
 * The fake GPU FFmpeg must encode what it is given: NV12 frames in, the same colours out. Its NVENC
 * output options are rewritten for libx264, but the raw input's own pixel format must survive, or
 * the chroma is read as planar and every colour comes out wrong.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeGpuFfmpeg } from './fake-gpu-ffmpeg';
import { ffprobeJson, grabFrameRgb } from './ffprobe';
import { makeNv12Frame, rects, type Rgb } from './nv12';

const FFMPEG = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
const W = 128;
const H = 72;
const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];

const dir = mkdtempSync(path.join(tmpdir(), 'fake-gpu-test-'));
const fake = fakeGpuFfmpeg({ realFfmpeg: FFMPEG });
afterAll(() => {
  fake.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the fake with the studio's NVENC arguments (catalog.ts) and feeds it `frames` NV12 frames. */
function encode(file: string, frames: number): Promise<string> {
  const frame = makeNv12Frame(W, H, rects(RED, [{ x: W / 2, y: 0, width: W / 2, height: H, color: BLUE }]));
  const args = [
    '-hide_banner', '-v', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'nv12', '-s', `${W}x${H}`, '-r', '30', '-i', 'pipe:0',
    '-c:v', 'h264_nvenc', '-preset', 'p4', '-tune', 'll', '-profile:v', 'high', '-rc', 'cbr', '-b:v', '800k',
    '-g', '60', '-bf', '0', '-pix_fmt', 'nv12', '-color_range', 'tv', '-colorspace', 'bt709',
    '-f', 'mp4', '-y', file,
  ];
  const child = spawn(fake.path, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < frames; i++) child.stdin.write(frame);
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`the fake exited ${String(code)}: ${stderr}`))));
  });
}

const at = (rgb: Buffer, x: number, y: number): number[] => [...rgb.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)];

describe('fakeGpuFfmpeg', () => {
  it('encodes NV12 input with its colours intact (H.264 by libx264)', async () => {
    const file = path.join(dir, 'out.mp4');
    await encode(file, 15);
    const probe = await ffprobeJson(file);
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: W, height: H });
    const rgb = await grabFrameRgb(file, { width: W, height: H });
    // Away from the edge, where 4:2:0 chroma and the codec blur the two colours together.
    for (const [x, y, want] of [[W / 4, H / 2, RED], [(3 * W) / 4, H / 2, BLUE], [8, 8, RED], [W - 8, H - 8, BLUE]] as const) {
      const got = at(rgb, x, y);
      for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - want[c]!), `pixel ${x},${y} = ${got.join(',')}, want ${want.join(',')}`).toBeLessThan(24);
    }
  });
});
