import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSize } from './image-size';

const dir = mkdtempSync(path.join(tmpdir(), 'bs-image-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('imageSize', () => {
  // Real files written by FFmpeg, in every format the reader knows, at an odd size.
  for (const ext of ['png', 'jpg', 'gif', 'bmp', 'webp']) {
    it(`reads a ${ext} header`, async () => {
      const file = path.join(dir, `pic.${ext}`);
      execFileSync(process.env['FFMPEG_BIN'] ?? '/usr/bin/ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=333x187', '-frames:v', '1', '-y', file]);
      expect(await imageSize(file)).toEqual({ width: 333, height: 187 });
    });
  }

  it('answers undefined for a missing file or another format', async () => {
    expect(await imageSize(path.join(dir, 'missing.png'))).toBeUndefined();
    const text = path.join(dir, 'note.png');
    writeFileSync(text, 'not an image at all, only text');
    expect(await imageSize(text)).toBeUndefined();
  });
});
