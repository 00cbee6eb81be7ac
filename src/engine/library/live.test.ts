/**
 * A profile switch while an output runs is refused (as in OBS) and changes nothing; a collection
 * switch goes ahead. The Library on a real DocumentStore and data folder, with isLive under test control.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { StudioEvent } from '../../shared';
import { blankDocument } from '../document/defaults';
import { DocumentStore } from '../document/store';
import { KindRegistry } from '../kinds/registry';
import { FileSecretStore } from '../persistence/secrets';
import { Autosaver } from '../persistence/autosaver';
import { systemClock } from '../clock';
import { loadLayout } from './layout';
import { Library } from './library';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('refuses profile switches, creates, duplicates and removal of the loaded profile while live', async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bs-library-live-'));
  let live = false;
  const events: StudioEvent[] = [];
  const kinds = new KindRegistry();
  const secrets = new FileSecretStore(dir);
  let n = 0;
  const newId = () => `id-${++n}`;
  const store = new DocumentStore({ initial: blankDocument(newId), kinds, secrets, emit: (e) => events.push(e), isLive: () => live, newId });
  const saver: Autosaver = new Autosaver({ dataDir: dir, get: () => store.get(), clock: systemClock, files: () => library.files(), onError: () => undefined });
  const library: Library = new Library({
    dataDir: dir,
    layout: await loadLayout(dir, []),
    store,
    kinds,
    secrets,
    flush: () => saver.flush(),
    isLive: () => live,
    emit: (e) => events.push(e),
    notify: () => undefined,
    newId,
  });
  expect(await library.execute('profile.create', { name: 'Night' })).toEqual({ ok: true, value: null });
  await store.execute('output.setEncoder', { bitrateKbps: 5000 });

  live = true;
  const revision = store.get().revision;
  events.length = 0;
  for (const [type, args] of [
    ['profile.switch', { name: 'Untitled' }],
    ['profile.create', { name: 'Third' }],
    ['profile.duplicate', { name: 'Night', newName: 'Copy' }],
    ['profile.remove', { name: 'Night' }],
  ] as const) {
    expect(await library.execute(type, args), type).toMatchObject({ ok: false, error: { code: 500, message: expect.stringContaining('while streaming or recording') } });
  }
  expect(store.get().revision).toBe(revision);
  expect(events).toEqual([]);
  expect(library.list('profile')).toEqual({ current: 'Night', names: ['Untitled', 'Night'] });
  // Renaming is not a switch; and scene collections switch while live, as in OBS.
  expect(await library.execute('profile.rename', { name: 'Night', newName: 'Late' })).toEqual({ ok: true, value: null });
  expect(await library.execute('collection.create', { name: 'Live show' })).toEqual({ ok: true, value: null });
  expect(library.list('collection').current).toBe('Live show');

  live = false;
  expect(await library.execute('profile.switch', { name: 'Untitled' })).toEqual({ ok: true, value: null });
  expect(store.get().output.encoder.bitrateKbps).toBe(2500);
  // The live profile's change was saved at the switch, into its own file.
  expect(await library.execute('profile.switch', { name: 'Late' })).toEqual({ ok: true, value: null });
  expect(store.get().output.encoder.bitrateKbps).toBe(5000);
  saver.dispose();
});
