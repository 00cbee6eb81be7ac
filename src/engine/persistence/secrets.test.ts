import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from './secrets';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'bs-secrets-'));
  dirs.push(d);
  return d;
}

describe('FileSecretStore', () => {
  it('stores, reads back across instances and deletes', async () => {
    const d = await tmp();
    const s = new FileSecretStore(d);
    expect(await s.get('a')).toBeUndefined();
    await s.set('a', 'one');
    await s.set('b', 'two');
    expect(await s.get('a')).toBe('one');
    const again = new FileSecretStore(d);
    expect(await again.get('b')).toBe('two');
    await again.delete('a');
    await again.delete('missing');
    expect(await new FileSecretStore(d).get('a')).toBeUndefined();
    expect(JSON.parse(await readFile(path.join(d, 'secrets.json'), 'utf8'))).toEqual({ version: 1, secrets: { b: 'two' } });
  });

  it('keeps the file at mode 0600 and leaves no backup copy of old secrets', async () => {
    const d = await tmp();
    const s = new FileSecretStore(path.join(d, 'nested'));
    await s.set('k', 'v1');
    await s.set('k', 'v2');
    const file = path.join(d, 'nested', 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(path.join(d, 'nested'))).toEqual(['secrets.json']);
  });

  it('tightens a file that was created too open', async () => {
    const d = await tmp();
    await writeFile(path.join(d, 'secrets.json'), JSON.stringify({ version: 1, secrets: { k: 'v' } }), { mode: 0o644 });
    const s = new FileSecretStore(d);
    await s.set('k2', 'v2');
    expect((await stat(path.join(d, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(await s.get('k')).toBe('v');
  });

  it('concurrent writes are all kept', async () => {
    const d = await tmp();
    const s = new FileSecretStore(d);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.set(`k${i}`, `v${i}`)));
    const fresh = new FileSecretStore(d);
    for (let i = 0; i < 20; i++) expect(await fresh.get(`k${i}`)).toBe(`v${i}`);
  });

  it('moves a corrupt file aside (bytes kept) and starts empty', async () => {
    const d = await tmp();
    await writeFile(path.join(d, 'secrets.json'), '{ not json', { mode: 0o600 });
    const s = new FileSecretStore(d);
    expect(await s.get('k')).toBeUndefined();
    const aside = (await readdir(d)).filter((f) => f.startsWith('secrets.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(d, aside[0]!), 'utf8')).toBe('{ not json');
    expect((await stat(path.join(d, aside[0]!))).mode & 0o777).toBe(0o600);
    await s.set('k', 'v');
    expect(await new FileSecretStore(d).get('k')).toBe('v');
  });

  it('a failed write rejects, keeps the previous values, and later calls still run', async () => {
    const d = await tmp();
    const data = path.join(d, 'data');
    const s = new FileSecretStore(data);
    await s.set('k', 'v1');
    // Replace the data folder by a plain file: from now on every write fails for real.
    await rm(data, { recursive: true });
    await writeFile(data, 'x');
    await expect(s.set('k', 'v2')).rejects.toThrow();
    await expect(s.delete('k')).rejects.toThrow();
    expect(await s.get('k')).toBe('v1');
    expect(await readFile(data, 'utf8')).toBe('x');
  });

  it('a folder it cannot read from rejects instead of pretending to be empty', async () => {
    const d = await tmp();
    const notDir = path.join(d, 'file');
    await writeFile(notDir, 'x');
    await expect(new FileSecretStore(notDir).get('k')).rejects.toThrow();
  });
});
