import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Status } from '../../shared';
import { ffmpegStaticPath, isPackagedPath, locateFfmpeg, unpackedPath } from './locate-ffmpeg';

// The system FFmpeg CI installs (README: tests find FFmpeg through FFMPEG_PATH or /usr/bin/ffmpeg).
const REAL = process.env['FFMPEG_PATH'] || '/usr/bin/ffmpeg';
let dir: string;
let fakeBin: string;
let script: (name: string, body: string) => Promise<string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'locate-'));
  script = async (name, body) => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };
  fakeBin = path.join(dir, 'bin');
  await mkdir(fakeBin);
  await writeFile(path.join(fakeBin, 'ffmpeg'), '#!/bin/sh\necho "ffmpeg version 9.9-onpath Copyright"\n');
  await chmod(path.join(fakeBin, 'ffmpeg'), 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('locateFfmpeg', () => {
  it('uses the setting first and reports its version', async () => {
    const found = await locateFfmpeg({ setting: REAL, env: { FFMPEG_PATH: '/nope', PATH: fakeBin }, staticPath: '/nope' });
    expect(found).toMatchObject({ ok: true, value: { path: REAL, source: 'setting' } });
    if (found.ok) expect(found.value.version).toMatch(/^\d|^n?\d|^N-/);
  });

  it('falls through a broken setting to FFMPEG_PATH, then ffmpeg-static, then PATH', async () => {
    const env = { FFMPEG_PATH: REAL, PATH: fakeBin };
    expect(await locateFfmpeg({ setting: '/does/not/exist', env, staticPath: null })).toMatchObject({
      ok: true,
      value: { source: 'FFMPEG_PATH', path: REAL },
    });
    expect(await locateFfmpeg({ setting: '', env: { PATH: fakeBin }, staticPath: REAL })).toMatchObject({
      ok: true,
      value: { source: 'ffmpeg-static', path: REAL },
    });
    expect(await locateFfmpeg({ env: { PATH: `/nonexistent${path.delimiter}${fakeBin}` }, staticPath: '/missing/ffmpeg' })).toMatchObject({
      ok: true,
      value: { source: 'PATH', path: path.join(fakeBin, 'ffmpeg'), version: '9.9-onpath' },
    });
  });

  it('names all four places and what was wrong with each when nothing works', async () => {
    const failing = await script('fails', 'exit 3');
    const result = await locateFfmpeg({ setting: failing, env: { FFMPEG_PATH: dir, PATH: '/nonexistent' }, staticPath: '/missing/ffmpeg' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(Status.FfmpegNotFound);
    const m = result.error.message;
    expect(m).toContain(`the FFmpeg path setting (${failing}) exited with code 3`);
    expect(m).toContain(`FFMPEG_PATH (${dir}) is not a file`);
    expect(m).toContain('ffmpeg-static (/missing/ffmpeg) does not exist');
    expect(m).toContain('PATH has no ffmpeg');
  });

  it('says "not set" for places that were not set', async () => {
    const result = await locateFfmpeg({ env: { PATH: '' }, staticPath: null });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toMatch(/FFmpeg path setting is empty; FFMPEG_PATH is not set; ffmpeg-static has no binary/);
    }
  });

  it('rejects programs that are not executable, are not FFmpeg, or hang', async () => {
    const plain = path.join(dir, 'plain');
    await writeFile(plain, 'not a program');
    const notFfmpeg = await script('other', 'echo "some other tool 1.0"');
    const hangs = await script('hangs', 'exec sleep 30');
    const result = await locateFfmpeg({
      setting: plain,
      env: { FFMPEG_PATH: notFfmpeg, PATH: '' },
      staticPath: hangs,
      timeoutMs: 300,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain(`(${plain}) is not executable`);
    expect(result.error.message).toContain(`(${notFfmpeg}) is not FFmpeg`);
    expect(result.error.message).toContain(`(${hangs}) did not answer -version within 0.3 s`);
  });
});

describe('ffmpegStaticPath', () => {
  it('returns what the installed ffmpeg-static exports (a path, existing or not) or null', () => {
    const p = ffmpegStaticPath();
    expect(p === null || path.isAbsolute(p)).toBe(true);
  });
});

describe('a packaged app', () => {
  it('runs ffmpeg-static from app.asar.unpacked, never from inside the archive', () => {
    const posix = '/opt/Broadcast Studio/resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    expect(unpackedPath(posix)).toBe('/opt/Broadcast Studio/resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    const win = 'C:\\Program Files\\Broadcast Studio\\resources\\app.asar\\node_modules\\ffmpeg-static\\ffmpeg.exe';
    expect(unpackedPath(win)).toBe('C:\\Program Files\\Broadcast Studio\\resources\\app.asar.unpacked\\node_modules\\ffmpeg-static\\ffmpeg.exe');
    const mac = '/Applications/Broadcast Studio.app/Contents/Resources/app.asar/node_modules/ffmpeg-static/ffmpeg';
    expect(unpackedPath(mac)).toContain('/Contents/Resources/app.asar.unpacked/node_modules/ffmpeg-static/ffmpeg');
    // Already unpacked, or not packaged at all: unchanged.
    expect(unpackedPath(unpackedPath(posix))).toBe(unpackedPath(posix));
    expect(unpackedPath('/work/node_modules/ffmpeg-static/ffmpeg')).toBe('/work/node_modules/ffmpeg-static/ffmpeg');
    expect(unpackedPath('/home/me/app.asarx/ffmpeg')).toBe('/home/me/app.asarx/ffmpeg');
    expect(isPackagedPath(unpackedPath(posix))).toBe(true);
    expect(isPackagedPath('/work/node_modules/ffmpeg-static/ffmpeg')).toBe(false);
  });

  it('finds the bundled FFmpeg first, right after the setting, ahead of FFMPEG_PATH and PATH', async () => {
    const unpacked = path.join(dir, 'resources', 'app.asar.unpacked', 'node_modules', 'ffmpeg-static');
    await mkdir(unpacked, { recursive: true });
    const bundled = path.join(unpacked, 'ffmpeg');
    await writeFile(bundled, '#!/bin/sh\necho "ffmpeg version 6.1.1-static Copyright"\n');
    await chmod(bundled, 0o755);
    const inArchive = path.join(dir, 'resources', 'app.asar', 'node_modules', 'ffmpeg-static', 'ffmpeg');
    const env = { FFMPEG_PATH: REAL, PATH: fakeBin };
    expect(await locateFfmpeg({ env, staticPath: unpackedPath(inArchive) })).toMatchObject({
      ok: true,
      value: { source: 'ffmpeg-static', path: bundled, version: '6.1.1-static' },
    });
    // The user's own choice still wins.
    expect(await locateFfmpeg({ setting: REAL, env, staticPath: bundled })).toMatchObject({ ok: true, value: { source: 'setting' } });
    // A packaged app whose bundled copy is broken falls back to the others, and says why.
    await writeFile(bundled, '#!/bin/sh\nexit 1\n');
    expect(await locateFfmpeg({ env, staticPath: bundled })).toMatchObject({ ok: true, value: { source: 'FFMPEG_PATH', path: REAL } });
  });
});
