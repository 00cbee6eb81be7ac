import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { listFfmpegChildren, listFfmpegProcesses } from './procs';
import { makeNv12Frame, rects, rgbToYuv709 } from './nv12';
import { freePort } from './ports';

describe('rgbToYuv709 / makeNv12Frame', () => {
  it('maps black, white and the primaries to BT.709 limited range', () => {
    const round = (v: number[]): number[] => v.map(Math.round);
    expect(round(rgbToYuv709([0, 0, 0]))).toEqual([16, 128, 128]);
    expect(round(rgbToYuv709([255, 255, 255]))).toEqual([235, 128, 128]);
    expect(round(rgbToYuv709([255, 0, 0]))).toEqual([63, 102, 240]);
    expect(round(rgbToYuv709([0, 0, 255]))).toEqual([32, 240, 118]);
  });

  it('paints rectangles and averages chroma over 2×2 blocks', () => {
    // A 4×2 frame: left 2×2 block red, right block half red (x=2) and half black (x=3).
    const f = makeNv12Frame(4, 2, rects([0, 0, 0], [{ x: 0, y: 0, width: 3, height: 2, color: [255, 0, 0] }]));
    expect(f.length).toBe(4 * 2 + 4);
    expect([...f.subarray(0, 4)]).toEqual([63, 63, 63, 16]);
    expect([...f.subarray(8)]).toEqual([102, 240, Math.round((102 + 128) / 2), Math.round((240 + 128) / 2)]);
  });
});

describe('listFfmpegChildren', () => {
  it('finds a running FFmpeg child and forgets it once it is gone', async () => {
    const tag = `harness-${await freePort()}`;
    const child = spawn(process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg', ['-hide_banner', '-f', 'lavfi', '-i', 'anullsrc', '-metadata', `title=${tag}`, '-f', 'null', '-'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(listFfmpegChildren().map((p) => p.pid)).toContain(child.pid);
      expect(listFfmpegProcesses(tag).map((p) => p.pid)).toEqual([child.pid]);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(listFfmpegChildren().map((p) => p.pid)).not.toContain(child.pid);
    expect(listFfmpegProcesses(tag)).toEqual([]);
  });
});
