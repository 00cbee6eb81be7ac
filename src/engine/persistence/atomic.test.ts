import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { moveAside, writeFileAtomic } from './atomic';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'bs-atomic-'));
  dirs.push(d);
  return d;
}

describe('writeFileAtomic', () => {
  it('creates missing folders, writes, and leaves no temp file', async () => {
    const d = await tmp();
    const file = path.join(d, 'a', 'b', 'x.json');
    await writeFileAtomic(file, 'one');
    expect(await readFile(file, 'utf8')).toBe('one');
    expect(await readdir(path.dirname(file))).toEqual(['x.json']);
  });

  it('keeps the previous file as .bak when asked, and only then', async () => {
    const d = await tmp();
    const file = path.join(d, 'x.json');
    await writeFileAtomic(file, 'one', { backup: true });
    expect(await readdir(d)).toEqual(['x.json']);
    await writeFileAtomic(file, 'two', { backup: true });
    await writeFileAtomic(file, 'three', { backup: true });
    expect(await readFile(file, 'utf8')).toBe('three');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
    await writeFileAtomic(file, 'four');
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
    expect((await readdir(d)).sort()).toEqual(['x.json', 'x.json.bak']);
  });

  it('applies the mode exactly, also when replacing a file with a wider one', async () => {
    const d = await tmp();
    const file = path.join(d, 's.json');
    await writeFile(file, 'old', { mode: 0o666 });
    await writeFileAtomic(file, 'new', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching the target when the folder cannot hold it', async () => {
    const d = await tmp();
    const notDir = path.join(d, 'f');
    await writeFile(notDir, 'keep');
    await expect(writeFileAtomic(path.join(notDir, 'x.json'), 'data')).rejects.toThrow();
    expect(await readFile(notDir, 'utf8')).toBe('keep');
  });
});

describe('moveAside', () => {
  it('moves the file under a stamped name and never overwrites an earlier one', async () => {
    const d = await tmp();
    const file = path.join(d, 'collection.json');
    const now = Date.UTC(2026, 10, 25, 12, 30, 45, 123);
    await writeFile(file, 'first');
    const a = await moveAside(file, 'corrupt', now);
    expect(path.basename(a)).toBe('collection.corrupt-2026-11-25T12-30-45-123Z.json');
    await writeFile(file, 'second');
    const b = await moveAside(file, 'corrupt', now);
    await writeFile(file, 'third');
    const c = await moveAside(file, 'corrupt', now);
    expect([a, b, c].map((p) => path.basename(p))).toEqual([
      'collection.corrupt-2026-11-25T12-30-45-123Z.json',
      'collection.corrupt-2026-11-25T12-30-45-123Z-1.json',
      'collection.corrupt-2026-11-25T12-30-45-123Z-2.json',
    ]);
    expect(await Promise.all([a, b, c].map((p) => readFile(p, 'utf8')))).toEqual(['first', 'second', 'third']);
    expect((await readdir(d)).includes('collection.json')).toBe(false);
  });
});
