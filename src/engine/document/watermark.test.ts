import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WATERMARK, Status } from '../../shared';
import { KindRegistry } from '../kinds/registry';
import { profileFileSchema, profileJson } from '../persistence/files';
import { FileSecretStore } from '../persistence/secrets';
import { blankDocument } from './defaults';
import { DocumentStore } from './store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function store(): Promise<DocumentStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bs-watermark-'));
  dirs.push(dir);
  let n = 0;
  return new DocumentStore({
    initial: blankDocument(() => `id-${++n}`),
    kinds: new KindRegistry(),
    secrets: new FileSecretStore(dir),
    emit: () => {},
    isLive: () => false,
  });
}

describe('watermark.set', () => {
  it('merges a partial change over the defaults and keeps what was not sent', async () => {
    const s = await store();
    expect(s.get().watermark).toBeUndefined();
    expect((await s.execute('watermark.set', { enabled: true, type: 'text', text: 'LIVE' })).ok).toBe(true);
    expect((await s.execute('watermark.set', { anchor: 'bottom_left', opacity: 40 })).ok).toBe(true);
    expect(s.get().watermark).toEqual({ ...DEFAULT_WATERMARK, enabled: true, type: 'text', text: 'LIVE', anchor: 'bottom_left', opacity: 40 });
  });

  it('refuses values out of range, of the wrong type and unknown fields, changing nothing', async () => {
    const s = await store();
    for (const bad of [{ opacity: 101 }, { anchor: 'middle' }, { margin: -1 }, { scale: 0 }, { enabled: 'yes' }, { colour: 1 }]) {
      const r = await s.execute('watermark.set', bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect([Status.InvalidRequestField, Status.InvalidRequestFieldType, Status.OutOfRange]).toContain(r.error.code);
    }
    expect(s.get().watermark).toBeUndefined();
  });
});

describe('watermark in the profile file', () => {
  it('is saved and read back; an older profile without one loads with it off', async () => {
    const s = await store();
    await s.execute('watermark.set', { enabled: true, file: '/logos/a.png', margin: 24 });
    const saved = JSON.parse(profileJson(s.get())) as Record<string, unknown>;
    const read = profileFileSchema.parse(saved);
    expect(read.watermark).toEqual(s.get().watermark);
    const { watermark: _gone, ...older } = saved;
    expect(profileFileSchema.parse(older).watermark).toBeUndefined();
    // A profile written by a build with fewer watermark fields gets defaults for the rest.
    expect(profileFileSchema.parse({ ...saved, watermark: { enabled: true } }).watermark).toEqual({ ...DEFAULT_WATERMARK, enabled: true });
  });
});
