import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StudioDocument } from '../../shared';
import { FakeClock } from '../testing/fake-clock';
import { blankDocument } from '../document/defaults';
import { Autosaver } from './autosaver';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function setup(opts: { delayMs?: number; maxWaitMs?: number; dataDir?: string } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'bs-autosave-'));
  dirs.push(dir);
  const clock = new FakeClock();
  let doc: StudioDocument = blankDocument(() => 'scene-1');
  let reads = 0;
  const errors: string[] = [];
  const dataDir = opts.dataDir ?? dir;
  const saver = new Autosaver({
    dataDir,
    clock,
    get: () => {
      reads++;
      return doc;
    },
    onError: (m) => errors.push(m),
    ...(opts.delayMs !== undefined && { delayMs: opts.delayMs }),
    ...(opts.maxWaitMs !== undefined && { maxWaitMs: opts.maxWaitMs }),
  });
  const rename = (name: string) => {
    doc = { ...doc, revision: doc.revision + 1, scenes: [{ ...doc.scenes[0]!, name }] };
  };
  const saved = async () => {
    try {
      return JSON.parse(await readFile(path.join(dataDir, 'collection.json'), 'utf8')).scenes[0].name as string;
    } catch {
      return null;
    }
  };
  /** Lets a save the timer started finish; writes nothing itself when the document did not change. */
  const settle = () => saver.flush();
  return { dir, clock, saver, errors, rename, saved, settle, reads: () => reads };
}

describe('Autosaver', () => {
  it('saves both files once changes pause for delayMs', async () => {
    const t = await setup({ delayMs: 1000 });
    t.rename('A');
    t.saver.schedule();
    t.clock.advance(999);
    expect(t.clock.pending()).toBe(1);
    expect(await t.saved()).toBeNull();
    t.clock.advance(1);
    expect(t.clock.pending()).toBe(0);
    await t.settle();
    expect(await t.saved()).toBe('A');
    await access(path.join(t.dir, 'profile.json'));
    expect(t.errors).toEqual([]);
  });

  it('debounces a burst into one save of the latest document', async () => {
    const t = await setup({ delayMs: 1000 });
    for (const name of ['A', 'B', 'C', 'D']) {
      t.rename(name);
      t.saver.schedule();
      t.clock.advance(500);
    }
    expect(t.reads()).toBe(0);
    expect(t.clock.pending()).toBe(1);
    t.clock.advance(500);
    await t.settle();
    expect(await t.saved()).toBe('D');
    // One write from the timer; settle() looked once more and found nothing new.
    expect(t.reads()).toBe(2);
  });

  it('a burst that never pauses still saves every maxWaitMs', async () => {
    const t = await setup({ delayMs: 1000, maxWaitMs: 3000 });
    let i = 0;
    for (; t.clock.now() < 2900; t.clock.advance(100)) {
      t.rename(`n${i++}`);
      t.saver.schedule();
    }
    expect(await t.saved()).toBeNull();
    t.rename('at-3000');
    t.saver.schedule();
    t.clock.advance(100);
    await t.settle();
    expect(await t.saved()).toBe('at-3000');
  });

  it('flush saves at once and cancels the pending timer', async () => {
    const t = await setup();
    t.rename('now');
    t.saver.schedule();
    await t.saver.flush();
    expect(await t.saved()).toBe('now');
    expect(t.clock.pending()).toBe(0);
  });

  it('does not rewrite a file whose content did not change, so .bak keeps the last real change', async () => {
    const t = await setup();
    t.rename('one');
    await t.saver.flush();
    t.rename('two');
    await t.saver.flush();
    const bak = () => readFile(path.join(t.dir, 'collection.json.bak'), 'utf8');
    expect(JSON.parse(await bak()).scenes[0].name).toBe('one');
    // A new snapshot with the same saved content (only the revision moved).
    t.rename('two');
    await t.saver.flush();
    expect(JSON.parse(await bak()).scenes[0].name).toBe('one');
    // The profile did not change after the first save, so it has no backup at all.
    await expect(access(path.join(t.dir, 'profile.json.bak'))).rejects.toThrow();
  });

  it('reports save failures through onError and never throws', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'bs-autosave-'));
    dirs.push(base);
    const notADir = path.join(base, 'file');
    await writeFile(notADir, 'x');
    const t = await setup({ dataDir: notADir });
    t.rename('lost?');
    t.saver.schedule();
    t.clock.advance(1000);
    await expect(t.settle()).resolves.toBeUndefined();
    expect(t.errors.length).toBeGreaterThanOrEqual(2);
    expect(t.errors[0]).toMatch(/^Could not save .*collection\.json: .*saving is tried again at the next change\.$/);
    expect(await readFile(notADir, 'utf8')).toBe('x');
  });

  it('dispose drops the pending save and ignores later schedules', async () => {
    const t = await setup();
    t.rename('never');
    t.saver.schedule();
    t.saver.dispose();
    expect(t.clock.pending()).toBe(0);
    t.saver.schedule();
    expect(t.clock.pending()).toBe(0);
    t.clock.advance(60_000);
    expect(await t.saved()).toBeNull();
  });
});
