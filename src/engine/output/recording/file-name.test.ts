import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Status, type RecordingSettings } from '../../../shared';
import { DEFAULT_RECORDING_PATTERN as DEFAULT_PATTERN, expandRecordingPattern as expandPattern } from '../../../shared';
import { recordingPath, safeFileName } from './file-name';

// 2024-03-07 09:05:02 local time: every field a different width and value.
const when = new Date(2024, 2, 7, 9, 5, 2);

const temps: string[] = [];
const temp = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rec-name-'));
  temps.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

const settings = (over: Partial<RecordingSettings> = {}): RecordingSettings => ({
  folder: '',
  format: 'mkv',
  filenamePattern: DEFAULT_PATTERN,
  remuxToMp4: false,
  minFreeMb: 0,
  tracks: [1],
  ...over,
});

describe('expandPattern', () => {
  it("expands OBS's placeholders in local time", () => {
    expect(expandPattern('%CCYY-%MM-%DD %hh-%mm-%ss', when)).toBe('2024-03-07 09-05-02');
    expect(expandPattern('%YY%MM%DD', when)).toBe('240307');
  });

  it('reads %% as a percent sign in one pass, and leaves unknown placeholders as written', () => {
    expect(expandPattern('100%% %%MM', when)).toBe('100% %MM');
    expect(expandPattern('%FPS %A %CCY %', when)).toBe('%FPS %A %CCY %');
  });

  it('pads years before 1000 to four digits', () => {
    const old = new Date(2024, 0, 1);
    old.setFullYear(987);
    expect(expandPattern('%CCYY %YY', old)).toBe('0987 87');
  });
});

describe('safeFileName', () => {
  it('replaces characters a file system refuses, separators and control characters', () => {
    expect(safeFileName('a<b>c:d"e/f\\g|h?i*j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(safeFileName('tab\there\u0000nul\u007f')).toBe('tab_here_nul_');
    expect(safeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
  });

  it('drops trailing dots and spaces and refuses names with nothing left', () => {
    expect(safeFileName('  show. . ')).toBe('show');
    expect(safeFileName('...')).toBe('');
    expect(safeFileName('  ')).toBe('');
    expect(safeFileName('/')).toBe('');
  });

  it("avoids Windows' reserved device names", () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('lpt1')).toBe('_lpt1');
    expect(safeFileName('console')).toBe('console');
  });

  it('keeps non-ASCII text and cuts long names on a character boundary', () => {
    expect(safeFileName('Émission 日本')).toBe('Émission 日本');
    const long = safeFileName('日'.repeat(100));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(200);
    expect(long).toBe('日'.repeat(66));
  });
});

describe('recordingPath', () => {
  it('defaults to <dataDir>/recordings, creates it and adds the extension', async () => {
    const data = temp();
    const mkv = await recordingPath(settings(), data, when);
    expect(mkv).toEqual({ ok: true, value: path.join(data, 'recordings', '2024-03-07 09-05-02.mkv') });
    const mp4 = await recordingPath(settings({ format: 'fmp4', filenamePattern: 'show %hh:%mm' }), data, when);
    expect(mp4).toEqual({ ok: true, value: path.join(data, 'recordings', 'show 09_05.mp4') });
    expect(readdirSync(path.join(data, 'recordings'))).toEqual([]);
  });

  it('creates a missing folder with its parents', async () => {
    const folder = path.join(temp(), 'a', 'b', 'c');
    const r = await recordingPath(settings({ folder, filenamePattern: 'x' }), '/unused', when);
    expect(r).toEqual({ ok: true, value: path.join(folder, 'x.mkv') });
  });

  it('never picks a name that exists: " (2)", " (3)"…, counting links and folders too', async () => {
    const folder = temp();
    writeFileSync(path.join(folder, 'show.mkv'), 'x');
    mkdirSync(path.join(folder, 'show (2).mkv'));
    symlinkSync(path.join(folder, 'nowhere'), path.join(folder, 'show (3).mkv'));
    // Another extension is another name.
    writeFileSync(path.join(folder, 'show (4).mp4'), 'x');
    const r = await recordingPath(settings({ folder, filenamePattern: 'show' }), '/unused', when);
    expect(r).toEqual({ ok: true, value: path.join(folder, 'show (4).mkv') });
  });

  it('falls back to the default pattern when the pattern leaves nothing usable', async () => {
    const folder = temp();
    for (const filenamePattern of ['', '  ', '///', '..']) {
      const r = await recordingPath(settings({ folder, filenamePattern }), '/unused', when);
      expect(r).toEqual({ ok: true, value: path.join(folder, '2024-03-07 09-05-02.mkv') });
    }
  });

  it('resolves a relative folder inside the data folder', async () => {
    const data = temp();
    const r = await recordingPath(settings({ folder: 'mine', filenamePattern: 'x' }), data, when);
    expect(r).toEqual({ ok: true, value: path.join(data, 'mine', 'x.mkv') });
  });

  it('refuses a folder that is a file, or lies inside one, naming it', async () => {
    const file = path.join(temp(), 'notes.txt');
    writeFileSync(file, 'x');
    for (const folder of [file, path.join(file, 'sub')]) {
      const r = await recordingPath(settings({ folder }), '/unused', when);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(Status.InvalidResourceType);
      expect(r.error.field).toBe('folder');
      expect(r.error.message).toContain(folder);
      expect(r.error.message).toMatch(/is a file/);
    }
  });

  it('refuses a folder that cannot be created, saying why', async () => {
    // Too long a name fails for every user, root included (permissions would not).
    const folder = path.join(temp(), 'x'.repeat(300));
    const r = await recordingPath(settings({ folder }), '/unused', when);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(Status.CreationFailed);
    expect(r.error.message).toContain(folder);
    expect(r.error.message).toMatch(/cannot be created \(the path is too long\)/);
  });
});
